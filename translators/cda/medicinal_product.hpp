#pragma once

#include <string>
#include <vector>

#include "translators/cda/data_types.hpp"

namespace ncpeh::translators::cda {

/// Which product model a document used. Writers always produce `pharm`; readers accept both.
enum class product_model { pharm, epsos };

/// One package level: `pharm:asContent` with its quantity and `containerPackagedProduct`
/// (legacy: `epsos:containerPackagedMedicine` with `capacityQuantity`).
struct package_layer {
    physical_quantity quantity;  ///< how much of the inner content this container holds
    coded_value code;            ///< package id (NPL-pack-id, GTIN, …), usually on the outermost
    std::string name;
    coded_value form_code;  ///< eHDSIPackage (EDQM)
    friend bool operator==(const package_layer&, const package_layer&) = default;
};

/// `pharm:ingredient[@classCode='ACTI']`: strength as numerator/denominator and the substance.
struct ingredient {
    ratio strength;
    coded_value substance_code;  ///< eHDSIActiveIngredient (ATC) or nullFlavor
    std::string substance_name;
    friend bool operator==(const ingredient&, const ingredient&) = default;
};

/// manufacturedProduct/manufacturedMaterial (templates …3.1.3.29 / …3.1.3.30, ehdsi-cda.md
/// §1.4): the prescribed product of an eP or the dispensed product of an eD.
struct medicinal_product {
    product_model model = product_model::pharm;
    coded_value code;                     ///< product id (NPL-id, national drug id)
    std::string name;                     ///< brand / product name
    std::string description;              ///< `pharm:desc`, free-text strength
    coded_value form_code;                ///< eHDSIDoseForm (EDQM)
    std::vector<package_layer> packages;  ///< innermost container first
    coded_value atc;                      ///< asSpecializedKind[GRIC] (eHDSIActiveIngredient)
    std::vector<ingredient> ingredients;
    std::string manufacturer;
    friend bool operator==(const medicinal_product&, const medicinal_product&) = default;
};

}  // namespace ncpeh::translators::cda
