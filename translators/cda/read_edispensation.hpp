#pragma once

#include "translators/cda/edispensation_document.hpp"
#include "trust/error/error.hpp"
#include "trust/xml/document.hpp"

namespace ncpeh::translators::cda {

/// Reads an eHDSI eDispensation as real peers send it (current `pharm:` and legacy `epsos:`
/// product models, any prefixes, translations nested by OpenNCP TM) into the typed model.
/// `discard` marks a document received as a discard (XDR formatCode urn:eHDSI:ed:discard:2020);
/// a document whose code is DISCARD-60593-1 or whose templateId extension ends in "-DISCARD"
/// is a discard either way.
///
/// Errors (eHDSI wire code in brackets):
/// * ed_generic [ERROR_ED_GENERIC] — not a ClinicalDocument, not an eDispensation (code), no
///   Dispensation section/supply, a package quantity that is not a positive number ≤ 1000 or
///   whose unit is not "1";
/// * ed_eprescription_not_identifiable [ERROR_ED_EPRESCRIPTION_NOT_IDENTIFIABLE] — no
///   inFulfillmentOf/order/id or no REFR substanceAdministration/id with a root;
/// * ed_missing_basic_data [WARNING_ED_MISSING_BASIC_DATA] — supply id, quantity, product
///   name, or performer/author time missing;
/// * ed_missing_expected_mapping [ERROR_ED_MISSING_EXPECTED_MAPPING] — a substitution act
///   whose code is neither ActClass SUBST nor a substanceAdminSubstitution code.
/// Thread-safe.
result<edispensation_document> read_edispensation(const trust::xml::document& document,
                                                  bool discard = false);

}  // namespace ncpeh::translators::cda
