#include "translators/cda/product_atc.hpp"

namespace ncpeh::translators::cda {

std::string atc_of(const medicinal_product& product) {
    if (!product.atc.code.empty()) {
        return product.atc.code;
    }
    if (product.ingredients.size() == 1 &&
        product.ingredients.front().substance_code.code_system == atc_code_system) {
        return product.ingredients.front().substance_code.code;
    }
    return {};
}

}  // namespace ncpeh::translators::cda
