#pragma once

#include "translators/cda/eprescription_document.hpp"
#include "trust/error/error.hpp"
#include "trust/xml/document.hpp"

namespace ncpeh::translators::cda {

/// Reads an eHDSI ePrescription L3 (current `pharm:` and legacy `epsos:` product models) into
/// the typed model: header, Prescription ID (section id), and the prescription item (validity,
/// frequency PIVL_TS/EIVL_TS, route, dose, product, packages, substitution, patient and
/// fulfilment instructions and the item's own text resolved from the narrative by their
/// `reference`, whitespace collapsed). Entries after the first (older peers sent several) go to
/// `further_items`. Lenient like the eD reader: optional parts may be absent, nullFlavored
/// values stay empty, nested national `translation`s are kept. `xsi:type` values are resolved
/// as QNames.
/// Errors: ep_generic naming the element when the document is not an ePrescription
/// (ClinicalDocument/code 57833-6) or has no section or substanceAdministration entry.
/// Used by the round-trip tests of the country-A writer and by the country-B reader (issue #5).
result<eprescription_document> read_eprescription(const trust::xml::document& document);

}  // namespace ncpeh::translators::cda
