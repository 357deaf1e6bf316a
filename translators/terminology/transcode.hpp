#pragma once

#include <string_view>

#include "translators/terminology/coded_concept.hpp"
#include "translators/terminology/swedish_mapping.hpp"
#include "translators/terminology/terminology.hpp"
#include "trust/error/error.hpp"

namespace ncpeh::translators::terminology {

/// What to do when a Swedish term has no eHDSI mapping (configuration `[terminology]`).
enum class mapping_policy {
    error,    ///< the translation fails with ERROR_EP_MISSING_EXPECTED_MAPPING
    warning,  ///< the element is sent with nullFlavor="NI" plus the original text, and a
              ///< WARNING_EP_MISSING_EXPECTED_MAPPING is reported with the document
};

/// A Swedish term transcoded: the eHDSI concept for the element itself and the Swedish original
/// that goes into its `translation` child (display = the text exactly as the source had it).
struct transcoded {
    coded_concept pivot;
    coded_concept original;
};

/// Transcodes `swedish` (a term, e.g. "Filmdragerad tablett") of `kind`. When `local_system`
/// and `local_code` are given (a SNOMED CT route code), they are tried first.
/// Errors: ep_missing_expected_mapping with context kind and term (terms are product
/// vocabulary, never personal data).
result<transcoded> transcode_swedish(const terminology& tables, term_kind kind,
                                     std::string_view swedish, std::string_view local_system = {},
                                     std::string_view local_code = {});

}  // namespace ncpeh::translators::terminology
