#pragma once

#include <string_view>
#include <vector>

#include "translators/cda/data_types.hpp"
#include "translators/cda/medicinal_product.hpp"
#include "translators/fhir/medication.hpp"
#include "translators/terminology/terminology.hpp"
#include "translators/terminology/transcode.hpp"
#include "trust/error/error.hpp"

namespace ncpeh::translators::eprescription_l3 {

/// A Swedish NLLMedication (NPL-id, NPL-pack-id, ATC, `form.text`, `amount`, NLLArticleInfo
/// strength and package) as the eHDSI product model (…3.1.3.29/30): name, NPL-id as code,
/// EDQM dose form and package with the Swedish term kept as `translation`, package size in
/// eHDSI units, ATC under asSpecializedKind and, for a single substance, the strength. Used for
/// the prescribed product of an eP (country A) and the dispensed product of an eD (country B).
/// Errors: ep_generic (no name, element Medication.code.text); ep_missing_expected_mapping
/// under `mapping_policy::error` (dose form, package, unit, ATC); under `warning` the element
/// is nullFlavored and a warning appended to `warnings`. Pure and thread-safe.
result<cda::medicinal_product> make_medicinal_product(const fhir::medication& med,
                                                      terminology::mapping_policy policy,
                                                      const terminology::terminology& tables,
                                                      std::vector<error>& warnings);

/// Transcodes a Swedish term under the mapping policy: the eHDSI code with the Swedish original
/// as its translation; when there is no mapping, the error (policy `error`) or nullFlavor NI
/// with the term as originalText plus a WARNING_EP_MISSING_EXPECTED_MAPPING in `warnings`.
result<cda::coded_value> transcode_or_policy(const terminology::terminology& tables,
                                             terminology::mapping_policy policy,
                                             std::vector<error>& warnings,
                                             terminology::term_kind kind, std::string_view swedish,
                                             std::string_view local_system = {},
                                             std::string_view local_code = {});

}  // namespace ncpeh::translators::eprescription_l3
