#pragma once

#include <string>
#include <string_view>

#include "translators/cda/edispensation_document.hpp"

namespace ncpeh::translators::sweden_dispense_to_edispensation {

/// The eHDSI eDispensation document template.
inline constexpr std::string_view edispensation_template_id = "1.3.6.1.4.1.12559.11.10.1.3.1.1.2";
/// The templateId extension that marks the CDA of a discard.
inline constexpr std::string_view discard_template_extension = "-DISCARD";

/// The serialise step: writes `doc` as an eHDSI eDispensation (document template
/// 1.3.6.1.4.1.12559.11.10.1.3.1.1.2, art-decor 2024-04-19; Dispensation section …2.2; supply
/// …3.3, 2023-04-20; products …3.29/…3.30 in `pharm:`), with inFulfillmentOf/order (RQO) and a
/// narrative table. `doc.discard` adds the templateId extension "-DISCARD"; the header template
/// id in `doc` is otherwise ignored. Pure, deterministic, thread-safe.
std::string write_edispensation(const cda::edispensation_document& doc);

}  // namespace ncpeh::translators::sweden_dispense_to_edispensation
