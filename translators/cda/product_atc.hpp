#pragma once

#include <string>
#include <string_view>

#include "translators/cda/medicinal_product.hpp"

namespace ncpeh::translators::cda {

/// The ATC code of a product: asSpecializedKind (GRIC), else the single active ingredient's
/// code when it is an ATC code, else empty. Used to tell whether a product can be the prescribed
/// one (Swedish candidates for a foreign prescription, the product a Swedish pharmacy hands out).
std::string atc_of(const medicinal_product& product);

}  // namespace ncpeh::translators::cda
