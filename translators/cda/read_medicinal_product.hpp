#pragma once

#include <libxml/tree.h>

#include "translators/cda/medicinal_product.hpp"

namespace ncpeh::translators::cda {

/// Reads a `manufacturedProduct` in either product model: the current `pharm:` one
/// (asContent/quantity + containerPackagedProduct, asSpecializedKind[GRIC], ingredient/
/// ingredientSubstance) or the legacy `epsos:` one (containerPackagedMedicine with
/// capacityQuantity, generalizedMedicineClass, nested epsos:ingredient). `model` says which it
/// found. Never fails; absent parts stay empty. Package nesting is followed at most 8 levels.
medicinal_product read_medicinal_product(const xmlNode& manufactured_product);

}  // namespace ncpeh::translators::cda
