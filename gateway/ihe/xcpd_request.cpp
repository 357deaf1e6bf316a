#include "gateway/ihe/xcpd_request.hpp"

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

std::string attribute_or_empty(const xmlNode& element, std::string_view name) {
    return std::string(xml::attribute(element, name).value_or(""));
}

instance_id instance_id_of(const xmlNode& element) {
    return {attribute_or_empty(element, "root"), attribute_or_empty(element, "extension")};
}

/// `device/id/@root` below `sender` or `receiver`.
std::string device_id(const xmlNode& root, std::string_view role) {
    const xmlNode* id =
        xml::find_path(root, {{ns::hl7, role}, {ns::hl7, "device"}, {ns::hl7, "id"}});
    return id == nullptr ? std::string() : attribute_or_empty(*id, "root");
}

/// The first `value` child of the first `parameter` element in the parameter list.
const xmlNode* parameter_value(const xmlNode& list, std::string_view parameter) {
    const xmlNode* element = xml::first_child(list, ns::hl7, parameter);
    return element == nullptr ? nullptr : xml::first_child(*element, ns::hl7, "value");
}

std::string child_text(const xmlNode& parent, std::string_view local) {
    const xmlNode* child = xml::first_child(parent, ns::hl7, local);
    return child == nullptr ? std::string() : xml::trimmed_text_of(*child);
}

person_name name_of(const xmlNode& value) {
    person_name name;
    name.family = child_text(value, "family");
    for (const xmlNode* given : xml::children(value, ns::hl7, "given")) {
        name.given.push_back(xml::trimmed_text_of(*given));
    }
    return name;
}

postal_address address_of(const xmlNode& value) {
    postal_address address;
    address.street = child_text(value, "streetName");
    if (address.street.empty()) {
        address.street = child_text(value, "streetAddressLine");
    }
    address.city = child_text(value, "city");
    address.postal_code = child_text(value, "postalCode");
    address.country = child_text(value, "country");
    return address;
}

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
        request.creation_time = attribute_or_empty(*time, "value");
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
        request.name = name_of(*name);
    }
    if (const xmlNode* address = parameter_value(*list, "patientAddress")) {
        request.address = address_of(*address);
    }
    return request;
}

}  // namespace ncpeh::gateway::ihe
