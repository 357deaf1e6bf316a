#pragma once

#include <string>
#include <vector>

#include "translators/cda/medicinal_product.hpp"
#include "translators/fhir/medication.hpp"
#include "translators/terminology/terminology.hpp"

namespace ncpeh::translators::eprescription_to_se_view {

/// One Swedish product (a package in the national product register) that could fill a foreign
/// prescription: it always has the prescribed ATC code; the flags say what else matched.
struct product_candidate {
    fhir::medication product;
    bool form_matches = false;      ///< its Swedish dose form maps to the prescribed EDQM code
    bool strength_matches = false;  ///< same strength (value and unit, per same unit)
    friend bool operator==(const product_candidate&, const product_candidate&) = default;
};

/// Lists the Swedish products (`products`, the NLLMedication resources the national store
/// serves) with the prescribed ATC code, best first: ATC + dose form + strength, then ATC +
/// strength, ATC + form, ATC only; inactive products are left out; equal ranks keep the input
/// order. The Swedish dose form (`form.text`) is compared through `se-to-ehdsi.tsv`; the strength
/// (NLLArticleInfo `strength`, "100 E/ml", "0,1 mg/dos") is compared with the single active
/// ingredient's numerator/denominator in UCUM, a unit "1" numerator matching a Swedish unit
/// count ("E", "IE") of the same value. Empty when the prescription has no ATC code.
/// Pure, deterministic, thread-safe.
std::vector<product_candidate> find_candidate_products(
    const cda::medicinal_product& prescribed, const std::vector<fhir::medication>& products,
    const terminology::terminology& tables);

}  // namespace ncpeh::translators::eprescription_to_se_view
