#include "samples/foreign-ncp/served_documents.hpp"

#include <algorithm>
#include <stdexcept>

#include "translators/cda/read_eprescription.hpp"
#include "translators/eprescription_l1/write_eprescription_document.hpp"
#include "translators/eprescription_l3/document_id.hpp"
#include "trust/files/read_whole_file.hpp"
#include "trust/xml/document.hpp"

namespace ncpeh::samples::foreign_ncp {

namespace cda = translators::cda;

std::string unique_id_of(const cda::instance_identifier& id) {
    return id.extension.empty() ? id.root : translators::eprescription_l3::document_unique_id(id);
}

cda::instance_identifier l1_id_of(const cda::instance_identifier& l3) {
    return {l3.root, l3.extension.empty() ? std::string("L1") : l3.extension + ".L1", {}};
}

const std::string* served_prescription::content_of(std::string_view id) const {
    if (id == unique_id) {
        return &content;
    }
    if (!l1_unique_id.empty() && id == l1_unique_id) {
        return &l1_content;
    }
    return nullptr;
}

namespace {

// Renders `served`'s L1 (PDF in CDA) under its own id; a note when it cannot be rendered.
void render_l1(served_prescription& served, std::vector<std::string>& notes) {
    cda::eprescription_document l1 = served.document;
    l1.header.id = l1_id_of(served.document.header.id);
    auto written = translators::eprescription_l1::write_eprescription_document(
        l1, translators::eprescription_l3::document_level::l1, l1.header.effective_time);
    if (!written) {
        notes.push_back(served.file.filename().string() +
                        " is served as L3 only: " + written.error().describe());
        return;
    }
    served.l1_unique_id = unique_id_of(l1.header.id);
    served.l1_content = std::move(*written);
}

}  // namespace

bool belongs_to(const served_prescription& prescription, const gateway::ihe::patient_id& id) {
    const auto& ids = prescription.document.header.patient.ids;
    return std::any_of(ids.begin(), ids.end(), [&id](const cda::instance_identifier& own) {
        return own.root == id.root && own.extension == id.extension;
    });
}

served_documents served_documents::load(const std::vector<std::filesystem::path>& folders,
                                        std::vector<std::string>& notes) {
    served_documents out;
    for (const auto& folder : folders) {
        std::error_code ec;
        std::vector<std::filesystem::path> files;
        for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
            if (entry.is_regular_file() && entry.path().extension() == ".xml") {
                files.push_back(entry.path());
            }
        }
        if (ec) {
            throw std::runtime_error("cannot read the documents folder " + folder.string() + ": " +
                                     ec.message());
        }
        std::sort(files.begin(), files.end());
        for (const auto& file : files) {
            auto content = trust::files::read_whole_file(file);
            if (!content) {
                throw std::runtime_error("cannot read " + file.string());
            }
            auto xml = trust::xml::parse_document(*content);
            auto document = xml ? cda::read_eprescription(*xml)
                                : result<cda::eprescription_document>(xml.error());
            if (!document) {
                notes.push_back(file.filename().string() +
                                " is not served: " + document.error().describe());
                continue;
            }
            served_prescription served{file, std::move(*content), std::move(*document), {}, {}, {}};
            served.unique_id = unique_id_of(served.document.header.id);
            const auto& ids = served.document.header.patient.ids;
            if (ids.empty() || ids.front().root.empty() || ids.front().extension.empty()) {
                notes.push_back(file.filename().string() +
                                " is not served: its recordTarget has no patient id");
                continue;
            }
            const gateway::ihe::patient_id patient{ids.front().root, ids.front().extension};
            if (out.find_document(patient, served.unique_id) != nullptr) {
                notes.push_back(file.filename().string() + " is not served: the patient already " +
                                "has a document " + served.unique_id);
                continue;
            }
            render_l1(served, notes);
            out.served_.push_back(std::move(served));
        }
    }
    if (out.served_.empty()) {
        throw std::runtime_error("no ePrescription to serve in the documents folders");
    }
    return out;
}

const cda::patient* served_documents::find_patient(const gateway::ihe::patient_id& id) const {
    for (const auto& p : served_) {
        if (belongs_to(p, id)) {
            return &p.document.header.patient;
        }
    }
    return nullptr;
}

std::vector<const served_prescription*> served_documents::prescriptions_of(
    const gateway::ihe::patient_id& patient) const {
    std::vector<const served_prescription*> out;
    for (const auto& p : served_) {
        if (belongs_to(p, patient)) {
            out.push_back(&p);
        }
    }
    return out;
}

const served_prescription* served_documents::find_document(const gateway::ihe::patient_id& patient,
                                                           std::string_view unique_id) const {
    for (const auto& p : served_) {
        if (p.content_of(unique_id) != nullptr && belongs_to(p, patient)) {
            return &p;
        }
    }
    return nullptr;
}

const served_prescription* served_documents::find_prescription(
    const gateway::ihe::patient_id& patient,
    const cda::instance_identifier& prescription_id) const {
    for (const auto& p : served_) {
        const auto& own = p.document.prescription_id;
        if (own.root == prescription_id.root && own.extension == prescription_id.extension &&
            belongs_to(p, patient)) {
            return &p;
        }
    }
    return nullptr;
}

}  // namespace ncpeh::samples::foreign_ncp
