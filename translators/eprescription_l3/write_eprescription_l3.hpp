#pragma once

#include <string>
#include <string_view>

#include "translators/cda/eprescription_document.hpp"

namespace ncpeh::translators::eprescription_l3 {

/// The eHDSI ePrescription L3 document template.
inline constexpr std::string_view eprescription_l3_template_id =
    "1.3.6.1.4.1.12559.11.10.1.3.1.1.1";

/// The serialise step: writes `doc` as an eHDSI ePrescription L3 pivot CDA (document template
/// 1.3.6.1.4.1.12559.11.10.1.3.1.1.1, art-decor 2024-04-19; Prescription section …2.1,
/// 2023-07-05; substanceAdministration …3.2, 2023-07-03; product …3.29/…3.30 in `pharm:`).
/// The header template id in `doc` is ignored: this writer always writes the L3 one.
/// Pure, deterministic (byte-identical output for equal input) and thread-safe.
std::string write_eprescription_l3(const cda::eprescription_document& doc);

}  // namespace ncpeh::translators::eprescription_l3
