#include "gateway/ihe/xdr_request.hpp"

#include <algorithm>

#include "gateway/ihe/derived_id.hpp"
#include "gateway/ihe/registry_object.hpp"
#include "gateway/ihe/xds_identifiers.hpp"
#include "gateway/soap/xop.hpp"
#include "translators/cda/code_systems.hpp"
#include "trust/xml/escape.hpp"
#include "trust/xml/namespaces.hpp"
#include "trust/xml/navigate.hpp"

namespace ncpeh::gateway::ihe {

namespace ns = trust::xml::ns;

namespace {

namespace xml = trust::xml;

error invalid(std::string message, std::string_view element) {
    return make_error(errc::ihe_request_invalid, "XDR submission: " + std::move(message))
        .with("element", std::string(element));
}

std::string id_of(const xmlNode& element) {
    return std::string(xml::attribute(element, "id").value_or(""));
}

coded_value code_of(const xmlNode& object, std::string_view scheme) {
    const xmlNode* classification = find_classification(object, scheme);
    return classification == nullptr ? coded_value{} : classification_code(*classification);
}

using trust::xml::append_escaped;

using trust::xml::append_attribute;

/// The codes of a submission kind (ehdsi-protocol.md §5 table).
struct kind_codes {
    coded_value class_code;
    coded_value type_code;
    coded_value format_code;
    std::string_view title;
};

kind_codes codes_of(submission_kind kind) {
    const std::string loinc(translators::cda::code_systems::loinc);
    if (kind == submission_kind::discard) {
        return {{std::string(xds_id::class_discard), loinc, "Discard Medication dispensed"},
                {std::string(xds_id::class_discard), loinc, "eDispensation Discard"},
                {std::string(xds_id::format_discard), "eHDSI formatCodes",
                 "eHDSI coded eDispensation Discard"},
                "eDispensation Discard"};
    }
    return {{std::string(xds_id::class_dispensation), loinc, "Medication dispensed"},
            {std::string(xds_id::class_dispensation), loinc, "eDispensation"},
            {std::string(xds_id::format_dispensation), "eHDSI formatCodes",
             "eHDSI coded eDispensation"},
            "eDispensation"};
}

/// A Content-ID unique within the message; only its use in the cid: URL has to match.
std::string content_id_for(std::size_t index) {
    return "document" + std::to_string(index + 1) + ".ncpeh@localhost";
}

}  // namespace

const std::string& xdr_submission::entry_document() const {
    const auto found =
        std::find_if(documents.begin(), documents.end(),
                     [this](const submitted_document& d) { return d.id == entry_id; });
    return found->content;
}

result<xdr_submission> parse_xdr_request(const xmlNode& body_root,
                                         const soap::multipart_related* attachments) {
    if (!xml::is_element(body_root, ns::xds, "ProvideAndRegisterDocumentSetRequest")) {
        return invalid("the body is not an xds:ProvideAndRegisterDocumentSetRequest",
                       xml::local_name(body_root));
    }
    const xmlNode* list = xml::find_path(
        body_root, {{ns::lcm, "SubmitObjectsRequest"}, {ns::rim, "RegistryObjectList"}});
    if (list == nullptr) {
        return invalid("lcm:SubmitObjectsRequest/rim:RegistryObjectList is missing",
                       "SubmitObjectsRequest");
    }
    const auto entries = xml::children(*list, ns::rim, "ExtrinsicObject");
    if (entries.empty()) {
        return invalid("no rim:ExtrinsicObject", "ExtrinsicObject");
    }
    const xmlNode& entry = *entries.front();
    xdr_submission submission;
    submission.entry_id = id_of(entry);
    if (submission.entry_id.empty()) {
        return invalid("the ExtrinsicObject has no id", "ExtrinsicObject");
    }

    const xmlNode* format = find_classification(entry, xds_id::format_code);
    if (format == nullptr) {
        return invalid("the ExtrinsicObject has no formatCode", "formatCode");
    }
    submission.format_code = classification_code(*format).code;
    // Exact, case-sensitive dispatch, as OpenNCP NCP-A does (ehdsi-protocol.md §5).
    if (submission.format_code == xds_id::format_dispensation) {
        submission.kind = submission_kind::dispensation;
    } else if (submission.format_code == xds_id::format_discard) {
        submission.kind = submission_kind::discard;
    } else {
        return make_error(errc::class_code_not_supported,
                          "Unknown document: formatCode is neither an eDispensation nor a discard")
            .with("format_code", submission.format_code);
    }
    const xmlNode* class_code = find_classification(entry, xds_id::class_code);
    if (class_code == nullptr) {
        return invalid("the ExtrinsicObject has no classCode", "classCode");
    }
    submission.class_code = classification_code(*class_code);

    const auto patient = first_slot_value(entry, "sourcePatientId");
    if (!patient || patient->empty()) {
        return invalid("the sourcePatientId slot is missing", "sourcePatientId");
    }
    auto parsed = parse_patient_id(*patient);
    if (!parsed) {
        return std::move(parsed.error()).with("slot", "sourcePatientId");
    }
    submission.source_patient = std::move(*parsed);
    const auto creation_time = first_slot_value(entry, "creationTime");
    if (!creation_time || creation_time->empty()) {
        return invalid("the creationTime slot is missing", "creationTime");
    }
    submission.creation_time = *creation_time;
    submission.language_code = first_slot_value(entry, "languageCode").value_or("");
    submission.entry_unique_id = external_identifier(entry, xds_id::entry_unique_id).value_or("");
    submission.type_code = code_of(entry, xds_id::type_code);
    submission.confidentiality_code = code_of(entry, xds_id::confidentiality_code);
    submission.healthcare_facility_type_code =
        code_of(entry, xds_id::healthcare_facility_type_code);
    submission.practice_setting_code = code_of(entry, xds_id::practice_setting_code);
    submission.source_patient_info =
        slot_values(entry, "sourcePatientInfo").value_or(std::vector<std::string>{});

    const xmlNode* package = xml::first_child(*list, ns::rim, "RegistryPackage");
    if (package == nullptr) {
        return invalid("no rim:RegistryPackage (SubmissionSet)", "RegistryPackage");
    }
    submission.submission_set_unique_id =
        external_identifier(*package, xds_id::submission_set_unique_id).value_or("");
    if (submission.submission_set_unique_id.empty()) {
        return invalid("the SubmissionSet has no uniqueId", "RegistryPackage");
    }
    submission.submission_time = first_slot_value(*package, "submissionTime").value_or("");
    submission.source_id =
        external_identifier(*package, xds_id::submission_set_source_id).value_or("");
    if (const xmlNode* author = find_classification(*package, xds_id::submission_set_author)) {
        submission.author_institution = first_slot_value(*author, "authorInstitution").value_or("");
        submission.author_person = first_slot_value(*author, "authorPerson").value_or("");
    }

    std::vector<std::string> entry_ids;
    for (const xmlNode* object : entries) {
        entry_ids.push_back(id_of(*object));
    }
    for (const xmlNode* document : xml::children(body_root, ns::xds, "Document")) {
        submitted_document submitted;
        submitted.id = id_of(*document);
        if (submitted.id.empty()) {
            return invalid("an xds:Document has no id", "Document");
        }
        if (std::find(entry_ids.begin(), entry_ids.end(), submitted.id) == entry_ids.end()) {
            return invalid("an xds:Document matches no ExtrinsicObject", "Document")
                .with("document_id", submitted.id);
        }
        auto content = soap::binary_content(*document, attachments);
        if (!content) {
            return std::move(content.error()).with("document_id", submitted.id);
        }
        submitted.content = std::move(*content);
        submission.documents.push_back(std::move(submitted));
    }
    for (const std::string& id : entry_ids) {
        const bool present = std::any_of(submission.documents.begin(), submission.documents.end(),
                                         [&id](const submitted_document& d) { return d.id == id; });
        if (!present) {
            return invalid("an ExtrinsicObject has no xds:Document", "Document")
                .with("document_id", id);
        }
    }
    return submission;
}

std::string write_xdr_request_body(const xdr_submission& submission,
                                   std::vector<soap::mime_part>& attachments) {
    const kind_codes kind = codes_of(submission.kind);
    const coded_value& class_code =
        submission.class_code.code.empty() ? kind.class_code : submission.class_code;
    const coded_value& type_code =
        submission.type_code.code.empty() ? kind.type_code : submission.type_code;
    const std::string& entry = submission.entry_id;
    const std::string package = derived_uuid_urn(entry, "SubmissionSet");
    const std::string patient = format_patient_id(submission.source_patient.id);
    const auto id_for = [&entry](std::string_view name) { return derived_uuid_urn(entry, name); };

    std::string out;
    out.reserve(8192);
    out += "<xds:ProvideAndRegisterDocumentSetRequest";
    append_attribute(out, "xmlns:xds", ns::xds);
    append_attribute(out, "xmlns:lcm", ns::lcm);
    append_attribute(out, "xmlns:rim", ns::rim);
    append_attribute(out, "xmlns:xop", ns::xop);
    out += "><lcm:SubmitObjectsRequest><rim:RegistryObjectList>";

    // The DocumentEntry. rim:RegistryObjectType content order: Slot*, Name, Description,
    // VersionInfo, Classification*, ExternalIdentifier*.
    out += "<rim:ExtrinsicObject";
    append_attribute(out, "id", entry);
    append_attribute(out, "mimeType", "text/xml");
    append_attribute(out, "objectType", xds_id::stable_document_entry);
    append_attribute(out, "status", xds_id::status_approved);
    out += '>';
    append_slot(out, "creationTime", submission.creation_time);
    append_slot(out, "languageCode", submission.language_code);
    append_slot(out, "sourcePatientId", patient);
    if (!submission.source_patient_info.empty()) {
        append_slot(out, "sourcePatientInfo", submission.source_patient_info);
    }
    append_classification(out, id_for("classCode"), xds_id::class_code, entry, class_code);
    append_classification(out, id_for("typeCode"), xds_id::type_code, entry, type_code);
    append_classification(out, id_for("formatCode"), xds_id::format_code, entry, kind.format_code);
    append_classification(out, id_for("confidentialityCode"), xds_id::confidentiality_code, entry,
                          submission.confidentiality_code);
    append_classification(out, id_for("healthcareFacilityTypeCode"),
                          xds_id::healthcare_facility_type_code, entry,
                          submission.healthcare_facility_type_code);
    append_classification(out, id_for("practiceSettingCode"), xds_id::practice_setting_code, entry,
                          submission.practice_setting_code);
    append_external_identifier(out, id_for("XDSDocumentEntry.patientId"), xds_id::entry_patient_id,
                               entry, patient, "XDSDocumentEntry.patientId");
    append_external_identifier(out, id_for("XDSDocumentEntry.uniqueId"), xds_id::entry_unique_id,
                               entry, submission.entry_unique_id, "XDSDocumentEntry.uniqueId");
    out += "</rim:ExtrinsicObject>";

    // The SubmissionSet.
    out += "<rim:RegistryPackage";
    append_attribute(out, "id", package);
    append_attribute(out, "objectType", xds_id::submission_set);
    out += '>';
    append_slot(
        out, "submissionTime",
        submission.submission_time.empty() ? submission.creation_time : submission.submission_time);
    append_localized(out, "Name", kind.title);
    if (!submission.author_institution.empty() || !submission.author_person.empty()) {
        out += "<rim:Classification";
        append_attribute(out, "id", id_for("SubmissionSet/author"));
        append_attribute(out, "objectType", xds_id::classification_type);
        append_attribute(out, "classificationScheme", xds_id::submission_set_author);
        append_attribute(out, "classifiedObject", package);
        out += R"( nodeRepresentation="">)";
        if (!submission.author_institution.empty()) {
            append_slot(out, "authorInstitution", submission.author_institution);
        }
        if (!submission.author_person.empty()) {
            append_slot(out, "authorPerson", submission.author_person);
        }
        out += "</rim:Classification>";
    }
    append_classification(out, id_for("SubmissionSet/contentTypeCode"), xds_id::content_type_code,
                          package, class_code);
    append_external_identifier(out, id_for("XDSSubmissionSet.uniqueId"),
                               xds_id::submission_set_unique_id, package,
                               submission.submission_set_unique_id, "XDSSubmissionSet.uniqueId");
    append_external_identifier(out, id_for("XDSSubmissionSet.patientId"),
                               xds_id::submission_set_patient_id, package, patient,
                               "XDSSubmissionSet.patientId");
    append_external_identifier(out, id_for("XDSSubmissionSet.sourceId"),
                               xds_id::submission_set_source_id, package, submission.source_id,
                               "XDSSubmissionSet.sourceId");
    out += "</rim:RegistryPackage>";

    out += "<rim:Classification";
    append_attribute(out, "id", id_for("SubmissionSet/node"));
    append_attribute(out, "objectType", xds_id::classification_type);
    append_attribute(out, "classificationNode", xds_id::submission_set);
    append_attribute(out, "classifiedObject", package);
    out += "/><rim:Association";
    append_attribute(out, "id", id_for("HasMember"));
    append_attribute(out, "objectType", xds_id::association_type);
    append_attribute(out, "associationType", xds_id::association_has_member);
    append_attribute(out, "sourceObject", package);
    append_attribute(out, "targetObject", entry);
    out += '>';
    append_slot(out, "SubmissionSetStatus", "Original");
    out += "</rim:Association></rim:RegistryObjectList></lcm:SubmitObjectsRequest>";

    for (const submitted_document& document : submission.documents) {
        soap::mime_part part;
        part.content_type = "text/xml";
        part.content_id = content_id_for(attachments.size());
        part.body = document.content;
        out += "<xds:Document";
        append_attribute(out, "id", document.id);
        out += R"(><xop:Include href="cid:)";
        append_escaped(out, part.content_id);
        out += R"("/></xds:Document>)";
        attachments.push_back(std::move(part));
    }
    out += "</xds:ProvideAndRegisterDocumentSetRequest>";
    return out;
}

}  // namespace ncpeh::gateway::ihe
