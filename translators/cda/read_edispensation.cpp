#include "translators/cda/read_edispensation.hpp"

#include <charconv>

#include "translators/cda/code_systems.hpp"
#include "translators/cda/read_data_types.hpp"
#include "translators/cda/read_header.hpp"
#include "translators/cda/read_medicinal_product.hpp"
#include "trust/xml/namespaces.hpp"
#include "trust/xml/navigate.hpp"

namespace ncpeh::translators::cda {

namespace xml = trust::xml;
namespace ns = trust::xml::ns;

namespace {

// A cross-border dispensation of more packages than this is not a real dispensation.
constexpr double max_packages = 1000;

error missing(errc code, std::string message, std::string_view element) {
    return make_error(code, std::move(message)).with("element", std::string(element));
}

// The Dispensation section: the first section of the structured body (eD has exactly one).
const xmlNode* find_section(const xmlNode& root) {
    const xmlNode* body =
        xml::find_path(root, {{ns::hl7, "component"}, {ns::hl7, "structuredBody"}});
    if (body == nullptr) {
        return nullptr;
    }
    for (const xmlNode* component : xml::children(*body, ns::hl7, "component")) {
        if (const xmlNode* section = xml::first_child(*component, ns::hl7, "section")) {
            return section;
        }
    }
    return nullptr;
}

const xmlNode* find_supply(const xmlNode& section) {
    for (const xmlNode* entry : xml::children(section, ns::hl7, "entry")) {
        if (const xmlNode* supply = xml::first_child(*entry, ns::hl7, "supply")) {
            return supply;
        }
    }
    return nullptr;
}

result<void> check_packages(const physical_quantity& packages) {
    if (packages.value.empty()) {
        return missing(errc::ed_missing_basic_data, "the dispensed quantity is missing",
                       "supply/quantity");
    }
    double value = 0;
    const char* first = packages.value.data();
    const char* last = first + packages.value.size();
    auto [end, ec] = std::from_chars(first, last, value);
    if (ec != std::errc{} || end != last || !(value > 0) || value > max_packages) {
        return make_error(errc::ed_generic, "the dispensed quantity \"" + packages.value +
                                                "\" is not a number of packages in 1..1000")
            .with("element", "supply/quantity");
    }
    if (!packages.unit.empty() && packages.unit != "1") {
        return make_error(errc::ed_generic,
                          "the dispensed quantity must count packages (unit "
                          "\"1\"), not \"" +
                              packages.unit + "\"")
            .with("element", "supply/quantity/@unit");
    }
    return {};
}

// COMP act SUBST (ehdsi-cda.md §2.2): presence means a substitute was dispensed.
result<bool> read_substitution(const xmlNode& supply) {
    bool substituted = false;
    for (const xmlNode* relationship : xml::children(supply, ns::hl7, "entryRelationship")) {
        if (xml::attribute(*relationship, "typeCode").value_or("") != "COMP") {
            continue;
        }
        const xmlNode* act = xml::first_child(*relationship, ns::hl7, "act");
        if (act == nullptr) {
            continue;
        }
        const xmlNode* code_element = xml::first_child(*act, ns::hl7, "code");
        const coded_value code = code_element ? read_code(*code_element) : coded_value{};
        if (code.code == "SUBST" &&
            (code.code_system.empty() || code.code_system == code_systems::hl7_act_class)) {
            substituted = true;
        } else if (code.code_system == code_systems::hl7_substance_admin_substitution &&
                   (code.code == "G" || code.code == "TE" || code.code == "N")) {
            substituted = substituted || code.code != "N";
        } else {
            return make_error(errc::ed_missing_expected_mapping, "unknown substitution code \"" +
                                                                     code.code + "\" (system \"" +
                                                                     code.code_system + "\")")
                .with("element", "supply/entryRelationship[COMP]/act/code");
        }
    }
    return substituted;
}

}  // namespace

result<edispensation_document> read_edispensation(const xml::document& document, bool discard) {
    const xmlNode& root = document.root();
    if (!xml::is_element(root, ns::hl7, "ClinicalDocument")) {
        return make_error(errc::ed_generic, "not an HL7 CDA ClinicalDocument");
    }
    edispensation_document ed;
    ed.header = read_header(root);
    const std::string& code = ed.header.code.code;
    ed.discard = discard || code == "DISCARD-60593-1" ||
                 ed.header.template_extension.ends_with("-DISCARD") ||
                 ed.header.template_id.ends_with("-DISCARD");
    if (code != "60593-1" && code != "DISCARD-60593-1") {
        return make_error(errc::ed_generic,
                          "not an eDispensation (document code \"" + code + "\", expected 60593-1)")
            .with("element", "ClinicalDocument/code");
    }
    // Older SE/FI/HU documents omit @moodCode on order; the id is what matters.
    const xmlNode* order_id =
        xml::find_path(root, {{ns::hl7, "inFulfillmentOf"}, {ns::hl7, "order"}, {ns::hl7, "id"}});
    if (order_id == nullptr || read_id(*order_id).root.empty()) {
        return missing(errc::ed_eprescription_not_identifiable,
                       "the eDispensation does not name the prescription it fulfils",
                       "inFulfillmentOf/order/id");
    }
    ed.prescription_id = read_id(*order_id);
    const xmlNode* section = find_section(root);
    const xmlNode* supply = section == nullptr ? nullptr : find_supply(*section);
    if (supply == nullptr) {
        return missing(errc::ed_generic, "the eDispensation has no Dispensation section entry",
                       "section/entry/supply");
    }
    if (const xmlNode* id = xml::first_child(*section, ns::hl7, "id")) {
        ed.section_id = read_id(*id);
    }
    if (const xmlNode* id = xml::first_child(*supply, ns::hl7, "id")) {
        ed.dispensation_id = read_id(*id);
    }
    if (ed.dispensation_id.root.empty()) {
        return missing(errc::ed_missing_basic_data, "the dispensation has no id", "supply/id");
    }
    if (const xmlNode* quantity = xml::first_child(*supply, ns::hl7, "quantity")) {
        ed.packages = read_quantity(*quantity);
    }
    if (auto checked = check_packages(ed.packages); !checked) {
        return checked.error();
    }
    const xmlNode* product =
        xml::find_path(*supply, {{ns::hl7, "product"}, {ns::hl7, "manufacturedProduct"}});
    if (product != nullptr) {
        ed.product = read_medicinal_product(*product);
    }
    if (ed.product.name.empty() && ed.product.code.code.empty()) {
        return missing(errc::ed_missing_basic_data, "the dispensed product has no name or code",
                       "supply/product/manufacturedProduct/manufacturedMaterial");
    }
    if (const xmlNode* performer = xml::first_child(*supply, ns::hl7, "performer")) {
        ed.performer_time = read_time(*performer, "time");
        if (const xmlNode* entity = xml::first_child(*performer, ns::hl7, "assignedEntity")) {
            ed.performer = read_assigned_entity(*entity);
        }
    }
    // The dispenser is also the document author; use it when the performer is thin.
    if (!ed.header.authors.empty()) {
        const author& dispenser = ed.header.authors.front();
        if (ed.performer_time.empty()) {
            ed.performer_time = dispenser.time;
        }
        if (ed.performer.ids.empty() && ed.performer.name.empty()) {
            ed.performer = dispenser.entity;
        }
    }
    if (ed.performer_time.empty()) {
        return missing(errc::ed_missing_basic_data, "the dispensation has no time",
                       "supply/performer/time");
    }
    for (const xmlNode* relationship : xml::children(*supply, ns::hl7, "entryRelationship")) {
        if (xml::attribute(*relationship, "typeCode").value_or("") != "REFR") {
            continue;
        }
        const xmlNode* administration =
            xml::first_child(*relationship, ns::hl7, "substanceAdministration");
        if (administration == nullptr) {
            continue;
        }
        if (const xmlNode* id = xml::first_child(*administration, ns::hl7, "id")) {
            ed.prescription_item_id = read_id(*id);
        }
        if (const xmlNode* prescribed = xml::find_path(
                *administration, {{ns::hl7, "consumable"}, {ns::hl7, "manufacturedProduct"}})) {
            ed.prescribed_product = read_medicinal_product(*prescribed);
        }
        break;
    }
    if (ed.prescription_item_id.root.empty()) {
        return missing(errc::ed_eprescription_not_identifiable,
                       "the eDispensation does not name the prescription item it fulfils",
                       "supply/entryRelationship[REFR]/substanceAdministration/id");
    }
    auto substituted = read_substitution(*supply);
    if (!substituted) {
        return substituted.error();
    }
    ed.substituted = *substituted;
    return ed;
}

}  // namespace ncpeh::translators::cda
