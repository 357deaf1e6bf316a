#include "translators/cda/write_medicinal_product.hpp"

#include "translators/cda/write_data_types.hpp"

namespace ncpeh::translators::cda {

namespace {

// pharm:asContent for packages[index..]: the quantity of the inner content, then the container,
// which nests the next outer level.
void write_package_level(xml_writer& out, const std::vector<package_layer>& packages,
                         std::size_t index) {
    const package_layer& layer = packages[index];
    out.start("pharm:asContent");
    out.attribute("classCode", "CONT");
    write_quantity(out, "pharm:quantity", layer.quantity);
    out.start("pharm:containerPackagedProduct");
    out.attribute("classCode", "CONT");
    out.attribute("determinerCode", "KIND");
    if (!layer.code.empty()) {
        write_code(out, "pharm:code", layer.code);
    }
    if (!layer.name.empty()) {
        out.element("pharm:name", layer.name);
    }
    write_code(out, "pharm:formCode", layer.form_code);
    if (index + 1 < packages.size()) {
        write_package_level(out, packages, index + 1);
    }
    out.end();
    out.end();
}

}  // namespace

void write_medicinal_product(xml_writer& out, const medicinal_product& product) {
    out.start("manufacturedProduct");
    out.attribute("classCode", "MANU");
    out.start("templateId");
    out.attribute("root", "1.3.6.1.4.1.12559.11.10.1.3.1.3.29");
    out.end();
    out.start("manufacturedMaterial");
    out.attribute("classCode", "MMAT");
    out.attribute("determinerCode", "KIND");
    out.start("templateId");
    out.attribute("root", "1.3.6.1.4.1.12559.11.10.1.3.1.3.30");
    out.end();
    if (!product.code.empty()) {
        write_code(out, "code", product.code);
    }
    out.element("name", product.name);
    if (!product.description.empty()) {
        out.element("pharm:desc", product.description);
    }
    write_code(out, "pharm:formCode", product.form_code);
    if (!product.packages.empty()) {
        write_package_level(out, product.packages, 0);
    }
    if (!product.atc.empty()) {
        out.start("pharm:asSpecializedKind");
        out.attribute("classCode", "GRIC");
        out.start("pharm:generalizedMaterialKind");
        out.attribute("classCode", "MMAT");
        out.attribute("determinerCode", "KIND");
        write_code(out, "pharm:code", product.atc);
        out.end();
        out.end();
    }
    for (const ingredient& part : product.ingredients) {
        out.start("pharm:ingredient");
        out.attribute("classCode", "ACTI");
        if (!part.strength.numerator.empty()) {
            out.start("pharm:quantity");
            write_quantity(out, "numerator", part.strength.numerator, true);
            write_quantity(out, "denominator", part.strength.denominator, true);
            out.end();
        }
        out.start("pharm:ingredientSubstance");
        out.attribute("classCode", "MMAT");
        out.attribute("determinerCode", "KIND");
        write_code(out, "pharm:code", part.substance_code);
        if (!part.substance_name.empty()) {
            out.element("pharm:name", part.substance_name);
        }
        out.end();
        out.end();
    }
    out.end();
    if (!product.manufacturer.empty()) {
        out.start("manufacturerOrganization");
        out.attribute("classCode", "ORG");
        out.attribute("determinerCode", "INSTANCE");
        out.element("name", product.manufacturer);
        out.end();
    }
    out.end();
}

}  // namespace ncpeh::translators::cda
