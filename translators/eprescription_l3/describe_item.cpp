#include "translators/eprescription_l3/describe_item.hpp"

namespace ncpeh::translators::eprescription_l3 {

namespace {

// "English (Swedish original)" when the element kept the Swedish term as a translation.
std::string with_original(const cda::coded_value& code) {
    std::string text = code.display_name.empty() ? code.original_text : code.display_name;
    if (!code.translations.empty() && !code.translations.front().display_name.empty() &&
        code.translations.front().display_name != text) {
        text += text.empty() ? "" : " ";
        text += "(" + code.translations.front().display_name + ")";
    }
    return text;
}

std::string quantity_text(const cda::physical_quantity& quantity) {
    if (quantity.value.empty()) {
        return {};
    }
    std::string text = quantity.value;
    if (!quantity.unit.empty() && quantity.unit != "1") {
        text += " " + quantity.unit;
    } else if (!quantity.original_text.empty()) {
        text += " " + quantity.original_text;
    }
    return text;
}

std::string join_name(const cda::person_name& name) {
    std::string text;
    for (const std::string& given : name.given) {
        text += given + " ";
    }
    return text + name.family;
}

}  // namespace

std::string format_cda_time(std::string_view ts) {
    auto digits = [&](std::size_t from, std::size_t count) {
        for (std::size_t i = from; i < from + count; ++i) {
            if (i >= ts.size() || ts[i] < '0' || ts[i] > '9') {
                return false;
            }
        }
        return true;
    };
    if (!digits(0, 8)) {
        return std::string(ts);
    }
    std::string text = std::string(ts.substr(0, 4)) + "-" + std::string(ts.substr(4, 2)) + "-" +
                       std::string(ts.substr(6, 2));
    if (digits(8, 4)) {
        text += " " + std::string(ts.substr(8, 2)) + ":" + std::string(ts.substr(10, 2));
    }
    return text;
}

item_description describe_item(const cda::eprescription_document& doc) {
    const cda::prescription_item& item = doc.item;
    const cda::medicinal_product& product = item.product;
    item_description text;
    text.product = product.name;
    if (!product.description.empty()) {
        text.product += ", " + product.description;
    }
    for (const cda::ingredient& part : product.ingredients) {
        if (!text.ingredients.empty()) {
            text.ingredients += "; ";
        }
        text.ingredients +=
            part.substance_name.empty() ? part.substance_code.display_name : part.substance_name;
        if (!part.substance_code.code.empty()) {
            text.ingredients += " (" + part.substance_code.code + ")";
        }
        const std::string strength = quantity_text(part.strength.numerator);
        if (!strength.empty()) {
            text.ingredients += " " + strength;
            const std::string per = quantity_text(part.strength.denominator);
            if (!per.empty() && per != "1") {
                text.ingredients += " / " + per;
            }
        }
    }
    if (text.ingredients.empty() && !product.atc.empty()) {
        text.ingredients = product.atc.display_name + " (" + product.atc.code + ")";
    }
    text.dose_form = with_original(product.form_code);
    for (const cda::package_layer& layer : product.packages) {
        if (!text.package.empty()) {
            text.package += ", in ";
        }
        text.package += quantity_text(layer.quantity);
        const std::string form = with_original(layer.form_code);
        if (!form.empty()) {
            text.package += " × " + form;
        }
        if (!layer.name.empty()) {
            text.package += " (" + layer.name + ")";
        }
    }
    text.packages = item.packages.value;
    text.dosage = item.dosage_text;
    text.route = with_original(item.route);
    if (!item.validity_low.empty() || !item.validity_high.empty()) {
        text.validity =
            format_cda_time(item.validity_low) + " – " + format_cda_time(item.validity_high);
    }
    if (item.substitution.code == "N") {
        text.substitution = "Not allowed";
    } else if (!item.substitution.code.empty()) {
        text.substitution = "Allowed (" + with_original(item.substitution) + ")";
    } else {
        text.substitution = "Allowed";
    }
    if (!doc.header.authors.empty()) {
        const cda::author& prescriber = doc.header.authors.front();
        text.prescriber = join_name(prescriber.entity.name);
        if (!prescriber.function_code.display_name.empty()) {
            text.prescriber += ", " + prescriber.function_code.display_name;
        }
        if (!prescriber.entity.represented_organization.name.empty()) {
            text.prescriber += ", " + prescriber.entity.represented_organization.name;
        }
    }
    return text;
}

}  // namespace ncpeh::translators::eprescription_l3
