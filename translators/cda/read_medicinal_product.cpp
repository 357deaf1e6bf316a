#include "translators/cda/read_medicinal_product.hpp"

#include "translators/cda/namespaces.hpp"
#include "translators/cda/read_data_types.hpp"
#include "trust/xml/navigate.hpp"

namespace ncpeh::translators::cda {

namespace xml = trust::xml;

namespace {

constexpr int max_package_levels = 8;

std::string text_of_child(const xmlNode& parent, std::string_view ns, std::string_view local) {
    const xmlNode* node = xml::first_child(parent, ns, local);
    return node == nullptr ? std::string{} : xml::trimmed_text_of(*node);
}

void read_pharm_packages(const xmlNode& holder, medicinal_product& product, int level) {
    const xmlNode* as_content = xml::first_child(holder, pharm_ns, "asContent");
    if (as_content == nullptr || level >= max_package_levels) {
        return;
    }
    package_layer layer;
    if (const xmlNode* quantity = xml::first_child(*as_content, pharm_ns, "quantity")) {
        layer.quantity = read_quantity(*quantity);
    }
    const xmlNode* container = xml::first_child(*as_content, pharm_ns, "containerPackagedProduct");
    if (container != nullptr) {
        if (const xmlNode* code = xml::first_child(*container, pharm_ns, "code")) {
            layer.code = read_code(*code);
        }
        layer.name = text_of_child(*container, pharm_ns, "name");
        if (const xmlNode* form = xml::first_child(*container, pharm_ns, "formCode")) {
            layer.form_code = read_code(*form);
        }
    }
    product.packages.push_back(std::move(layer));
    if (container != nullptr) {
        read_pharm_packages(*container, product, level + 1);
    }
}

void read_pharm_material(const xmlNode& material, medicinal_product& product) {
    product.model = product_model::pharm;
    product.description = text_of_child(material, pharm_ns, "desc");
    if (const xmlNode* form = xml::first_child(material, pharm_ns, "formCode")) {
        product.form_code = read_code(*form);
    }
    read_pharm_packages(material, product, 0);
    for (const xmlNode* kind : xml::children(material, pharm_ns, "asSpecializedKind")) {
        const xmlNode* code =
            xml::find_path(*kind, {{pharm_ns, "generalizedMaterialKind"}, {pharm_ns, "code"}});
        if (code != nullptr && xml::attribute(*kind, "classCode").value_or("") == "GRIC" &&
            product.atc.empty()) {
            product.atc = read_code(*code);
        }
    }
    for (const xmlNode* element : xml::children(material, pharm_ns, "ingredient")) {
        ingredient part;
        if (const xmlNode* quantity = xml::first_child(*element, pharm_ns, "quantity")) {
            // numerator/denominator belong to urn:hl7-org:v3; early pharm documents (the AT
            // Lantus sample) put them in the pharm namespace.
            for (std::string_view ns : {pharm_ns, hl7_ns}) {
                if (const xmlNode* n = xml::first_child(*quantity, ns, "numerator")) {
                    part.strength.numerator = read_quantity(*n);
                }
                if (const xmlNode* d = xml::first_child(*quantity, ns, "denominator")) {
                    part.strength.denominator = read_quantity(*d);
                }
            }
        }
        if (const xmlNode* substance =
                xml::first_child(*element, pharm_ns, "ingredientSubstance")) {
            if (const xmlNode* code = xml::first_child(*substance, pharm_ns, "code")) {
                part.substance_code = read_code(*code);
            }
            part.substance_name = text_of_child(*substance, pharm_ns, "name");
        }
        product.ingredients.push_back(std::move(part));
    }
}

void read_epsos_material(const xmlNode& material, medicinal_product& product) {
    product.model = product_model::epsos;
    product.description = text_of_child(material, epsos_ns, "desc");
    if (const xmlNode* form = xml::first_child(material, epsos_ns, "formCode")) {
        product.form_code = read_code(*form);
    }
    for (const xmlNode* content : xml::children(material, epsos_ns, "asContent")) {
        const xmlNode* container =
            xml::first_child(*content, epsos_ns, "containerPackagedMedicine");
        if (container == nullptr) {
            continue;
        }
        package_layer layer;
        if (const xmlNode* capacity = xml::first_child(*container, epsos_ns, "capacityQuantity")) {
            layer.quantity = read_quantity(*capacity);
        }
        if (const xmlNode* code = xml::first_child(*container, epsos_ns, "code")) {
            layer.code = read_code(*code);
        }
        layer.name = text_of_child(*container, epsos_ns, "name");
        if (const xmlNode* form = xml::first_child(*container, epsos_ns, "formCode")) {
            layer.form_code = read_code(*form);
        }
        product.packages.push_back(std::move(layer));
    }
    if (const xmlNode* code = xml::find_path(material, {{epsos_ns, "asSpecializedKind"},
                                                        {epsos_ns, "generalizedMedicineClass"},
                                                        {epsos_ns, "code"}})) {
        product.atc = read_code(*code);
    }
    for (const xmlNode* element : xml::children(material, epsos_ns, "ingredient")) {
        ingredient part;
        if (const xmlNode* quantity = xml::first_child(*element, epsos_ns, "quantity")) {
            // Legacy documents put numerator/denominator in the epsos namespace, some in hl7.
            for (std::string_view ns : {epsos_ns, hl7_ns}) {
                if (const xmlNode* n = xml::first_child(*quantity, ns, "numerator")) {
                    part.strength.numerator = read_quantity(*n);
                }
                if (const xmlNode* d = xml::first_child(*quantity, ns, "denominator")) {
                    part.strength.denominator = read_quantity(*d);
                }
            }
        }
        if (const xmlNode* substance = xml::first_child(*element, epsos_ns, "ingredient")) {
            if (const xmlNode* code = xml::first_child(*substance, epsos_ns, "code")) {
                part.substance_code = read_code(*code);
            }
            part.substance_name = text_of_child(*substance, epsos_ns, "name");
        }
        product.ingredients.push_back(std::move(part));
    }
    // The legacy model has no ATC class element in some documents; the single ingredient's
    // ATC code then stands for the product (as in the Swedish epSOS-era eD).
    if (product.atc.empty() && product.ingredients.size() == 1 &&
        product.ingredients[0].substance_code.code_system == "2.16.840.1.113883.6.73") {
        product.atc = product.ingredients[0].substance_code;
    }
}

}  // namespace

medicinal_product read_medicinal_product(const xmlNode& manufactured_product) {
    medicinal_product product;
    const xmlNode* material =
        xml::first_child(manufactured_product, hl7_ns, "manufacturedMaterial");
    if (material == nullptr) {
        return product;
    }
    if (const xmlNode* code = xml::first_child(*material, hl7_ns, "code")) {
        product.code = read_code(*code);
    }
    product.name = text_of_child(*material, hl7_ns, "name");
    const bool legacy = xml::first_child(*material, epsos_ns, "formCode") != nullptr ||
                        xml::first_child(*material, epsos_ns, "asContent") != nullptr ||
                        xml::first_child(*material, epsos_ns, "ingredient") != nullptr;
    if (legacy) {
        read_epsos_material(*material, product);
    } else {
        read_pharm_material(*material, product);
    }
    if (const xmlNode* maker = xml::find_path(
            manufactured_product, {{hl7_ns, "manufacturerOrganization"}, {hl7_ns, "name"}})) {
        product.manufacturer = xml::trimmed_text_of(*maker);
    }
    return product;
}

}  // namespace ncpeh::translators::cda
