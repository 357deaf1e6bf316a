#pragma once

#include <string>
#include <string_view>

#include "translators/cda/eprescription_document.hpp"

namespace ncpeh::translators::eprescription_l1 {

/// Writes the eHDSI ePrescription L1 document: the same header as L3 with template
/// 1.3.6.1.4.1.12559.11.10.1.3.1.1.6 ("eHDSI ePrescription PDF embedded", art-decor
/// 2024-04-19) and `doc.header.id` (which must differ from the L3 id), and a
/// `component/nonXMLBody` whose `text mediaType="application/pdf" representation="B64"`
/// carries `pdf`. Pure and deterministic.
std::string write_eprescription_l1(const cda::eprescription_document& doc, std::string_view pdf);

}  // namespace ncpeh::translators::eprescription_l1
