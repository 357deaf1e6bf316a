#include "gateway/ihe/xcpd_response.hpp"

#include "trust/xml/escape.hpp"
#include "trust/xml/namespaces.hpp"

namespace ncpeh::gateway::ihe {

namespace ns = trust::xml::ns;

namespace {

using trust::xml::append_escaped;

// Code systems of ehdsi-protocol.md §2.
constexpr std::string_view ihe_xcpd_issue_codes = "1.3.6.1.4.1.19376.1.2.27.3";
constexpr std::string_view ehdsi_xcpd_issue_codes = "1.3.6.1.4.1.12559.11.10.1.3.2.2.1";
constexpr std::string_view hl7_interaction = "2.16.840.1.113883.1.6";

void append_attribute(std::string& out, std::string_view name, std::string_view value) {
    out += ' ';
    out += name;
    out += "=\"";
    append_escaped(out, value);
    out += '"';
}

void append_ii(std::string& out, std::string_view element, const instance_id& id) {
    out += '<';
    out += element;
    append_attribute(out, "root", id.root);
    if (!id.extension.empty()) {
        append_attribute(out, "extension", id.extension);
    }
    out += "/>";
}

void append_text_element(std::string& out, std::string_view element, std::string_view text) {
    out += '<';
    out += element;
    out += '>';
    append_escaped(out, text);
    out += "</";
    out += element;
    out += '>';
}

void append_device(std::string& out, std::string_view role, std::string_view type_code,
                   std::string_view community) {
    out += '<';
    out += role;
    append_attribute(out, "typeCode", type_code);
    out += R"(><device classCode="DEV" determinerCode="INSTANCE">)";
    append_ii(out, "id", {std::string(community), {}});
    out += R"(<asAgent classCode="AGNT"><representedOrganization classCode="ORG" )"
           R"(determinerCode="INSTANCE">)";
    append_ii(out, "id", {std::string(community), {}});
    out += "</representedOrganization></asAgent></device></";
    out += role;
    out += '>';
}

void append_name_parts(std::string& out, const person_name& name) {
    for (const std::string& given : name.given) {
        append_text_element(out, "given", given);
    }
    if (!name.family.empty()) {
        append_text_element(out, "family", name.family);
    }
}

void append_address_parts(std::string& out, const postal_address& address) {
    if (!address.street.empty()) {
        append_text_element(out, "streetAddressLine", address.street);
    }
    if (!address.city.empty()) {
        append_text_element(out, "city", address.city);
    }
    if (!address.postal_code.empty()) {
        append_text_element(out, "postalCode", address.postal_code);
    }
    if (!address.country.empty()) {
        append_text_element(out, "country", address.country);
    }
}

void append_registration_event(std::string& out, const patient_match& match,
                               std::string_view home_community_id) {
    out += R"(<subject typeCode="SUBJ" contextConductionInd="false">)"
           R"(<registrationEvent classCode="REG" moodCode="EVN"><id nullFlavor="NA"/>)"
           R"(<statusCode code="active"/><subject1 typeCode="SBJ"><patient classCode="PAT">)";
    append_ii(out, "id", match.id);
    out +=
        R"(<statusCode code="active"/><patientPerson classCode="PSN" determinerCode="INSTANCE">)";
    if (match.name) {
        out += "<name>";
        append_name_parts(out, *match.name);
        out += "</name>";
    }
    if (match.gender) {
        out += "<administrativeGenderCode";
        append_attribute(out, "code", *match.gender);
        out += R"( codeSystem="2.16.840.1.113883.5.1"/>)";
    }
    if (match.birth_time) {
        out += "<birthTime";
        append_attribute(out, "value", *match.birth_time);
        out += "/>";
    }
    if (match.address) {
        out += "<addr>";
        append_address_parts(out, *match.address);
        out += "</addr>";
    }
    out +=
        R"(</patientPerson><subjectOf1><queryMatchObservation classCode="COND" moodCode="EVN">)"
        R"(<code code="IHE_PDQ" codeSystem="2.16.840.1.113883.1.11.19914"/>)"
        R"(<value xsi:type="INT" value="100"/></queryMatchObservation></subjectOf1>)"
        R"(</patient></subject1><custodian typeCode="CST"><assignedEntity classCode="ASSIGNED">)";
    append_ii(out, "id", {std::string(home_community_id), {}});
    out += R"(<code code="NotHealthDataLocator" codeSystem="1.3.6.1.4.1.19376.1.2.27.2"/>)"
           R"(</assignedEntity></custodian></registrationEvent></subject>)";
}

void append_reason_of(std::string& out, const detected_issue& issue) {
    out +=
        R"(<reasonOf typeCode="RSON"><detectedIssueEvent classCode="ALRT" moodCode="EVN">)"
        R"(<code code="ActAdministrativeDetectedIssueCode" codeSystem="2.16.840.1.113883.5.4"/>)";
    const bool mitigated = issue.placement == issue_placement::mitigated_by;
    out +=
        mitigated
            ? R"(<mitigatedBy typeCode="MITGT"><detectedIssueManagement classCode="ACT" moodCode="EVN">)"
            : R"(<triggerFor typeCode="TRIG"><actOrderRequired classCode="ACT" moodCode="RQO">)";
    out += "<code";
    append_attribute(out, "code", issue.code);
    append_attribute(out, "codeSystem", issue.code_system);
    out += "/>";
    out +=
        mitigated ? "</detectedIssueManagement></mitigatedBy>" : "</actOrderRequired></triggerFor>";
    out += "</detectedIssueEvent></reasonOf>";
}

/// The request's query parameters, echoed as IHE asks (ITI TF-2b §3.55.4.2.2).
void append_query_by_parameter(std::string& out, const xcpd_request& request) {
    out += "<queryByParameter>";
    append_ii(out, "queryId", request.query_id);
    out += R"(<statusCode code="new"/><responseModalityCode code="R"/>)"
           R"(<responsePriorityCode code="I"/><parameterList>)";
    if (request.gender) {
        out += "<livingSubjectAdministrativeGender><value";
        append_attribute(out, "code", *request.gender);
        out += R"(/><semanticsText>LivingSubject.administrativeGender</semanticsText>)"
               R"(</livingSubjectAdministrativeGender>)";
    }
    if (request.birth_time) {
        out += "<livingSubjectBirthTime><value";
        append_attribute(out, "value", *request.birth_time);
        out += "/><semanticsText>LivingSubject.birthTime</semanticsText></livingSubjectBirthTime>";
    }
    for (const instance_id& id : request.living_subject_ids) {
        out += "<livingSubjectId>";
        append_ii(out, "value", id);
        out += "<semanticsText>LivingSubject.id</semanticsText></livingSubjectId>";
    }
    if (request.name) {
        out += "<livingSubjectName><value>";
        append_name_parts(out, *request.name);
        out += "</value><semanticsText>LivingSubject.name</semanticsText></livingSubjectName>";
    }
    if (request.address) {
        out += "<patientAddress><value>";
        append_address_parts(out, *request.address);
        out += "</value><semanticsText>Patient.addr</semanticsText></patientAddress>";
    }
    out += "</parameterList></queryByParameter>";
}

struct outcome {
    std::string_view ack_code;             // AA or AE
    std::string_view query_response_code;  // OK, NF or AE
    std::optional<detected_issue> issue;
    std::string_view detail_type;  // acknowledgementDetail typeCode, empty for none
    std::string_view detail_code;
    std::string_view detail_text;
};

std::string write_response(const xcpd_request& request, const xcpd_responder& responder,
                           std::span<const patient_match> matches, const outcome& result) {
    std::string out;
    out.reserve(4096);
    out += R"(<PRPA_IN201306UV02 xmlns=")";
    out += ns::hl7;
    out += R"(" xmlns:xsi=")";
    out += ns::xsi;
    out += R"(" ITSVersion="XML_1.0">)";
    append_ii(out, "id", responder.message_id);
    out += "<creationTime";
    append_attribute(out, "value", responder.creation_time);
    out += "/>";
    out += R"(<interactionId root="2.16.840.1.113883.1.6" extension="PRPA_IN201306UV02"/>)"
           R"(<processingCode code="P"/><processingModeCode code="T"/><acceptAckCode code="NE"/>)";
    append_device(out, "receiver", "RCV", request.sender_device_id);
    append_device(out, "sender", "SND", responder.home_community_id);
    out += "<acknowledgement><typeCode";
    append_attribute(out, "code", result.ack_code);
    out += "/>";
    if (!request.message_id.root.empty()) {
        out += "<targetMessage>";
        append_ii(out, "id", request.message_id);
        out += "</targetMessage>";
    }
    if (!result.detail_code.empty()) {
        out += "<acknowledgementDetail";
        append_attribute(out, "typeCode", result.detail_type);
        out += "><code";
        append_attribute(out, "code", result.detail_code);
        out += "/>";
        append_text_element(out, "text", result.detail_text);
        out += "</acknowledgementDetail>";
    }
    out += R"(</acknowledgement><controlActProcess classCode="CACT" moodCode="EVN">)";
    out += "<code code=\"PRPA_TE201306UV02\"";
    append_attribute(out, "codeSystem", hl7_interaction);
    out += "/>";
    for (const patient_match& match : matches) {
        append_registration_event(out, match, responder.home_community_id);
    }
    if (result.issue) {
        append_reason_of(out, *result.issue);
    }
    out += "<queryAck>";
    if (!request.query_id.root.empty()) {
        append_ii(out, "queryId", request.query_id);
    }
    out += R"(<statusCode code="deliveredResponse"/><queryResponseCode)";
    append_attribute(out, "code", result.query_response_code);
    out += "/>";
    const std::string count = std::to_string(matches.size());
    out += "<resultTotalQuantity value=\"" + count + "\"/>";
    out += "<resultCurrentQuantity value=\"" + count + "\"/>";
    out += R"(<resultRemainingQuantity value="0"/></queryAck>)";
    if (!request.query_id.root.empty() || !request.living_subject_ids.empty()) {
        append_query_by_parameter(out, request);
    }
    out += "</controlActProcess></PRPA_IN201306UV02>";
    return out;
}

}  // namespace

detected_issue detected_issue_of(errc code) noexcept {
    switch (code) {
        case errc::demographics_query_not_allowed:
            return {"DemographicsQueryNotAllowed", ehdsi_xcpd_issue_codes,
                    issue_placement::trigger_for};
        case errc::patient_not_found:
        case errc::patient_multiple_matches:
        case errc::xcpd_wrong_receiver:
            return {"AnswerNotAvailable", ihe_xcpd_issue_codes, issue_placement::mitigated_by};
        case errc::assertion_not_valid:
        case errc::trc_identity_mismatch:
        case errc::hcp_assertion_missing:
        case errc::hcp_assertion_invalid:
        case errc::insufficient_rights:
        case errc::security_generic:
        case errc::patient_differs_from_trc:
        case errc::assertion_replayed:
        case errc::partner_unknown:
        case errc::no_consent:
            return {"InsufficientRights", ehdsi_xcpd_issue_codes, issue_placement::mitigated_by};
        case errc::national_store_unreachable:
            return {"ResponderBusy", ihe_xcpd_issue_codes, issue_placement::mitigated_by};
        default:
            return {"InternalError", ihe_xcpd_issue_codes, issue_placement::mitigated_by};
    }
}

std::string write_xcpd_matches(const xcpd_request& request, const xcpd_responder& responder,
                               std::span<const patient_match> matches) {
    return write_response(request, responder, matches, {"AA", "OK", std::nullopt, {}, {}, {}});
}

std::string write_xcpd_no_match(const xcpd_request& request, const xcpd_responder& responder) {
    return write_response(request, responder, {},
                          {"AA", "NF", detected_issue_of(errc::patient_not_found), "I",
                           ehdsi_code(errc::patient_not_found), "No patient matches the query"});
}

std::string write_xcpd_error(const xcpd_request& request, const xcpd_responder& responder,
                             const error& e) {
    return write_response(
        request, responder, {},
        {"AE", "AE", detected_issue_of(e.code), "E", ehdsi_code(e.code), message_for_partner(e)});
}

}  // namespace ncpeh::gateway::ihe
