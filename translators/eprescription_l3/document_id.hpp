#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "translators/cda/data_types.hpp"

namespace ncpeh::translators::eprescription_l3 {

/// The two renderings of one prescription (ehdsi-cda.md §3: L3 and L1 need different ids).
enum class document_level { l3, l1 };

/// The CDA document id of a prescription's ePrescription: root `<prescription_id_root>.9`,
/// extension `<prescription id>.L3` / `.L1`. Deterministic, so the id listed by an XCA query is
/// the id of the document a later retrieve returns.
cda::instance_identifier eprescription_document_id(std::string_view prescription_id_root,
                                                   std::string_view prescription_id,
                                                   document_level level);

/// A document id read back: which prescription and which level.
struct eprescription_document_ref {
    std::string prescription_id;
    document_level level = document_level::l3;
};

/// Reads an XDS document unique id (`root^extension`, as written by `document_unique_id`).
/// Nothing when the root is not ours, the extension does not end in `.L3`/`.L1`, or what precedes
/// that is not a FHIR id (`fhir::is_resource_id`): such an id names no prescription of ours.
std::optional<eprescription_document_ref> parse_document_unique_id(
    std::string_view unique_id, std::string_view prescription_id_root);

/// `root^extension`: the XDSDocumentEntry.uniqueId of a CDA document id.
std::string document_unique_id(const cda::instance_identifier& id);

}  // namespace ncpeh::translators::eprescription_l3
