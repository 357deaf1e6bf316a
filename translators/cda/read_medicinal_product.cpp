#include "translators/cda/read_medicinal_product.hpp"

#include "translators/cda/code_systems.hpp"
#include "translators/cda/read_data_types.hpp"
#include "trust/xml/namespaces.hpp"
#include "trust/xml/navigate.hpp"

namespace ncpeh::translators::cda {

namespace xml = trust::xml;
namespace ns = trust::xml::ns;

namespace {

constexpr int max_package_levels = 8;

std::string text_of_child(const xmlNode& parent, std::string_view uri, std::string_view local) {
    const xmlNode* node = xml::first_child(parent, uri, local);
    return node == nullptr ? std::string{} : xml::trimmed_text_of(*node);
}

void read_pharm_packages(const xmlNode& holder, medicinal_product& product, int level) {
    const xmlNode* as_content = xml::first_child(holder, ns::pharm, "asContent");
    if (as_content == nullptr || level >= max_package_levels) {
        return;
    }
    package_layer layer;
    if (const xmlNode* quantity = xml::first_child(*as_content, ns::pharm, "quantity")) {
        layer.quantity = read_quantity(*quantity);
    }
    const xmlNode* container = xml::first_child(*as_content, ns::pharm, "containerPackagedProduct");
    if (container != nullptr) {
        if (const xmlNode* code = xml::first_child(*container, ns::pharm, "code")) {
            layer.code = read_code(*code);
        }
        layer.name = text_of_child(*container, ns::pharm, "name");
        if (const xmlNode* form = xml::first_child(*container, ns::pharm, "formCode")) {
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
    product.description = text_of_child(material, ns::pharm, "desc");
    if (const xmlNode* form = xml::first_child(material, ns::pharm, "formCode")) {
        product.form_code = read_code(*form);
    }
    read_pharm_packages(material, product, 0);
    for (const xmlNode* kind : xml::children(material, ns::pharm, "asSpecializedKind")) {
        const xmlNode* code =
            xml::find_path(*kind, {{ns::pharm, "generalizedMaterialKind"}, {ns::pharm, "code"}});
        if (code != nullptr && xml::attribute(*kind, "classCode").value_or("") == "GRIC" &&
            product.atc.empty()) {
            product.atc = read_code(*code);
        }
    }
    for (const xmlNode* element : xml::children(material, ns::pharm, "ingredient")) {
        ingredient part;
        if (const xmlNode* quantity = xml::first_child(*element, ns::pharm, "quantity")) {
            // numerator/denominator belong to urn:hl7-org:v3; early pharm documents (the AT
            // Lantus sample) put them in the pharm namespace.
            for (std::string_view uri : {ns::pharm, ns::hl7}) {
                if (const xmlNode* n = xml::first_child(*quantity, uri, "numerator")) {
                    part.strength.numerator = read_quantity(*n);
                }
                if (const xmlNode* d = xml::first_child(*quantity, uri, "denominator")) {
                    part.strength.denominator = read_quantity(*d);
                }
            }
        }
        if (const xmlNode* substance =
                xml::first_child(*element, ns::pharm, "ingredientSubstance")) {
            if (const xmlNode* code = xml::first_child(*substance, ns::pharm, "code")) {
                part.substance_code = read_code(*code);
            }
            part.substance_name = text_of_child(*substance, ns::pharm, "name");
        }
        product.ingredients.push_back(std::move(part));
    }
}

void read_epsos_material(const xmlNode& material, medicinal_product& product) {
    product.model = product_model::epsos;
    product.description = text_of_child(material, ns::epsos, "desc");
    if (const xmlNode* form = xml::first_child(material, ns::epsos, "formCode")) {
        product.form_code = read_code(*form);
    }
    for (const xmlNode* content : xml::children(material, ns::epsos, "asContent")) {
        const xmlNode* container =
            xml::first_child(*content, ns::epsos, "containerPackagedMedicine");
        if (container == nullptr) {
            continue;
        }
        package_layer layer;
        if (const xmlNode* capacity = xml::first_child(*container, ns::epsos, "capacityQuantity")) {
            layer.quantity = read_quantity(*capacity);
        }
        if (const xmlNode* code = xml::first_child(*container, ns::epsos, "code")) {
            layer.code = read_code(*code);
        }
        layer.name = text_of_child(*container, ns::epsos, "name");
        if (const xmlNode* form = xml::first_child(*container, ns::epsos, "formCode")) {
            layer.form_code = read_code(*form);
        }
        product.packages.push_back(std::move(layer));
    }
    if (const xmlNode* code = xml::find_path(material, {{ns::epsos, "asSpecializedKind"},
                                                        {ns::epsos, "generalizedMedicineClass"},
                                                        {ns::epsos, "code"}})) {
        product.atc = read_code(*code);
    }
    for (const xmlNode* element : xml::children(material, ns::epsos, "ingredient")) {
        ingredient part;
        if (const xmlNode* quantity = xml::first_child(*element, ns::epsos, "quantity")) {
            // Legacy documents put numerator/denominator in the epsos namespace, some in hl7.
            for (std::string_view uri : {ns::epsos, ns::hl7}) {
                if (const xmlNode* n = xml::first_child(*quantity, uri, "numerator")) {
                    part.strength.numerator = read_quantity(*n);
                }
                if (const xmlNode* d = xml::first_child(*quantity, uri, "denominator")) {
                    part.strength.denominator = read_quantity(*d);
                }
            }
        }
        if (const xmlNode* substance = xml::first_child(*element, ns::epsos, "ingredient")) {
            if (const xmlNode* code = xml::first_child(*substance, ns::epsos, "code")) {
                part.substance_code = read_code(*code);
            }
            part.substance_name = text_of_child(*substance, ns::epsos, "name");
        }
        product.ingredients.push_back(std::move(part));
    }
    // The legacy model has no ATC class element in some documents; the single ingredient's
    // ATC code then stands for the product (as in the Swedish epSOS-era eD).
    if (product.atc.empty() && product.ingredients.size() == 1 &&
        product.ingredients[0].substance_code.code_system == code_systems::atc) {
        product.atc = product.ingredients[0].substance_code;
    }
}

}  // namespace

medicinal_product read_medicinal_product(const xmlNode& manufactured_product) {
    medicinal_product product;
    const xmlNode* material =
        xml::first_child(manufactured_product, ns::hl7, "manufacturedMaterial");
    if (material == nullptr) {
        return product;
    }
    if (const xmlNode* code = xml::first_child(*material, ns::hl7, "code")) {
        product.code = read_code(*code);
    }
    product.name = text_of_child(*material, ns::hl7, "name");
    const bool legacy = xml::first_child(*material, ns::epsos, "formCode") != nullptr ||
                        xml::first_child(*material, ns::epsos, "asContent") != nullptr ||
                        xml::first_child(*material, ns::epsos, "ingredient") != nullptr;
    if (legacy) {
        read_epsos_material(*material, product);
    } else {
        read_pharm_material(*material, product);
    }
    if (const xmlNode* maker = xml::find_path(
            manufactured_product, {{ns::hl7, "manufacturerOrganization"}, {ns::hl7, "name"}})) {
        product.manufacturer = xml::trimmed_text_of(*maker);
    }
    return product;
}

}  // namespace ncpeh::translators::cda
