#include "translators/cda/write_data_types.hpp"

#include "translators/cda/code_systems.hpp"

namespace ncpeh::translators::cda {

void write_id(xml_writer& out, std::string_view name, const instance_identifier& id) {
    out.start(name);
    if (id.root.empty()) {
        out.attribute("nullFlavor", id.null_flavor.empty() ? "NI" : id.null_flavor);
    } else {
        out.attribute("root", id.root);
        out.optional_attribute("extension", id.extension);
    }
    out.end();
}

namespace {

void write_code_attributes(xml_writer& out, const coded_value& code) {
    out.attribute("code", code.code);
    out.attribute("codeSystem", code.code_system);
    out.optional_attribute("codeSystemName", code.code_system_name);
    out.optional_attribute("codeSystemVersion", code.code_system_version);
    out.optional_attribute("displayName", code.display_name);
}

void write_translation(xml_writer& out, const coded_value& code) {
    out.start("translation");
    write_code_attributes(out, code);
    for (const coded_value& nested : code.translations) {
        write_translation(out, nested);
    }
    out.end();
}

}  // namespace

void write_code(xml_writer& out, std::string_view name, const coded_value& code) {
    out.start(name);
    if (code.code.empty()) {
        out.attribute("nullFlavor", code.null_flavor.empty() ? "NI" : code.null_flavor);
    } else {
        write_code_attributes(out, code);
    }
    if (!code.original_text.empty()) {
        out.element("originalText", code.original_text);
    }
    if (!code.code.empty()) {
        for (const coded_value& translation : code.translations) {
            write_translation(out, translation);
        }
    }
    out.end();
}

void write_quantity(xml_writer& out, std::string_view name, const physical_quantity& quantity,
                    bool typed) {
    out.start(name);
    if (typed) {
        out.attribute("xsi:type", "PQ");
    }
    if (quantity.value.empty()) {
        out.attribute("nullFlavor", quantity.null_flavor.empty() ? "NI" : quantity.null_flavor);
    } else {
        out.attribute("value", quantity.value);
        out.attribute("unit", quantity.unit.empty() ? "1" : quantity.unit);
        if (!quantity.original_text.empty()) {
            out.start("translation");
            out.element("originalText", quantity.original_text);
            out.end();
        }
    }
    out.end();
}

void write_name(xml_writer& out, const person_name& name) {
    out.start("name");
    if (name.empty()) {
        out.attribute("nullFlavor", name.null_flavor.empty() ? "NI" : name.null_flavor);
    }
    for (const std::string& given : name.given) {
        out.element("given", given);
    }
    if (!name.family.empty()) {
        out.element("family", name.family);
    }
    out.end();
}

void write_address(xml_writer& out, const address& addr) {
    out.start("addr");
    if (addr.empty()) {
        out.attribute("nullFlavor", addr.null_flavor.empty() ? "NI" : addr.null_flavor);
        out.end();
        return;
    }
    out.optional_attribute("use", addr.use);
    for (const std::string& line : addr.street_lines) {
        out.element("streetAddressLine", line);
    }
    if (!addr.post_box.empty()) {
        out.element("postBox", addr.post_box);
    }
    if (!addr.postal_code.empty()) {
        out.element("postalCode", addr.postal_code);
    }
    if (!addr.city.empty()) {
        out.element("city", addr.city);
    }
    if (!addr.state.empty()) {
        out.element("state", addr.state);
    }
    if (!addr.country.empty()) {
        out.element("country", addr.country);
    }
    out.end();
}

void write_telecoms(xml_writer& out, const std::vector<telecom>& telecoms) {
    // A nullFlavored telecom never stands beside a real one (RIM-001).
    bool any_value = false;
    for (const telecom& entry : telecoms) {
        any_value = any_value || !entry.value.empty();
    }
    if (!any_value) {
        out.start("telecom");
        out.attribute("nullFlavor", telecoms.empty() || telecoms.front().null_flavor.empty()
                                        ? "NI"
                                        : telecoms.front().null_flavor);
        out.end();
        return;
    }
    for (const telecom& entry : telecoms) {
        if (entry.value.empty()) {
            continue;
        }
        out.start("telecom");
        out.optional_attribute("use", entry.use);
        out.attribute("value", entry.value);
        out.end();
    }
}

void write_time(xml_writer& out, std::string_view name, std::string_view timestamp) {
    out.start(name);
    if (timestamp.empty()) {
        out.attribute("nullFlavor", "UNK");
    } else {
        out.attribute("value", timestamp);
    }
    out.end();
}

void write_template(xml_writer& out, std::string_view root) {
    out.start("templateId");
    out.attribute("root", root);
    out.end();
}

void write_loinc_code(xml_writer& out, std::string_view code, std::string_view display_name) {
    out.start("code");
    out.attribute("code", code);
    out.attribute("codeSystem", code_systems::loinc);
    out.attribute("codeSystemName", "LOINC");
    out.attribute("displayName", display_name);
    out.end();
}

void write_single_section_start(xml_writer& out) {
    out.start("component");
    out.start("structuredBody");
    out.attribute("classCode", "DOCBODY");
    out.attribute("moodCode", "EVN");
    out.start("component");
    out.attribute("typeCode", "COMP");
    out.start("section");
    out.attribute("classCode", "DOCSECT");
    out.attribute("moodCode", "EVN");
}

}  // namespace ncpeh::translators::cda
