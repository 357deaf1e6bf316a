#include "gateway/audit/atna_message.hpp"

#include <chrono>

#include "gateway/net/tls_context.hpp"
#include "trust/saml/saml_names.hpp"
#include "trust/xml/date_time.hpp"
#include "trust/xml/escape.hpp"

namespace ncpeh::gateway::audit {

namespace {

using trust::xml::append_attribute;

// DICOM event ids (PS3.16 CID 400) and what OpenNCP calls each eHDSI transaction (§4.1).
constexpr std::string_view query = "110112";
constexpr std::string_view exported = "110106";
constexpr std::string_view imported = "110107";
constexpr std::string_view authenticated = "110114";

constexpr atna_event_kind xcpd{"EHDSI-11", "IdentityService::FindIdentityByTraits",
                               "ITI-55",   "Cross Gateway Patient Discovery",
                               query,      "Query",
                               "E"};
constexpr atna_event_kind xca_list{
    "EHDSI-31", "OrderService::List", "ITI-38", "Cross Gateway Query", query, "Query", "E"};
constexpr atna_event_kind xca_retrieve{
    "EHDSI-32", "OrderService::Retrieve", "ITI-39", "Cross Gateway Retrieve", exported, "Export",
    "R"};
constexpr atna_event_kind xdr_dispense{"EHDSI-41", "DispensationService::Initialize",
                                       "ITI-41",   "Provide and Register Document Set-b",
                                       imported,   "Import",
                                       "C"};
constexpr atna_event_kind xdr_discard{"EHDSI-42", "DispensationService::Discard",
                                      "ITI-41",   "Provide and Register Document Set-b",
                                      imported,   "Import",
                                      "D"};
constexpr atna_event_kind hcp_identity{"EHDSI-91",    "identityProvider::HPAuthentication",
                                       "ITI-40",      "Provide X-User Assertion",
                                       authenticated, "User Authenticated",
                                       "E",           false};
constexpr atna_event_kind trc_assertion{"EHDSI-92",    "ncp::TrcAssertion",  "",  "",
                                        authenticated, "User Authenticated", "E", false};
constexpr atna_event_kind pivot_translation{
    "EHDSI-94", "ncpTransformationMgr::Translate", "", "", exported, "Export", "E"};

// Country B: the same transactions seen from the calling side (retrieve imports, dispensation
// exports; trust-audit-operations.md §4.2).
constexpr atna_event_kind as_caller(atna_event_kind kind) {
    kind.we_provide = false;
    if (kind.event_id == exported) {
        kind.event_id = imported;
        kind.event_id_name = "Import";
    } else if (kind.event_id == imported) {
        kind.event_id = exported;
        kind.event_id_name = "Export";
    }
    return kind;
}

std::optional<atna_event_kind> transaction_kind(std::string_view name) {
    constexpr std::string_view caller_prefix = "ncp-b-";
    const bool caller = name.starts_with(caller_prefix);
    if (caller) {
        name.remove_prefix(caller_prefix.size());
        if (name == "session") {
            return hcp_identity;
        }
    }
    std::optional<atna_event_kind> kind;
    if (name == "xcpd") {
        kind = xcpd;
    } else if (name == "xca-list") {
        kind = xca_list;
    } else if (name == "xca-retrieve") {
        kind = xca_retrieve;
    } else if (name == "xdr-dispense") {
        kind = xdr_dispense;
    } else if (name == "xdr-discard") {
        kind = xdr_discard;
    }
    if (kind && caller) {
        kind = as_caller(*kind);
    }
    return kind;
}

bool partner_unreachable(const audit_event& event) {
    return event.error_name == "foreign_ncp_unreachable" ||
           event.error_name == "foreign_ncp_timeout";
}

void append_code(std::string& out, std::string_view element, std::string_view code,
                 std::string_view system, std::string_view text) {
    out += '<';
    out += element;
    append_attribute(out, "csd-code", code);
    append_attribute(out, "codeSystemName", system);
    append_attribute(out, "displayName", text);
    append_attribute(out, "originalText", text);
    out += "/>";
}

struct participant {
    std::string_view user_id;
    bool requestor = false;
    std::string_view address;  // empty: none
    std::string_view role_code;
    std::string_view role_system;
    std::string_view role_name;
    std::string_view second_role_code = {};  // the HCP's ISCO role
};

void append_participant(std::string& out, const participant& p) {
    out += "<ActiveParticipant";
    append_attribute(out, "UserID", p.user_id);
    append_attribute(out, "UserIsRequestor", p.requestor ? "true" : "false");
    if (!p.address.empty()) {
        append_attribute(out, "NetworkAccessPointID", p.address);
        append_attribute(out, "NetworkAccessPointTypeCode",
                         net::is_ip_literal(std::string(p.address)) ? "2" : "1");
    }
    out += '>';
    append_code(out, "RoleIDCode", p.role_code, p.role_system, p.role_name);
    if (!p.second_role_code.empty()) {
        append_code(out, "RoleIDCode", p.second_role_code, trust::saml::isco_code_system,
                    p.second_role_code);
    }
    out += "</ActiveParticipant>";
}

void append_object(std::string& out, std::string_view id, std::string_view type,
                   std::string_view role, std::string_view id_code, std::string_view id_system,
                   std::string_view id_name) {
    out += "<ParticipantObjectIdentification";
    append_attribute(out, "ParticipantObjectID", id);
    append_attribute(out, "ParticipantObjectTypeCode", type);
    if (!role.empty()) {
        append_attribute(out, "ParticipantObjectTypeCodeRole", role);
    }
    out += '>';
    append_code(out, "ParticipantObjectIDTypeCode", id_code, id_system, id_name);
    out += "</ParticipantObjectIdentification>";
}

}  // namespace

std::vector<atna_event_kind> atna_kinds_of(const audit_event& event) {
    std::vector<atna_event_kind> kinds;
    if (event.outcome == outcome::started) {
        return kinds;
    }
    auto kind = transaction_kind(event.transaction);
    if (!kind) {
        return kinds;
    }
    if (!kind->we_provide && partner_unreachable(event)) {
        kind->ehdsi_code = "EHDSI-CF";
        kind->ehdsi_name = "epsosCommunicationFailure";
    }
    kinds.push_back(*kind);
    if (kind->we_provide && kind->ehdsi_code == xca_retrieve.ehdsi_code &&
        event.outcome == outcome::success && !event.document_ids.empty()) {
        kinds.push_back(pivot_translation);
    }
    if (!kind->we_provide && kind->ehdsi_code != hcp_identity.ehdsi_code &&
        !event.trc_assertion_id.empty()) {
        kinds.push_back(trc_assertion);
    }
    return kinds;
}

std::string atna_message(const audit_event& event, const atna_event_kind& kind,
                         const atna_source& source) {
    const bool failed = event.outcome != outcome::success;
    std::string out;
    out.reserve(2048);
    out += "<AuditMessage><EventIdentification";
    append_attribute(out, "EventActionCode", kind.action);
    append_attribute(
        out, "EventDateTime",
        trust::xml::format_date_time(std::chrono::floor<std::chrono::milliseconds>(event.at)));
    append_attribute(out, "EventOutcomeIndicator", failed ? "8" : "0");
    out += '>';
    append_code(out, "EventID", kind.event_id, "DCM", kind.event_id_name);
    if (!kind.ihe_transaction.empty()) {
        append_code(out, "EventTypeCode", kind.ihe_transaction, "IHE Transactions", kind.ihe_name);
    }
    append_code(out, "EventTypeCode", kind.ehdsi_code, "eHealth DSI Transactions", kind.ehdsi_name);
    if (failed && !event.error_code.empty()) {
        trust::xml::append_text_element(out, "EventOutcomeDescription",
                                        event.error_code + " " + event.error_name);
    }
    out += "</EventIdentification>";

    // The professional who asked, and where they work.
    if (!event.requester.empty()) {
        append_participant(
            out,
            {event.requester, true, {}, "110153", "DCM", "Source Role ID", event.requester_role});
    }
    if (!event.requester_organisation.empty()) {
        append_participant(
            out, {event.requester_organisation, false, {}, "110152", "DCM", "Destination Role ID"});
    }
    // The two NCPs: the partner by its TLS certificate (or, unknown, its country), we by ours.
    const std::string_view partner = !event.partner_certificate_cn.empty()
                                         ? event.partner_certificate_cn
                                         : std::string_view(event.partner_country);
    const participant us{source.tls_common_name, !kind.we_provide, source.host, "", "", ""};
    const participant them{partner, kind.we_provide, event.partner_address, "", "", ""};
    participant consumer = kind.we_provide ? them : us;
    consumer.role_code = consumer.role_name = "ServiceConsumer";
    consumer.role_system = "eHealth DSI";
    append_participant(out, consumer);
    if (!partner.empty() || kind.we_provide) {
        participant provider = kind.we_provide ? us : them;
        provider.role_code = provider.role_name = "ServiceProvider";
        provider.role_system = "eHealth DSI";
        append_participant(out, provider);
    }

    out += "<AuditSourceIdentification";
    append_attribute(out, "AuditEnterpriseSiteID", source.site_id);
    append_attribute(out, "AuditSourceID", source.site_id);
    out += '>';
    append_code(out, "AuditSourceTypeCode", "4", "DCM", "Application Server Process");
    out += "</AuditSourceIdentification>";

    if (!event.patient_id.empty()) {
        append_object(out, event.patient_id, "1", "1", "2", "RFC-3881", "Patient Number");
    }
    for (const std::string& document : event.document_ids) {
        append_object(out, document, "2", "3", "9", "RFC-3881", "Report Number");
    }
    if (failed && !event.error_code.empty()) {
        append_object(out, event.error_code, "2", "", event.error_code, "eHealth DSI Security",
                      event.error_name);
    }
    if (!event.message_id.empty()) {
        append_object(out, event.message_id, "4", "", "req", "eHealth DSI Msg", "Request Message");
    }
    if (!event.response_message_id.empty()) {
        append_object(out, event.response_message_id, "4", "", "rsp", "eHealth DSI Msg",
                      "Response Message");
    }
    out += "</AuditMessage>";
    return out;
}

std::vector<std::string> atna_messages(const audit_event& event, const atna_source& source) {
    std::vector<std::string> out;
    for (const atna_event_kind& kind : atna_kinds_of(event)) {
        out.push_back(atna_message(event, kind, source));
    }
    return out;
}

}  // namespace ncpeh::gateway::audit
