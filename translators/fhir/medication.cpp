#include "translators/fhir/medication.hpp"

#include "translators/fhir/json_reader.hpp"
#include "translators/fhir/json_writer.hpp"
#include "translators/fhir/resource_type.hpp"
#include "translators/fhir/uris.hpp"

namespace ncpeh::translators::fhir {

namespace json = boost::json;

result<medication> parse_medication(const json::value& json) {
    json_reader r(json, "Medication");
    check_resource_type(r, "Medication");
    medication m;
    m.id = r.string("id");
    m.identifiers = r.identifiers("identifier");
    m.code = r.read_codeable_concept("code");
    m.status = r.string("status");
    if (const auto* manufacturer = r.object("manufacturer")) {
        json_reader mr(*manufacturer, "Medication.manufacturer");
        m.manufacturer_display = mr.string("display");
        r.absorb(mr);
    }
    if (const auto* form = r.object("form")) {
        json_reader fr(*form, "Medication.form");
        m.form_text = fr.string("text");
        r.absorb(fr);
    }
    m.amount = r.read_ratio("amount");
    m.extensions = r.extensions("extension");
    if (auto info = r.take_extension(m.extensions, uris::ext_article_info)) {
        fhir::article_info a;
        a.medicinal_product = r.take_bool_extension(info->nested, "medicinalProduct");
        a.product_type = r.take_coding_extension(info->nested, "productType");
        a.package_container = r.take_string_extension(info->nested, "packageContainer");
        a.package_description = r.take_string_extension(info->nested, "packageDescription");
        a.strength_text = r.take_string_extension(info->nested, "strength");
        m.article_info = a;
    }
    if (auto regs = r.take_extension(m.extensions, uris::ext_article_regulations)) {
        fhir::article_regulations a;
        a.narcotic_classification = r.take_coding_extension(regs->nested, "narcoticClassification");
        a.controlled_medicinal_product =
            r.take_bool_extension(regs->nested, "controlledMedicinalProduct");
        m.article_regulations = a;
    }
    if (r.failed()) {
        return r.take_error();
    }
    m.unknown = r.unread_members();
    return m;
}

json::object to_json(const medication& m) {
    json::object o;
    o["resourceType"] = "Medication";
    put_string(o, "id", m.id);
    std::vector<extension> extensions;
    if (m.article_info) {
        const auto& a = *m.article_info;
        extension info{std::string(uris::ext_article_info), {}, {}, {}};
        if (a.medicinal_product) {
            info.nested.push_back(
                make_extension("medicinalProduct", "valueBoolean", *a.medicinal_product));
        }
        if (a.product_type) {
            info.nested.push_back(
                make_extension("productType", "valueCoding", to_json(*a.product_type)));
        }
        if (!a.package_container.empty()) {
            info.nested.push_back(make_extension("packageContainer", "valueString",
                                                 json::string(a.package_container)));
        }
        if (!a.package_description.empty()) {
            info.nested.push_back(make_extension("packageDescription", "valueString",
                                                 json::string(a.package_description)));
        }
        if (!a.strength_text.empty()) {
            info.nested.push_back(
                make_extension("strength", "valueString", json::string(a.strength_text)));
        }
        extensions.push_back(std::move(info));
    }
    if (m.article_regulations) {
        const auto& a = *m.article_regulations;
        extension regs{std::string(uris::ext_article_regulations), {}, {}, {}};
        if (a.narcotic_classification) {
            regs.nested.push_back(make_extension("narcoticClassification", "valueCoding",
                                                 to_json(*a.narcotic_classification)));
        }
        if (a.controlled_medicinal_product) {
            regs.nested.push_back(make_extension("controlledMedicinalProduct", "valueBoolean",
                                                 *a.controlled_medicinal_product));
        }
        extensions.push_back(std::move(regs));
    }
    extensions.insert(extensions.end(), m.extensions.begin(), m.extensions.end());
    put_array(o, "extension", extensions);
    put_array(o, "identifier", m.identifiers);
    put_value(o, "code", m.code);
    put_string(o, "status", m.status);
    if (!m.manufacturer_display.empty()) {
        o["manufacturer"] = json::object{{"display", m.manufacturer_display}};
    }
    if (!m.form_text.empty()) {
        o["form"] = json::object{{"text", m.form_text}};
    }
    put_value(o, "amount", m.amount);
    put_unknown(o, m.unknown);
    return o;
}

std::string npl_pack_id(const medication& m) {
    for (const auto& i : m.identifiers) {
        if (i.system == uris::nplpackid || i.system == uris::nplpackid_2019) {
            return i.value;
        }
    }
    return {};
}

std::string npl_id(const medication& m) {
    for (const auto& c : m.code.coding) {
        if (c.system == uris::nplid || c.system == uris::nplid_2019) {
            return c.code;
        }
    }
    return {};
}

std::string atc_code(const medication& m) {
    for (const auto& c : m.code.coding) {
        if (c.system == uris::atc) {
            return c.code;
        }
    }
    return {};
}

std::string varunummer(const medication& m) {
    for (const auto& i : m.identifiers) {
        if (i.system == uris::varunr) {
            return i.value;
        }
    }
    return {};
}

}  // namespace ncpeh::translators::fhir
