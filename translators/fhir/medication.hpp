#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <vector>

#include "translators/fhir/datatypes.hpp"
#include "trust/error/error.hpp"

namespace ncpeh::translators::fhir {

/// NLLArticleInfo (simplified to flat sub-extensions: `medicinalProduct`, `productType`,
/// `packageContainer`, `packageDescription`, `strength`). sweden-national-side.md §3.2.
struct article_info {
    std::optional<bool> medicinal_product;
    /// `http://npl.mpa.se/CodeSystem/productclass`, e.g. "licens", "extempore" for special
    /// articles that are never dispensed abroad.
    std::optional<coding> product_type;
    std::string package_container;
    std::string package_description;
    std::string strength_text;
    friend bool operator==(const article_info&, const article_info&) = default;
};

/// NLLArticleRegulations (flat sub-extensions `narcoticClassification`,
/// `controlledMedicinalProduct`).
struct article_regulations {
    /// Swedish narcotics schedule (förteckning I–V), system
    /// `http://npl.mpa.se/CodeSystem/narcotic-classification`.
    std::optional<coding> narcotic_classification;
    std::optional<bool> controlled_medicinal_product;
    friend bool operator==(const article_regulations&, const article_regulations&) = default;
};

/// NLLMedication: one package (NPL-pack-id) of one product (NPL-id), or a consumable (varunr).
struct medication {
    std::string id;
    /// `identifier:nplpackid` / `identifier:varunr`.
    std::vector<identifier> identifiers;
    /// `code.coding:nplId` and `code.coding:atc`; `code.text` is the product name.
    codeable_concept code;
    /// active | inactive (dispensable or not).
    std::string status;
    std::string manufacturer_display;
    /// Swedish dose-form text ("Tablett", "Filmdragerad tablett"); NLL gives no code.
    std::string form_text;
    /// Per-package amount, e.g. 98 st / 1.
    std::optional<ratio> amount;
    std::optional<fhir::article_info> article_info;
    std::optional<fhir::article_regulations> article_regulations;
    std::vector<extension> extensions;
    boost::json::object unknown;
    friend bool operator==(const medication&, const medication&) = default;
};

/// Errors: `errc::fhir_malformed`.
result<medication> parse_medication(const boost::json::value& json);
boost::json::object to_json(const medication& m);

/// The NPL-pack-id (identifier system nplpackid, 2024 or 2019 form), or empty.
std::string npl_pack_id(const medication& m);
/// The NPL-id (code.coding system nplid, 2024 or 2019 form), or empty.
std::string npl_id(const medication& m);
/// The ATC code (code.coding system `http://www.whocc.no/atc`), or empty.
std::string atc_code(const medication& m);
/// The Nordic varunummer (identifier system varunr), or empty (consumables only).
std::string varunummer(const medication& m);

}  // namespace ncpeh::translators::fhir
