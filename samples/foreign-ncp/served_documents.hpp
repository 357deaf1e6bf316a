#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/ihe/patient_id.hpp"
#include "translators/cda/eprescription_document.hpp"

namespace ncpeh::samples::foreign_ncp {

/// One ePrescription the Finnish NCP-A of `foreign-ncp serve` hands out, as read from its file.
struct served_prescription {
    std::filesystem::path file;
    std::string content;  ///< the file's bytes: what an XCA retrieve returns, unchanged
    translators::cda::eprescription_document document;
    /// XDSDocumentEntry.uniqueId: ClinicalDocument/id as `root^extension` (the root alone when
    /// there is no extension), as OpenNCP lists stored documents.
    std::string unique_id;
    /// The L1 rendering (PDF in CDA) Finland lists beside the L3 and returns on retrieve; both
    /// empty when the document could not be rendered.
    std::string l1_unique_id;
    std::string l1_content;

    /// The bytes of the rendering whose uniqueId is `id` (L3 or L1), null for another id.
    const std::string* content_of(std::string_view id) const;
};

/// The CDA id of a served L3 document's L1 rendering: the same root, the extension followed by
/// `.L1` (`L1` alone when the L3 id has no extension), so the two never collide.
translators::cda::instance_identifier l1_id_of(const translators::cda::instance_identifier& l3);

/// `root^extension` of an HL7 II, the root alone without extension.
std::string unique_id_of(const translators::cda::instance_identifier& id);

/// The ePrescriptions of folders of CDA files and the patients they name: the distinct
/// recordTargets (patientRole/id). Read once at start-up, read-only afterwards (thread-safe).
class served_documents {
  public:
    /// Reads every `*.xml` file directly in `folders` with the project's ePrescription reader
    /// (`translators::cda::read_eprescription`). Files that are not ePrescriptions are skipped
    /// with a note in `notes`, as is a second document with the same uniqueId for the same
    /// patient. Each document gets its L1 rendering (the project's PDF renderer and L1 writer,
    /// created at the document's effectiveTime); one that cannot be rendered is served as L3
    /// only, with a note. Throws std::runtime_error when a folder cannot be read or nothing is
    /// served.
    static served_documents load(const std::vector<std::filesystem::path>& folders,
                                 std::vector<std::string>& notes);

    const std::vector<served_prescription>& prescriptions() const noexcept { return served_; }

    /// The recordTarget of a served document one of whose patientRole ids is `id`, or null.
    const translators::cda::patient* find_patient(const gateway::ihe::patient_id& id) const;

    /// The documents whose recordTarget carries `patient` among its ids, in load order.
    std::vector<const served_prescription*> prescriptions_of(
        const gateway::ihe::patient_id& patient) const;

    /// `patient`'s document with this uniqueId (of its L3 or its L1 rendering), or null.
    const served_prescription* find_document(const gateway::ihe::patient_id& patient,
                                             std::string_view unique_id) const;

    /// `patient`'s document whose Prescription ID (section id, what an eD's
    /// inFulfillmentOf/order/id quotes) is `prescription_id`, or null. (Peers reuse ids across
    /// patients: the real samples do.)
    const served_prescription* find_prescription(
        const gateway::ihe::patient_id& patient,
        const translators::cda::instance_identifier& prescription_id) const;

  private:
    std::vector<served_prescription> served_;
};

/// Whether `id` is one of the ids of the recordTarget of `prescription`.
bool belongs_to(const served_prescription& prescription, const gateway::ihe::patient_id& id);

}  // namespace ncpeh::samples::foreign_ncp
