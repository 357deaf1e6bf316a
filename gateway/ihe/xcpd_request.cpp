#include "gateway/ihe/xcpd_request.hpp"

#include "trust/xml/escape.hpp"
#include "trust/xml/namespaces.hpp"
#include "trust/xml/navigate.hpp"

namespace ncpeh::gateway::ihe {

namespace ns = trust::xml::ns;

namespace {

namespace xml = trust::xml;

error invalid(std::string message, std::string_view element) {
    return make_error(errc::ihe_request_invalid, "XCPD request: " + std::move(message))
        .with("element", std::string(element));
}

/// `device/id/@root` below `sender` or `receiver`.
std::string device_id(const xmlNode& root, std::string_view role) {
    const xmlNode* id =
        xml::find_path(root, {{ns::hl7, role}, {ns::hl7, "device"}, {ns::hl7, "id"}});
    return id == nullptr ? std::string() : std::string(xml::attribute(*id, "root").value_or(""));
}

/// The first `value` child of the first `parameter` element in the parameter list.
const xmlNode* parameter_value(const xmlNode& list, std::string_view parameter) {
    const xmlNode* element = xml::first_child(list, ns::hl7, parameter);
    return element == nullptr ? nullptr : xml::first_child(*element, ns::hl7, "value");
}

using trust::xml::append_escaped;

using trust::xml::append_attribute;

}  // namespace

result<xcpd_request> parse_xcpd_request(const xmlNode& body_root) {
    if (!xml::is_element(body_root, ns::hl7, "PRPA_IN201305UV02")) {
        return invalid("the body is not an HL7v3 PRPA_IN201305UV02", xml::local_name(body_root));
    }
    xcpd_request request;
    const xmlNode* id = xml::first_child(body_root, ns::hl7, "id");
    if (id == nullptr || !xml::attribute(*id, "root")) {
        return invalid("the message has no id/@root", "id");
    }
    request.message_id = instance_id_of(*id);
    if (const xmlNode* time = xml::first_child(body_root, ns::hl7, "creationTime")) {
        request.creation_time = std::string(xml::attribute(*time, "value").value_or(""));
    }
    request.sender_device_id = device_id(body_root, "sender");
    if (request.sender_device_id.empty()) {
        return invalid("sender/device/id/@root is missing", "sender");
    }
    request.receiver_device_id = device_id(body_root, "receiver");
    if (request.receiver_device_id.empty()) {
        return invalid("receiver/device/id/@root is missing", "receiver");
    }
    const xmlNode* query =
        xml::find_path(body_root, {{ns::hl7, "controlActProcess"}, {ns::hl7, "queryByParameter"}});
    if (query == nullptr) {
        return invalid("controlActProcess/queryByParameter is missing", "queryByParameter");
    }
    if (const xmlNode* query_id = xml::first_child(*query, ns::hl7, "queryId")) {
        request.query_id = instance_id_of(*query_id);
    }
    const xmlNode* list = xml::first_child(*query, ns::hl7, "parameterList");
    if (list == nullptr) {
        return invalid("queryByParameter/parameterList is missing", "parameterList");
    }
    for (const xmlNode* subject : xml::children(*list, ns::hl7, "livingSubjectId")) {
        const auto values = xml::children(*subject, ns::hl7, "value");
        if (values.empty()) {
            return invalid("a livingSubjectId has no value", "livingSubjectId");
        }
        for (const xmlNode* value : values) {
            instance_id subject_id = instance_id_of(*value);
            if (subject_id.root.empty() || subject_id.extension.empty()) {
                return invalid("a livingSubjectId/value lacks root or extension",
                               "livingSubjectId");
            }
            request.living_subject_ids.push_back(std::move(subject_id));
        }
    }
    if (request.living_subject_ids.empty()) {
        return make_error(errc::demographics_query_not_allowed,
                          "XCPD request without livingSubjectId: identification by demographics "
                          "only is not offered")
            .with("element", "parameterList");
    }
    if (const xmlNode* gender = parameter_value(*list, "livingSubjectAdministrativeGender")) {
        if (auto code = xml::attribute(*gender, "code"); code && !code->empty()) {
            request.gender = std::string(*code);
        }
    }
    if (const xmlNode* birth = parameter_value(*list, "livingSubjectBirthTime")) {
        if (auto value = xml::attribute(*birth, "value"); value && !value->empty()) {
            request.birth_time = std::string(*value);
        }
    }
    if (const xmlNode* name = parameter_value(*list, "livingSubjectName")) {
        request.name = person_name_of(*name);
    }
    if (const xmlNode* address = parameter_value(*list, "patientAddress")) {
        request.address = postal_address_of(*address);
    }
    return request;
}

void append_xcpd_query_by_parameter(std::string& out, const xcpd_request& request) {
    out += "<queryByParameter>";
    append_instance_id(out, "queryId", request.query_id);
    out += R"(<statusCode code="new"/><responseModalityCode code="R"/>)"
           R"(<responsePriorityCode code="I"/><matchCriterionList/><parameterList>)";
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
        append_instance_id(out, "value", id);
        out += "<semanticsText>LivingSubject.id</semanticsText></livingSubjectId>";
    }
    if (request.name) {
        out += "<livingSubjectName><value>";
        append_person_name_parts(out, *request.name);
        out += "</value><semanticsText>LivingSubject.name</semanticsText></livingSubjectName>";
    }
    if (request.address) {
        out += "<patientAddress><value>";
        append_postal_address_parts(out, *request.address);
        out += "</value><semanticsText>Patient.addr</semanticsText></patientAddress>";
    }
    out += "</parameterList></queryByParameter>";
}

void append_xcpd_device(std::string& out, device_role role, std::string_view community) {
    const bool receiver = role == device_role::receiver;
    out += receiver ? R"(<receiver typeCode="RCV">)" : R"(<sender typeCode="SND">)";
    out += R"(<device classCode="DEV" determinerCode="INSTANCE">)";
    append_instance_id(out, "id", {std::string(community), {}});
    out += R"(<asAgent classCode="AGNT"><representedOrganization classCode="ORG" )"
           R"(determinerCode="INSTANCE">)";
    append_instance_id(out, "id", {std::string(community), {}});
    out += "</representedOrganization></asAgent></device>";
    out += receiver ? "</receiver>" : "</sender>";
}

std::string write_xcpd_request(const xcpd_request& request) {
    std::string out;
    out.reserve(2048);
    out += R"(<PRPA_IN201305UV02 xmlns=")";
    out += ns::hl7;
    out += R"(" ITSVersion="XML_1.0">)";
    append_instance_id(out, "id", request.message_id);
    out += "<creationTime";
    append_attribute(out, "value", request.creation_time);
    out += "/>";
    out += R"(<versionCode code="V3PR1"/>)"
           R"(<interactionId root="2.16.840.1.113883.1.6" extension="PRPA_IN201305UV02"/>)"
           R"(<processingCode code="P"/><processingModeCode code="T"/><acceptAckCode code="AL"/>)";
    append_xcpd_device(out, device_role::receiver, request.receiver_device_id);
    append_xcpd_device(out, device_role::sender, request.sender_device_id);
    out += R"(<controlActProcess classCode="CACT" moodCode="EVN">)"
           R"(<code code="PRPA_TE201305UV02" codeSystem="2.16.840.1.113883.1.6"/>)"
           R"(<authorOrPerformer typeCode="AUT"><assignedPerson classCode="ASSIGNED"/>)"
           R"(</authorOrPerformer>)";
    append_xcpd_query_by_parameter(out, request);
    out += "</controlActProcess></PRPA_IN201305UV02>";
    return out;
}

}  // namespace ncpeh::gateway::ihe
