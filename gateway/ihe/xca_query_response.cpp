#include "gateway/ihe/xca_query_response.hpp"

#include "gateway/ihe/derived_id.hpp"
#include "gateway/ihe/registry_error_list.hpp"
#include "gateway/ihe/xds_identifiers.hpp"
#include "trust/xml/escape.hpp"
#include "trust/xml/namespaces.hpp"

namespace ncpeh::gateway::ihe {

namespace ns = trust::xml::ns;

namespace {

using trust::xml::append_escaped;

void append_attribute(std::string& out, std::string_view name, std::string_view value) {
    out += ' ';
    out += name;
    out += "=\"";
    append_escaped(out, value);
    out += '"';
}

void append_slot(std::string& out, std::string_view name, std::string_view value) {
    out += "<rim:Slot";
    append_attribute(out, "name", name);
    out += "><rim:ValueList><rim:Value>";
    append_escaped(out, value);
    out += "</rim:Value></rim:ValueList></rim:Slot>";
}

void append_localized(std::string& out, std::string_view element, std::string_view text) {
    out += "<rim:";
    out += element;
    out += "><rim:LocalizedString";
    append_attribute(out, "value", text);
    out += "/></rim:";
    out += element;
    out += '>';
}

/// A classification of the entry. OpenNCP NCP-B reads the first Slot of every classification,
/// so each one carries at least one (codingScheme, or authorPerson for the author).
void append_classification(std::string& out, const document_entry& entry, std::string_view scheme,
                           std::string_view id_name, const coded_value& code) {
    out += "<rim:Classification";
    append_attribute(out, "id", derived_uuid_urn(entry.entry_uuid, id_name));
    append_attribute(out, "objectType", xds_id::classification_type);
    append_attribute(out, "classificationScheme", scheme);
    append_attribute(out, "classifiedObject", entry.entry_uuid);
    append_attribute(out, "nodeRepresentation", code.code);
    out += '>';
    append_slot(out, "codingScheme", code.scheme);
    if (!code.display.empty()) {
        append_localized(out, "Name", code.display);
    }
    out += "</rim:Classification>";
}

void append_external_identifier(std::string& out, const document_entry& entry,
                                std::string_view scheme, std::string_view value,
                                std::string_view name) {
    out += "<rim:ExternalIdentifier";
    append_attribute(out, "id", derived_uuid_urn(entry.entry_uuid, name));
    append_attribute(out, "objectType", xds_id::external_identifier_type);
    append_attribute(out, "identificationScheme", scheme);
    append_attribute(out, "registryObject", entry.entry_uuid);
    append_attribute(out, "value", value);
    out += '>';
    append_localized(out, "Name", name);
    out += "</rim:ExternalIdentifier>";
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
    append_classification(out, entry, xds_id::class_code, "classCode", entry.class_code);
    append_classification(out, entry, xds_id::type_code, "typeCode", entry.type_code);
    append_classification(out, entry, xds_id::format_code, "formatCode", entry.format_code);
    append_classification(out, entry, xds_id::confidentiality_code, "confidentialityCode",
                          entry.confidentiality_code);
    append_classification(out, entry, xds_id::healthcare_facility_type_code,
                          "healthcareFacilityTypeCode", entry.healthcare_facility_type_code);
    append_classification(out, entry, xds_id::practice_setting_code, "practiceSettingCode",
                          entry.practice_setting_code);
    for (std::size_t i = 0; i < entry.event_codes.size(); ++i) {
        append_classification(out, entry, xds_id::event_code_list, "eventCode/" + std::to_string(i),
                              entry.event_codes[i]);
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
    append_external_identifier(out, entry, xds_id::entry_patient_id, patient,
                               "XDSDocumentEntry.patientId");
    append_external_identifier(out, entry, xds_id::entry_unique_id, entry.unique_id,
                               "XDSDocumentEntry.uniqueId");
    out += "</rim:ExtrinsicObject>";
}

}  // namespace

std::string write_xca_query_response(const xca_query_response& response) {
    std::string out;
    out.reserve(1024 + response.documents.size() * 8192);
    const std::string home = "urn:oid:" + response.home_community_id;
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

}  // namespace ncpeh::gateway::ihe
