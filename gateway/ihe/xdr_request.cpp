#include "gateway/ihe/xdr_request.hpp"

#include <algorithm>

#include "gateway/ihe/registry_object.hpp"
#include "gateway/ihe/xds_identifiers.hpp"
#include "gateway/soap/xop.hpp"
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

    const xmlNode* package = xml::first_child(*list, ns::rim, "RegistryPackage");
    if (package == nullptr) {
        return invalid("no rim:RegistryPackage (SubmissionSet)", "RegistryPackage");
    }
    submission.submission_set_unique_id =
        external_identifier(*package, xds_id::submission_set_unique_id).value_or("");
    if (submission.submission_set_unique_id.empty()) {
        return invalid("the SubmissionSet has no uniqueId", "RegistryPackage");
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

}  // namespace ncpeh::gateway::ihe
