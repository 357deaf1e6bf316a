#include "translators/cda/read_eprescription.hpp"

#include <libxml/tree.h>

#include "translators/cda/read_data_types.hpp"
#include "translators/cda/read_header.hpp"
#include "translators/cda/read_medicinal_product.hpp"
#include "trust/xml/namespaces.hpp"
#include "trust/xml/navigate.hpp"

namespace ncpeh::translators::cda {

namespace xml = trust::xml;
namespace ns = trust::xml::ns;

namespace {

error missing(std::string message, std::string_view element) {
    return make_error(errc::ep_generic, std::move(message)).with("element", std::string(element));
}

// The local name of an xsi:type whose prefix is bound to urn:hl7-org:v3 (or absent with the
// default namespace hl7), else empty: "PIVL_TS" for xsi:type="hl7:PIVL_TS".
std::string xsi_type(const xmlNode& element) {
    const auto value = xml::attribute(element, ns::xsi, "type");
    if (!value) {
        return {};
    }
    const std::string type(*value);
    const auto colon = type.find(':');
    const std::string prefix = colon == std::string::npos ? std::string{} : type.substr(0, colon);
    const xmlNs* declared =
        xmlSearchNs(element.doc, const_cast<xmlNode*>(&element),
                    prefix.empty() ? nullptr : reinterpret_cast<const xmlChar*>(prefix.c_str()));
    if (declared == nullptr || declared->href == nullptr ||
        std::string_view(reinterpret_cast<const char*>(declared->href)) != ns::hl7) {
        return {};
    }
    return colon == std::string::npos ? type : type.substr(colon + 1);
}

// Text of the narrative element whose ID is `id` (a reference value without the '#').
const xmlNode* find_by_id(const xmlNode& node, std::string_view id, int depth = 0) {
    if (depth > 64) {
        return nullptr;
    }
    for (const xmlNode* child = node.children; child != nullptr; child = child->next) {
        if (child->type != XML_ELEMENT_NODE) {
            continue;
        }
        if (xml::attribute(*child, "ID").value_or("") == id) {
            return child;
        }
        if (const xmlNode* found = find_by_id(*child, id, depth + 1)) {
            return found;
        }
    }
    return nullptr;
}

// The text of `node` with every run of XML white space collapsed to one space and trimmed:
// narrative blocks are indented, and what a reader shows is the words.
std::string collapsed_text_of(const xmlNode& node) {
    const std::string text = xml::text_of(node);
    std::string out;
    bool space = false;
    for (char c : text) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = !out.empty();
            continue;
        }
        if (space) {
            out.push_back(' ');
            space = false;
        }
        out.push_back(c);
    }
    return out;
}

std::string referenced_text(const xmlNode& section, const xmlNode& act) {
    const xmlNode* reference = xml::find_path(act, {{ns::hl7, "text"}, {ns::hl7, "reference"}});
    if (reference == nullptr) {
        const xmlNode* text = xml::first_child(act, ns::hl7, "text");
        return text == nullptr ? std::string{} : collapsed_text_of(*text);
    }
    std::string_view value = xml::attribute(*reference, "value").value_or("");
    if (value.starts_with('#')) {
        value.remove_prefix(1);
    }
    const xmlNode* narrative = xml::first_child(section, ns::hl7, "text");
    if (narrative == nullptr || value.empty()) {
        return {};
    }
    // The reference may name the narrative block itself (`<text ID="eP_as_text">`).
    const xmlNode* target = xml::attribute(*narrative, "ID").value_or("") == value
                                ? narrative
                                : find_by_id(*narrative, value);
    return target == nullptr ? std::string{} : collapsed_text_of(*target);
}

void read_times(const xmlNode& administration, prescription_item& item) {
    for (const xmlNode* time : xml::children(administration, ns::hl7, "effectiveTime")) {
        const std::string type = xsi_type(*time);
        if (type == "IVL_TS") {
            item.validity_low = read_time(*time, "low");
            item.validity_high = read_time(*time, "high");
        } else if (type == "PIVL_TS") {
            if (const xmlNode* period = xml::first_child(*time, ns::hl7, "period")) {
                const physical_quantity value = read_quantity(*period);
                if (!value.value.empty()) {
                    item.frequency = periodic_interval{
                        value.value, value.unit,
                        xml::attribute(*time, "institutionSpecified").value_or("") == "true"};
                }
            }
        } else if (type == "EIVL_TS") {
            if (const xmlNode* event = xml::first_child(*time, ns::hl7, "event")) {
                item.frequency = event_timing{read_code(*event)};
            }
        }
    }
}

void read_relationships(const xmlNode& section, const xmlNode& administration,
                        prescription_item& item) {
    for (const xmlNode* relationship :
         xml::children(administration, ns::hl7, "entryRelationship")) {
        if (const xmlNode* supply = xml::first_child(*relationship, ns::hl7, "supply")) {
            if (const xmlNode* quantity = xml::first_child(*supply, ns::hl7, "quantity")) {
                item.packages = read_quantity(*quantity);
            }
        }
        if (const xmlNode* observation = xml::first_child(*relationship, ns::hl7, "observation")) {
            const xmlNode* code = xml::first_child(*observation, ns::hl7, "code");
            const xmlNode* value = xml::first_child(*observation, ns::hl7, "value");
            if (code != nullptr && value != nullptr &&
                xml::attribute(*code, "code").value_or("") == "SUBST") {
                item.substitution = read_code(*value);
            }
        }
        if (const xmlNode* act = xml::first_child(*relationship, ns::hl7, "act")) {
            const xmlNode* code = xml::first_child(*act, ns::hl7, "code");
            const std::string_view kind = code ? xml::attribute(*code, "code").value_or("") : "";
            if (kind == "PINSTRUCT") {
                item.patient_instructions = referenced_text(section, *act);
            } else if (kind == "FINSTRUCT") {
                item.fulfilment_instructions = referenced_text(section, *act);
            }
        }
    }
}

prescription_item read_item(const xmlNode& section, const xmlNode& administration) {
    prescription_item item;
    if (const xmlNode* id = xml::first_child(administration, ns::hl7, "id")) {
        item.id = read_id(*id);
    }
    if (const xmlNode* status = xml::first_child(administration, ns::hl7, "statusCode")) {
        item.status_code = std::string(xml::attribute(*status, "code").value_or(""));
    }
    item.narrative_text = referenced_text(section, administration);
    read_times(administration, item);
    if (const xmlNode* route = xml::first_child(administration, ns::hl7, "routeCode")) {
        item.route = read_code(*route);
    }
    if (const xmlNode* dose = xml::first_child(administration, ns::hl7, "doseQuantity")) {
        if (const xmlNode* low = xml::first_child(*dose, ns::hl7, "low")) {
            item.dose_low = read_quantity(*low);
        }
        if (const xmlNode* high = xml::first_child(*dose, ns::hl7, "high")) {
            item.dose_high = read_quantity(*high);
        }
        // IVL_PQ is the template's type; a plain PQ dose (value/unit on doseQuantity) is
        // read as low = high.
        if (item.dose_low.empty() && xml::attribute(*dose, "value")) {
            item.dose_low = read_quantity(*dose);
        }
    }
    if (const xmlNode* product = xml::find_path(
            administration, {{ns::hl7, "consumable"}, {ns::hl7, "manufacturedProduct"}})) {
        item.product = read_medicinal_product(*product);
    }
    read_relationships(section, administration, item);
    return item;
}

}  // namespace

result<eprescription_document> read_eprescription(const xml::document& document) {
    const xmlNode& root = document.root();
    if (!xml::is_element(root, ns::hl7, "ClinicalDocument")) {
        return missing("not an HL7 CDA ClinicalDocument", "ClinicalDocument");
    }
    eprescription_document ep;
    ep.header = read_header(root);
    if (ep.header.code.code != "57833-6") {
        return missing("not an ePrescription (document code \"" + ep.header.code.code +
                           "\", expected 57833-6)",
                       "ClinicalDocument/code");
    }
    const xmlNode* section = xml::find_path(root, {{ns::hl7, "component"},
                                                   {ns::hl7, "structuredBody"},
                                                   {ns::hl7, "component"},
                                                   {ns::hl7, "section"}});
    if (section == nullptr) {
        return missing("the ePrescription has no Prescription section",
                       "component/structuredBody/component/section");
    }
    if (const xmlNode* id = xml::first_child(*section, ns::hl7, "id")) {
        ep.prescription_id = read_id(*id);
    }
    std::vector<const xmlNode*> administrations;
    for (const xmlNode* entry : xml::children(*section, ns::hl7, "entry")) {
        if (const xmlNode* administration =
                xml::first_child(*entry, ns::hl7, "substanceAdministration")) {
            administrations.push_back(administration);
        }
    }
    if (administrations.empty()) {
        return missing("the Prescription section has no prescription item",
                       "section/entry/substanceAdministration");
    }
    ep.item = read_item(*section, *administrations.front());
    for (std::size_t i = 1; i < administrations.size(); ++i) {
        ep.further_items.push_back(read_item(*section, *administrations[i]));
    }
    return ep;
}

}  // namespace ncpeh::translators::cda
