#pragma once

#include <boost/beast/http/verb.hpp>

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "trust/error/error.hpp"

namespace ncpeh::gateway::national_api {

/// What a request asks the national API to do.
enum class operation {
    start_session,           ///< a pharmacist starts work: licence check, HCP assertion, token
    list_countries,          ///< the partners offering eP/eD, with their search masks
    identify_patient,        ///< XCPD to the patient's country; TRC issued for the match
    list_eprescriptions,     ///< XCA query
    retrieve_eprescription,  ///< XCA retrieve → the Swedish view (or the L1 PDF)
    submit_dispensation,     ///< translate, check, commit to the outbox, XDR
    dispensation_status,     ///< queued, delivered or failed
    discard_dispensation,    ///< the eHDSI discard of an earlier dispensation
    patient_access,          ///< a Swedish patient's cross-border access log (patient e-services)
};

/// Who may call a route: pharmacy systems (`[[pharmacy]]`) or the patient e-services
/// (`[[patient_eservice]]`), told apart by their TLS client certificate; never both.
enum class caller_kind { pharmacy_system, patient_eservice };

/// One route: method and path template (`{name}` matches one segment). The OpenAPI document in
/// docs/national-api.openapi.json lists exactly these (a test compares them).
struct route {
    operation op;
    boost::beast::http::verb method;
    std::string_view path;
    /// Whether the route needs `Authorization: Bearer <session token>`.
    bool needs_session;
    caller_kind caller = caller_kind::pharmacy_system;
};

inline constexpr std::string_view api_prefix = "/national/v1";

inline constexpr std::array<route, 9> routes{{
    {operation::start_session, boost::beast::http::verb::post, "/national/v1/sessions", false},
    {operation::list_countries, boost::beast::http::verb::get, "/national/v1/countries", true},
    {operation::identify_patient, boost::beast::http::verb::post,
     "/national/v1/foreign-patients/$identify", true},
    {operation::list_eprescriptions, boost::beast::http::verb::get,
     "/national/v1/foreign-patients/{patientId}/eprescriptions", true},
    {operation::retrieve_eprescription, boost::beast::http::verb::get,
     "/national/v1/foreign-patients/{patientId}/eprescriptions/{documentId}", true},
    {operation::submit_dispensation, boost::beast::http::verb::post,
     "/national/v1/foreign-dispensations", true},
    {operation::dispensation_status, boost::beast::http::verb::get,
     "/national/v1/foreign-dispensations/{dispensationId}", true},
    {operation::discard_dispensation, boost::beast::http::verb::post,
     "/national/v1/foreign-dispensations/{dispensationId}/$discard", true},
    {operation::patient_access, boost::beast::http::verb::get,
     "/national/v1/patients/{personnummer}/cross-border-access", false,
     caller_kind::patient_eservice},
}};

/// A request target resolved to its route: the path parameters (percent-decoded, in template
/// order) and the query parameters (decoded).
struct routed_request {
    const route* to = nullptr;
    std::vector<std::string> path_parameters;
    std::vector<std::pair<std::string, std::string>> query;

    /// The first query parameter named `name`, or empty.
    std::string_view query_value(std::string_view name) const noexcept;
};

/// Resolves `target` (origin form, e.g.
/// "/national/v1/foreign-patients/…/eprescriptions?country=FI"). Errors: `errc::unknown_route` —
/// with context "allow" naming the methods when the path exists but not with `method` (405) — and
/// `errc::invalid_argument` for a target that is not a URL path or has an empty or undecodable
/// segment.
result<routed_request> resolve_route(boost::beast::http::verb method, std::string_view target);

}  // namespace ncpeh::gateway::national_api
