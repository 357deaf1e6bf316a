#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/json/value.hpp>

#include <memory>
#include <string>

#include "gateway/national_api/api_routes.hpp"
#include "gateway/national_api/eservice_directory.hpp"
#include "gateway/national_api/pharmacy_directory.hpp"
#include "gateway/national_api/session_registry.hpp"
#include "gateway/ncp_b/country_b.hpp"
#include "gateway/net/http_server.hpp"

namespace ncpeh::gateway::national_api {

/// What the national API works with. Everything outlives the listener.
struct api_context {
    const ncp_b::country_b_settings& settings;
    ncp_b::country_b_services& services;
    session_registry& sessions;
};

/// One authenticated call, as an operation sees it.
struct api_call {
    const api_context& context;
    ncp_b::pharmacy pharmacy;  ///< by the TLS client certificate
    std::string client_certificate_sha256;
    routed_request route;
    const net::request& request;
    /// The pharmacist's session; null only for `operation::start_session`.
    std::shared_ptr<const national_api::session> opened;
};

/// One call of a patient e-service (a route of `caller_kind::patient_eservice`).
struct eservice_call {
    const api_context& context;
    eservice_client client;  ///< by the TLS client certificate
    std::string client_certificate_sha256;
    routed_request route;
    const net::request& request;
};

/// An operation's answer: JSON (`body`), or raw bytes (`raw`, e.g. a PDF) when `content_type`
/// is set.
struct api_reply {
    unsigned status = 200;
    boost::json::value body;
    std::string content_type;
    std::string raw;
    std::string location;  ///< the Location header for a created resource
};

/// The national API listener's application: the authentication policy (the TLS layer verified
/// the client certificate against `[trust] pharmacy_tls`; only certificates configured for a
/// pharmacy or a patient e-service get in, else 403 `pharmacy_unknown`; each calls only the
/// routes of its `caller_kind`: a patient e-service on a pharmacy route gets 403
/// `pharmacy_unknown`, a pharmacy system on an e-service route 403 `insufficient_rights`), the
/// routes of `api_routes.hpp`, the session check (401), and every failure as a FHIR
/// OperationOutcome with the status of `http_status_of`. Never throws.
net::request_handler national_api(pharmacy_directory pharmacies, eservice_directory eservices,
                                  api_context context);

}  // namespace ncpeh::gateway::national_api
