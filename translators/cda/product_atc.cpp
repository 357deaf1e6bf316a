#include "translators/cda/product_atc.hpp"

#include "translators/cda/code_systems.hpp"

namespace ncpeh::translators::cda {

std::string atc_of(const medicinal_product& product) {
    if (!product.atc.code.empty()) {
        return product.atc.code;
    }
    if (product.ingredients.size() == 1 &&
        product.ingredients.front().substance_code.code_system == code_systems::atc) {
        return product.ingredients.front().substance_code.code;
    }
    return {};
}

}  // namespace ncpeh::translators::cda
