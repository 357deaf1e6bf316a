// A Swedish patient's cross-border access log, for the patient e-services (issue #15): what was
// done abroad with the patient's ePrescriptions, read from the audit trail that country A writes.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <algorithm>
#include <charconv>

#include "gateway/audit/patient_access.hpp"
#include "gateway/ihe/patient_id.hpp"
#include "gateway/log/json_log.hpp"
#include "gateway/national_api/api_operations.hpp"
#include "translators/fhir/patient.hpp"
#include "translators/sweden/identifier_oids.hpp"
#include "translators/sweden/personnummer.hpp"
#include "trust/saml/isco_role.hpp"
#include "trust/saml/transaction.hpp"
#include "trust/xml/date_time.hpp"

namespace ncpeh::gateway::national_api {

namespace json = boost::json;

namespace {

/// The audit trail's name of one reading of an access log.
constexpr std::string_view audited_access = "patient-access";

constexpr std::size_t default_page = 20;
constexpr std::size_t max_page = 100;

/// What the patient sees of each country-A transaction. XCPD is in the log too: identifying the
/// patient abroad hands their name and birth date to the foreign pharmacy.
std::string_view action_of(trust::saml::transaction tx) noexcept {
    switch (tx) {
        case trust::saml::transaction::xcpd:
            return "identify";
        case trust::saml::transaction::xca_list:
            return "list";
        case trust::saml::transaction::xca_retrieve:
            return "retrieve";
        case trust::saml::transaction::xdr_dispense:
            return "dispense";
        case trust::saml::transaction::xdr_discard:
            break;
    }
    return "discard";
}

std::vector<std::string> country_a_transactions() {
    std::vector<std::string> out;
    for (const auto tx :
         {trust::saml::transaction::xcpd, trust::saml::transaction::xca_list,
          trust::saml::transaction::xca_retrieve, trust::saml::transaction::xdr_dispense,
          trust::saml::transaction::xdr_discard}) {
        out.emplace_back(trust::saml::name_of(tx));
    }
    return out;
}

// The patient id the audit rows carry for this number (`ihe::format_patient_id`), under the
// root of its kind.
ihe::patient_id patient_id_of(const std::string& number,
                              const translators::sweden::personal_identity& identity) {
    const bool coordination =
        identity.kind == translators::sweden::personal_identity_kind::samordningsnummer;
    return {std::string(coordination ? translators::sweden::samordningsnummer_oid
                                     : translators::sweden::personnummer_oid),
            number};
}

result<std::size_t> page_size_of(std::string_view text) {
    if (text.empty()) {
        return default_page;
    }
    std::size_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec == std::errc::result_out_of_range && end == text.data() + text.size()) {
        return max_page;
    }
    if (ec != std::errc() || end != text.data() + text.size() || value == 0) {
        return make_error(errc::invalid_argument, "_count must be a whole number from 1")
            .with("element", "_count");
    }
    return std::min(value, max_page);
}

std::string rfc3339(std::chrono::system_clock::time_point at) {
    return trust::xml::format_date_time(
        std::chrono::time_point_cast<std::chrono::milliseconds>(at));
}

json::object entry_json(const audit::audit_event& e) {
    const auto tx = trust::saml::parse_transaction(e.transaction);
    json::object out{{"at", rfc3339(e.at)},
                     {"action", tx ? action_of(*tx) : std::string_view(e.transaction)},
                     {"transaction", e.transaction},
                     {"country", e.partner_country}};
    if (!e.requester_organisation.empty()) {
        out["organization"] = e.requester_organisation;
    }
    json::object pharmacist;
    if (!e.requester.empty()) {
        pharmacist["name"] = e.requester;
    }
    if (!e.requester_role.empty()) {
        json::object role{{"code", e.requester_role}};
        if (const auto display = trust::saml::isco_role_display_name(e.requester_role)) {
            role["display"] = *display;
        }
        pharmacist["role"] = std::move(role);
    }
    if (!pharmacist.empty()) {
        out["pharmacist"] = std::move(pharmacist);
    }
    json::array documents;
    for (const std::string& id : e.document_ids) {
        documents.emplace_back(id);
    }
    out["documents"] = std::move(documents);
    switch (e.outcome) {
        case audit::outcome::success:
            out["outcome"] = "success";
            break;
        case audit::outcome::failure:
            out["outcome"] = "failure";
            out["error"] = json::object{{"code", e.error_name}, {"ehdsiCode", e.error_code}};
            break;
        case audit::outcome::started:
            // Begun, and ncpeh stopped before it ended: the store may or may not hold it.
            out["outcome"] = "unknown";
            break;
    }
    return out;
}

// Whether the patient's entries may be shown to `client`: always to the register's own client;
// to the others not for a protected identity, whose answer is then the same as for a patient
// without entries (nothing tells the two apart). A patient the store does not know has no
// protection to respect. Errors: the store's, when it cannot say (fail closed).
boost::asio::awaitable<result<bool>> may_show(const eservice_call& call,
                                              const std::string& number) {
    if (call.client.register_client) {
        co_return true;
    }
    auto patient = co_await call.context.services.store.find_patient(number);
    if (!patient) {
        if (patient.error().code == errc::patient_not_found) {
            co_return true;
        }
        co_return patient.error();
    }
    co_return !translators::fhir::has_protected_identity(*patient);
}

}  // namespace

boost::asio::awaitable<result<api_reply>> cross_border_access(const eservice_call& call) {
    const std::string& number = call.route.path_parameters.at(0);
    auto identity = translators::sweden::validate_personnummer(number);
    if (!identity) {
        co_return make_error(errc::invalid_argument,
                             "not a personnummer or samordningsnummer: " + identity.error().message)
            .with("element", "personnummer");
    }
    auto limit = page_size_of(call.route.query_value("_count"));
    if (!limit) {
        co_return limit.error();
    }
    std::optional<audit::access_cursor> after;
    if (const auto cursor = call.route.query_value("cursor"); !cursor.empty()) {
        after = audit::parse_access_cursor(cursor);
        if (!after) {
            co_return make_error(errc::invalid_argument,
                                 "cursor is not one this API wrote: give the next link as it came")
                .with("element", "cursor");
        }
    }
    const ihe::patient_id patient = patient_id_of(number, *identity);
    const std::string cx = ihe::format_patient_id(patient);

    auto shown = co_await may_show(call, number);
    if (!shown) {
        co_return shown.error();
    }
    result<audit::patient_access_page> page = audit::patient_access_page{};
    if (*shown) {
        // A named query: GCC 12 mishandles temporaries built inside a co_await expression.
        audit::patient_access_query query{cx, country_a_transactions(), after, *limit};
        page = co_await call.context.services.audit.async_patient_access(std::move(query));
    }

    // The reading is audited before it is answered: who asked, for whom, and how it ended.
    audit::audit_event access;
    access.at = std::chrono::system_clock::now();
    access.transaction = std::string(audited_access);
    access.requester = "patient e-service certificate " + call.client_certificate_sha256;
    access.requester_organisation = call.client.name;
    access.patient_id = cx;
    if (!page) {
        access.outcome = audit::outcome::failure;
        access.error_code = std::string(ehdsi_code(errc::storage_unavailable));
        access.error_name = std::string(name_of(errc::storage_unavailable));
    }
    auto recorded = co_await call.context.services.audit.record(std::move(access));
    if (!recorded || !page) {
        log::logger().error(
            "national_api.access_log_unavailable",
            {{"reason", !recorded ? recorded.error().message : page.error().message}});
        co_return make_error(errc::storage_unavailable,
                             "the audit trail cannot be read or written now; try again later");
    }

    json::array entries;
    for (const audit::audit_event& e : page->events) {
        entries.push_back(entry_json(e));
    }
    json::object body{
        {"patient", json::object{{"oid", patient.root}, {"value", patient.extension}}},
        {"entries", std::move(entries)}};
    if (page->next) {
        body["next"] = "/national/v1/patients/" + number +
                       "/cross-border-access?_count=" + std::to_string(*limit) +
                       "&cursor=" + audit::format_access_cursor(*page->next);
    }
    co_return api_reply{200, std::move(body), {}, {}, {}};
}

}  // namespace ncpeh::gateway::national_api
