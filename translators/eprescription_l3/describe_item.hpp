#pragma once

#include <string>

#include "translators/cda/eprescription_document.hpp"

namespace ncpeh::translators::eprescription_l3 {

/// The human-readable lines of one prescription, shared by the L3 narrative and the L1 PDF so
/// that both renderings say the same thing. Empty strings mean "not given".
struct item_description {
    std::string product;      ///< "Amlodipin Teva 5 mg"
    std::string ingredients;  ///< "amlodipin (C08CA01) 5 mg / 1 tablet"
    std::string dose_form;    ///< "Film-coated tablet (Filmdragerad tablett)"
    std::string package;      ///< "98 × Blister"
    std::string packages;     ///< "1"
    std::string dosage;       ///< the original dosage text
    std::string route;
    std::string validity;      ///< "2025-03-03 – 2026-03-03"
    std::string substitution;  ///< "Not allowed" / "Allowed"
    std::string prescriber;    ///< name, role, organisation
};

/// Describes `doc`'s item. Pure and deterministic.
item_description describe_item(const cda::eprescription_document& doc);

/// "20250303" → "2025-03-03", "20250303101500+0100" → "2025-03-03 10:15"; other text unchanged.
std::string format_cda_time(std::string_view timestamp);

}  // namespace ncpeh::translators::eprescription_l3
