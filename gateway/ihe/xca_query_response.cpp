#include "gateway/ihe/xca_query_response.hpp"

#include <algorithm>
#include <charconv>

#include "gateway/ihe/derived_id.hpp"
#include "gateway/ihe/registry_object.hpp"
#include "gateway/ihe/xds_identifiers.hpp"
#include "trust/xml/escape.hpp"
#include "trust/xml/namespaces.hpp"
#include "trust/xml/navigate.hpp"

namespace ncpeh::gateway::ihe {

namespace ns = trust::xml::ns;

namespace {

namespace xml = trust::xml;
using trust::xml::append_escaped;

constexpr std::string_view oid_urn_prefix = "urn:oid:";

using trust::xml::append_attribute;

/// A classification of the entry, its id derived from the entry's.
void append_entry_classification(std::string& out, const document_entry& entry,
                                 std::string_view scheme, std::string_view id_name,
                                 const coded_value& code) {
    append_classification(out, derived_uuid_urn(entry.entry_uuid, id_name), scheme,
                          entry.entry_uuid, code);
}

void append_entry_identifier(std::string& out, const document_entry& entry, std::string_view scheme,
                             std::string_view value, std::string_view name) {
    append_external_identifier(out, derived_uuid_urn(entry.entry_uuid, name), scheme,
                               entry.entry_uuid, value, name);
}

void append_extrinsic_object(std::string& out, const document_entry& entry, std::string_view home) {
    const std::string patient = format_patient_id(entry.patient);
    out += "<rim:ExtrinsicObject";
    append_attribute(out, "id", entry.entry_uuid);
    append_attribute(out, "lid", entry.entry_uuid);
    append_attribute(out, "objectType", xds_id::stable_document_entry);
    append_attribute(out, "status", xds_id::status_approved);
    append_attribute(out, "home", home);
    append_attribute(out, "mimeType", "text/xml");
    out += '>';
    // rim:RegistryObjectType content order: Slot*, Name, Description, VersionInfo,
    // Classification*, ExternalIdentifier*.
    append_slot(out, "creationTime", entry.creation_time);
    append_slot(out, "languageCode", entry.language_code);
    append_slot(out, "repositoryUniqueId", entry.repository_unique_id);
    append_slot(out, "sourcePatientId", patient);
    if (entry.size) {
        append_slot(out, "size", std::to_string(*entry.size));
    }
    if (!entry.hash.empty()) {
        append_slot(out, "hash", entry.hash);
    }
    append_localized(out, "Name", entry.title);
    if (!entry.description.empty()) {
        append_localized(out, "Description", entry.description);
    }
    out += R"(<rim:VersionInfo versionName="1.1"/>)";
    append_entry_classification(out, entry, xds_id::class_code, "classCode", entry.class_code);
    append_entry_classification(out, entry, xds_id::type_code, "typeCode", entry.type_code);
    append_entry_classification(out, entry, xds_id::format_code, "formatCode", entry.format_code);
    append_entry_classification(out, entry, xds_id::confidentiality_code, "confidentialityCode",
                                entry.confidentiality_code);
    append_entry_classification(out, entry, xds_id::healthcare_facility_type_code,
                                "healthcareFacilityTypeCode", entry.healthcare_facility_type_code);
    append_entry_classification(out, entry, xds_id::practice_setting_code, "practiceSettingCode",
                                entry.practice_setting_code);
    for (std::size_t i = 0; i < entry.event_codes.size(); ++i) {
        append_entry_classification(out, entry, xds_id::event_code_list,
                                    "eventCode/" + std::to_string(i), entry.event_codes[i]);
    }
    if (!entry.author_person.empty()) {
        out += "<rim:Classification";
        append_attribute(out, "id", derived_uuid_urn(entry.entry_uuid, "author"));
        append_attribute(out, "objectType", xds_id::classification_type);
        append_attribute(out, "classificationScheme", xds_id::author);
        append_attribute(out, "classifiedObject", entry.entry_uuid);
        out += R"( nodeRepresentation="">)";
        append_slot(out, "authorPerson", entry.author_person);
        out += "</rim:Classification>";
    }
    append_entry_identifier(out, entry, xds_id::entry_patient_id, patient,
                            "XDSDocumentEntry.patientId");
    append_entry_identifier(out, entry, xds_id::entry_unique_id, entry.unique_id,
                            "XDSDocumentEntry.uniqueId");
    out += "</rim:ExtrinsicObject>";
}

// --- reading a foreign NCP-A's answer --------------------------------------------------------

error invalid(std::string message, std::string_view element) {
    return make_error(errc::foreign_ncp_answer_invalid, "XCA query response: " + std::move(message))
        .with("element", std::string(element));
}

std::string attribute_or_empty(const xmlNode& element, std::string_view name) {
    return std::string(xml::attribute(element, name).value_or(""));
}

coded_value code_of(const xmlNode& entry, std::string_view scheme) {
    const xmlNode* classification = find_classification(entry, scheme);
    return classification == nullptr ? coded_value{} : classification_code(*classification);
}

std::string without_oid_prefix(std::string_view value) {
    if (value.starts_with(oid_urn_prefix)) {
        value.remove_prefix(oid_urn_prefix.size());
    }
    return std::string(value);
}

result<document_entry> read_entry(const xmlNode& object) {
    document_entry entry;
    entry.entry_uuid = attribute_or_empty(object, "id");
    if (entry.entry_uuid.empty()) {
        return invalid("an ExtrinsicObject has no id", "ExtrinsicObject");
    }
    entry.unique_id =
        external_identifier(object, xds_id::entry_unique_id)
            .value_or(external_identifier_named(object, "XDSDocumentEntry.uniqueId").value_or(""));
    if (entry.unique_id.empty()) {
        return invalid("an ExtrinsicObject has no XDSDocumentEntry.uniqueId", "ExternalIdentifier")
            .with("entry", entry.entry_uuid);
    }
    entry.repository_unique_id = first_slot_value(object, "repositoryUniqueId").value_or("");
    if (entry.repository_unique_id.empty()) {
        return invalid("an ExtrinsicObject has no repositoryUniqueId slot (needed to retrieve it)",
                       "Slot")
            .with("entry", entry.entry_uuid);
    }
    const auto patient = external_identifier(object, xds_id::entry_patient_id)
                             .value_or(first_slot_value(object, "sourcePatientId").value_or(""));
    if (!patient.empty()) {
        auto parsed = parse_patient_id(patient);
        if (!parsed) {
            return invalid(
                       "an ExtrinsicObject's patient id is malformed: " + parsed.error().message,
                       "ExternalIdentifier")
                .with("entry", entry.entry_uuid);
        }
        entry.patient = parsed->id;
    }
    entry.creation_time = first_slot_value(object, "creationTime").value_or("");
    entry.language_code = first_slot_value(object, "languageCode").value_or("");
    entry.title = localized_string(object, "Name");
    entry.description = localized_string(object, "Description");
    if (const xmlNode* author = find_classification(object, xds_id::author)) {
        entry.author_person = first_slot_value(*author, "authorPerson").value_or("");
    }
    entry.class_code = code_of(object, xds_id::class_code);
    entry.type_code = code_of(object, xds_id::type_code);
    entry.format_code = code_of(object, xds_id::format_code);
    entry.confidentiality_code = code_of(object, xds_id::confidentiality_code);
    entry.healthcare_facility_type_code = code_of(object, xds_id::healthcare_facility_type_code);
    entry.practice_setting_code = code_of(object, xds_id::practice_setting_code);
    for (const xmlNode* event : find_classifications(object, xds_id::event_code_list)) {
        entry.event_codes.push_back(classification_code(*event));
    }
    // A size that is not a number is harmless to a reader that does not need it: left out.
    if (const auto size = first_slot_value(object, "size")) {
        std::uint64_t value = 0;
        const auto [end, ec] = std::from_chars(size->data(), size->data() + size->size(), value);
        if (ec == std::errc() && end == size->data() + size->size()) {
            entry.size = value;
        }
    }
    entry.hash = first_slot_value(object, "hash").value_or("");
    return entry;
}

/// An XFRM association between two entries: `original` (L1) transforms `pivot` (L3).
struct xfrm_link {
    std::size_t pivot;
    std::size_t original;
};

std::vector<xfrm_link> xfrm_links(const xmlNode& list, const std::vector<document_entry>& entries) {
    const auto index_of = [&entries](std::string_view id) {
        const auto found =
            std::find_if(entries.begin(), entries.end(),
                         [id](const document_entry& e) { return e.entry_uuid == id; });
        return found == entries.end() ? entries.size()
                                      : static_cast<std::size_t>(found - entries.begin());
    };
    std::vector<xfrm_link> links;
    for (const xmlNode* association : xml::children(list, ns::rim, "Association")) {
        if (xml::attribute(*association, "associationType") != xds_id::association_xfrm) {
            continue;
        }
        const std::size_t source = index_of(attribute_or_empty(*association, "sourceObject"));
        const std::size_t target = index_of(attribute_or_empty(*association, "targetObject"));
        // An association naming an entry that is not in the answer pairs nothing.
        if (source == entries.size() || target == entries.size() || source == target) {
            continue;
        }
        xfrm_link link{target, source};
        if (xds_id::is_format(entries[source].format_code.code, xds_id::format_eprescription) &&
            xds_id::is_format(entries[target].format_code.code, xds_id::format_pdf)) {
            std::swap(link.pivot, link.original);
        }
        links.push_back(link);
    }
    return links;
}

}  // namespace

std::string write_xca_query_response(const xca_query_response& response) {
    std::string out;
    out.reserve(1024 + response.documents.size() * 8192);
    const std::string home = std::string(oid_urn_prefix) + response.home_community_id;
    out += "<query:AdhocQueryResponse";
    append_attribute(out, "xmlns:query", ns::query);
    append_attribute(out, "xmlns:rim", ns::rim);
    append_attribute(out, "xmlns:rs", ns::rs);
    append_attribute(out, "status",
                     status_uri(status_of(response.errors, !response.documents.empty())));
    out += '>';
    // rs:RegistryResponseType content (RegistryErrorList) precedes the RegistryObjectList.
    append_registry_error_list(out, response.errors, home);
    out += "<rim:RegistryObjectList>";
    for (const document_pair& pair : response.documents) {
        append_extrinsic_object(out, pair.pivot, home);
        if (!pair.original) {
            continue;
        }
        append_extrinsic_object(out, *pair.original, home);
        out += "<rim:Association";
        append_attribute(out, "id", derived_uuid_urn(pair.original->entry_uuid, "XFRM"));
        append_attribute(out, "objectType", xds_id::association_type);
        append_attribute(out, "associationType", xds_id::association_xfrm);
        append_attribute(out, "sourceObject", pair.original->entry_uuid);
        append_attribute(out, "targetObject", pair.pivot.entry_uuid);
        out += "/>";
    }
    out += "</rim:RegistryObjectList></query:AdhocQueryResponse>";
    return out;
}

result<xca_query_response> parse_xca_query_response(const xmlNode& body_root) {
    if (!xml::is_element(body_root, ns::query, "AdhocQueryResponse")) {
        return invalid("the body is not a query:AdhocQueryResponse", xml::local_name(body_root));
    }
    auto answer = read_registry_answer(body_root);
    if (!answer) {
        return answer.error();
    }
    xca_query_response response;
    response.status = answer->status;
    response.errors = std::move(answer->errors);
    // OpenNCP always sends the list, possibly empty; a Failure without it is still an answer.
    const xmlNode* list = xml::first_child(body_root, ns::rim, "RegistryObjectList");
    if (list == nullptr) {
        return response;
    }
    const auto objects = xml::children(*list, ns::rim, "ExtrinsicObject");
    std::vector<document_entry> entries;
    entries.reserve(objects.size());
    for (const xmlNode* object : objects) {
        auto entry = read_entry(*object);
        if (!entry) {
            return entry.error();
        }
        entries.push_back(std::move(*entry));
    }
    if (!objects.empty()) {
        response.home_community_id = without_oid_prefix(attribute_or_empty(*objects[0], "home"));
    }

    // Each entry is at most once a pivot and at most once an original; the first association
    // that names it wins.
    std::vector<std::optional<std::size_t>> original_of(entries.size());
    std::vector<bool> is_original(entries.size(), false);
    for (const xfrm_link& link : xfrm_links(*list, entries)) {
        if (original_of[link.pivot] || is_original[link.original] || is_original[link.pivot] ||
            original_of[link.original]) {
            continue;
        }
        original_of[link.pivot] = link.original;
        is_original[link.original] = true;
    }
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (is_original[i]) {
            continue;
        }
        document_pair pair{entries[i], std::nullopt};
        if (original_of[i]) {
            pair.original = entries[*original_of[i]];
        }
        response.documents.push_back(std::move(pair));
    }
    return response;
}

}  // namespace ncpeh::gateway::ihe
