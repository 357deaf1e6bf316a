#include "gateway/ihe/xcpd_response.hpp"

#include "gateway/ihe/remote_error.hpp"
#include "trust/xml/escape.hpp"
#include "trust/xml/namespaces.hpp"
#include "trust/xml/navigate.hpp"

namespace ncpeh::gateway::ihe {

namespace ns = trust::xml::ns;

namespace {

using trust::xml::append_text_element;

// Code systems of ehdsi-protocol.md §2.
constexpr std::string_view ihe_xcpd_issue_codes = "1.3.6.1.4.1.19376.1.2.27.3";
constexpr std::string_view ehdsi_xcpd_issue_codes = "1.3.6.1.4.1.12559.11.10.1.3.2.2.1";
constexpr std::string_view hl7_interaction = "2.16.840.1.113883.1.6";

using trust::xml::append_attribute;

void append_registration_event(std::string& out, const patient_match& match,
                               std::string_view home_community_id) {
    out += R"(<subject typeCode="SUBJ" contextConductionInd="false">)"
           R"(<registrationEvent classCode="REG" moodCode="EVN"><id nullFlavor="NA"/>)"
           R"(<statusCode code="active"/><subject1 typeCode="SBJ"><patient classCode="PAT">)";
    append_instance_id(out, "id", match.id);
    for (const instance_id& other : match.other_ids) {
        append_instance_id(out, "id", other);
    }
    out +=
        R"(<statusCode code="active"/><patientPerson classCode="PSN" determinerCode="INSTANCE">)";
    if (match.name) {
        out += "<name>";
        append_person_name_parts(out, *match.name);
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
        append_postal_address_parts(out, *match.address);
        out += "</addr>";
    }
    out +=
        R"(</patientPerson><subjectOf1><queryMatchObservation classCode="COND" moodCode="EVN">)"
        R"(<code code="IHE_PDQ" codeSystem="2.16.840.1.113883.1.11.19914"/>)"
        R"(<value xsi:type="INT" value="100"/></queryMatchObservation></subjectOf1>)"
        R"(</patient></subject1><custodian typeCode="CST"><assignedEntity classCode="ASSIGNED">)";
    append_instance_id(out, "id", {std::string(home_community_id), {}});
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
    append_instance_id(out, "id", responder.message_id);
    out += "<creationTime";
    append_attribute(out, "value", responder.creation_time);
    out += "/>";
    out += R"(<interactionId root="2.16.840.1.113883.1.6" extension="PRPA_IN201306UV02"/>)"
           R"(<processingCode code="P"/><processingModeCode code="T"/><acceptAckCode code="NE"/>)";
    append_xcpd_device(out, device_role::receiver, request.sender_device_id);
    append_xcpd_device(out, device_role::sender, responder.home_community_id);
    out += "<acknowledgement><typeCode";
    append_attribute(out, "code", result.ack_code);
    out += "/>";
    if (!request.message_id.root.empty()) {
        out += "<targetMessage>";
        append_instance_id(out, "id", request.message_id);
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
        append_instance_id(out, "queryId", request.query_id);
    }
    out += R"(<statusCode code="deliveredResponse"/><queryResponseCode)";
    append_attribute(out, "code", result.query_response_code);
    out += "/>";
    const std::string count = std::to_string(matches.size());
    out += "<resultTotalQuantity value=\"" + count + "\"/>";
    out += "<resultCurrentQuantity value=\"" + count + "\"/>";
    out += R"(<resultRemainingQuantity value="0"/></queryAck>)";
    if (!request.query_id.root.empty() || !request.living_subject_ids.empty()) {
        append_xcpd_query_by_parameter(out, request);
    }
    out += "</controlActProcess></PRPA_IN201306UV02>";
    return out;
}

// --- reading a foreign NCP-A's answer --------------------------------------------------------

namespace xml = trust::xml;

/// The code system of HL7's ActAdministrativeDetectedIssueCode, the class code OpenNCP puts on
/// detectedIssueEvent itself; the issue proper is below it (or, for some, this code is replaced).
constexpr std::string_view hl7_detected_issue_codes = "2.16.840.1.113883.5.4";

error invalid(std::string message, std::string_view element) {
    return make_error(errc::foreign_ncp_answer_invalid, "XCPD response: " + std::move(message))
        .with("element", std::string(element));
}

std::string code_attribute(const xmlNode* element) {
    return element == nullptr ? std::string()
                              : std::string(xml::attribute(*element, "code").value_or(""));
}

result<patient_match> read_patient(const xmlNode& patient) {
    patient_match match;
    const auto ids = xml::children(patient, ns::hl7, "id");
    for (const xmlNode* id : ids) {
        instance_id value = instance_id_of(*id);
        if (value.root.empty() || value.extension.empty()) {
            return invalid("a patient id lacks root or extension", "patient");
        }
        if (id == ids.front()) {
            match.id = std::move(value);
        } else {
            match.other_ids.push_back(std::move(value));
        }
    }
    if (ids.empty()) {
        return invalid("a patient has no id", "patient");
    }
    const xmlNode* person = xml::first_child(patient, ns::hl7, "patientPerson");
    if (person == nullptr) {
        return match;
    }
    if (const xmlNode* name = xml::first_child(*person, ns::hl7, "name")) {
        match.name = person_name_of(*name);
    }
    if (auto gender =
            code_attribute(xml::first_child(*person, ns::hl7, "administrativeGenderCode"));
        !gender.empty()) {
        match.gender = std::move(gender);
    }
    if (const xmlNode* birth = xml::first_child(*person, ns::hl7, "birthTime")) {
        if (auto value = xml::attribute(*birth, "value"); value && !value->empty()) {
            match.birth_time = std::string(*value);
        }
    }
    if (const xmlNode* address = xml::first_child(*person, ns::hl7, "addr")) {
        match.address = postal_address_of(*address);
    }
    return match;
}

/// The issue codes of one reasonOf/detectedIssueEvent: mitigatedBy and triggerFor codes, or
/// (OpenNCP's bare form) the event's own code when it is not the ActAdministrativeDetectedIssueCode
/// class.
void read_detected_issues(const xmlNode& event, severity level, std::vector<error>& errors) {
    const auto add = [&errors, level](const xmlNode* code) {
        const std::string value = code_attribute(code);
        if (value.empty()) {
            return false;
        }
        const std::string system(xml::attribute(*code, "codeSystem").value_or(""));
        errors.push_back(
            error_from_remote(value, "the responding gateway reports the detected issue " + value,
                              level)
                .with("code_system", system));
        return true;
    };
    bool found = false;
    for (const xmlNode* mitigated : xml::children(event, ns::hl7, "mitigatedBy")) {
        found |= add(
            xml::find_path(*mitigated, {{ns::hl7, "detectedIssueManagement"}, {ns::hl7, "code"}}));
    }
    for (const xmlNode* trigger : xml::children(event, ns::hl7, "triggerFor")) {
        found |= add(xml::find_path(*trigger, {{ns::hl7, "actOrderRequired"}, {ns::hl7, "code"}}));
    }
    const xmlNode* own = xml::first_child(event, ns::hl7, "code");
    if (!found && own != nullptr &&
        xml::attribute(*own, "codeSystem") != hl7_detected_issue_codes) {
        add(own);
    }
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

result<xcpd_answer> parse_xcpd_response(const xmlNode& body_root) {
    if (!xml::is_element(body_root, ns::hl7, "PRPA_IN201306UV02")) {
        return invalid("the body is not an HL7v3 PRPA_IN201306UV02", xml::local_name(body_root));
    }
    xcpd_answer answer;
    const xmlNode* acknowledgement = xml::first_child(body_root, ns::hl7, "acknowledgement");
    std::string ack_code;
    if (acknowledgement != nullptr) {
        ack_code = code_attribute(xml::first_child(*acknowledgement, ns::hl7, "typeCode"));
        if (const xmlNode* target =
                xml::find_path(*acknowledgement, {{ns::hl7, "targetMessage"}, {ns::hl7, "id"}})) {
            answer.target_message_id = instance_id_of(*target);
        }
    }
    const xmlNode* act = xml::first_child(body_root, ns::hl7, "controlActProcess");
    if (act == nullptr) {
        return invalid("controlActProcess is missing", "controlActProcess");
    }
    const std::string query_response_code = code_attribute(
        xml::find_path(*act, {{ns::hl7, "queryAck"}, {ns::hl7, "queryResponseCode"}}));
    if (query_response_code == "OK") {
        answer.outcome = xcpd_outcome::found;
    } else if (query_response_code == "NF") {
        answer.outcome = xcpd_outcome::not_found;
    } else if (query_response_code == "AE" || query_response_code == "QE") {
        answer.outcome = xcpd_outcome::error;
    } else if (!query_response_code.empty()) {
        return invalid("queryAck/queryResponseCode is neither OK, NF, AE nor QE",
                       "queryResponseCode")
            .with("code", query_response_code);
    } else if (ack_code == "AE" || ack_code == "AR" || ack_code == "CE" || ack_code == "CR") {
        answer.outcome = xcpd_outcome::error;
    } else {
        return invalid(
            "the answer has no status: no queryAck/queryResponseCode and no error "
            "acknowledgement",
            "queryResponseCode");
    }

    for (const xmlNode* subject : xml::children(*act, ns::hl7, "subject")) {
        const xmlNode* patient = xml::find_path(
            *subject,
            {{ns::hl7, "registrationEvent"}, {ns::hl7, "subject1"}, {ns::hl7, "patient"}});
        if (patient == nullptr) {
            return invalid("a subject has no registrationEvent/subject1/patient", "subject");
        }
        auto match = read_patient(*patient);
        if (!match) {
            return match.error();
        }
        answer.matches.push_back(std::move(*match));
    }
    if (answer.outcome == xcpd_outcome::found && answer.matches.empty()) {
        return invalid("queryResponseCode OK without any patient", "subject");
    }

    if (acknowledgement != nullptr) {
        for (const xmlNode* detail :
             xml::children(*acknowledgement, ns::hl7, "acknowledgementDetail")) {
            const std::string code = code_attribute(xml::first_child(*detail, ns::hl7, "code"));
            if (code.empty()) {
                continue;
            }
            const xmlNode* text = xml::first_child(*detail, ns::hl7, "text");
            const auto type = xml::attribute(*detail, "typeCode").value_or("E");
            answer.errors.push_back(error_from_remote(
                code, text == nullptr ? std::string() : xml::trimmed_text_of(*text),
                type == "E" ? severity::error : severity::warning));
        }
    }
    const severity issue_level =
        answer.outcome == xcpd_outcome::error ? severity::error : severity::warning;
    for (const xmlNode* reason : xml::children(*act, ns::hl7, "reasonOf")) {
        if (const xmlNode* event = xml::first_child(*reason, ns::hl7, "detectedIssueEvent")) {
            read_detected_issues(*event, issue_level, answer.errors);
        }
    }
    return answer;
}

}  // namespace ncpeh::gateway::ihe
