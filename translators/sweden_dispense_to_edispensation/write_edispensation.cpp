#include "translators/sweden_dispense_to_edispensation/write_edispensation.hpp"

#include "translators/cda/code_systems.hpp"
#include "translators/cda/write_data_types.hpp"
#include "translators/cda/write_header.hpp"
#include "translators/cda/write_medicinal_product.hpp"

namespace ncpeh::translators::sweden_dispense_to_edispensation {

namespace {

using cda::xml_writer;

void row(xml_writer& out, std::string_view label, std::string_view value) {
    if (value.empty()) {
        return;
    }
    out.start("tr");
    out.element("th", label);
    out.element("td", value);
    out.end();
}

std::string person(const cda::person_name& name) {
    std::string text;
    for (const std::string& given : name.given) {
        text += given + " ";
    }
    return text + name.family;
}

std::string id_text(const cda::instance_identifier& id) {
    return id.extension.empty() ? id.root : id.root + " / " + id.extension;
}

// The Dispensation section narrative (section/text is required): what was handed out, by whom.
void write_narrative(xml_writer& out, const cda::edispensation_document& doc) {
    out.start("text");
    if (doc.discard) {
        out.element("paragraph", "This dispensation is discarded (undone) by the dispenser.");
    }
    out.start("table");
    out.attribute("border", "1");
    out.start("tbody");
    const cda::medicinal_product& p = doc.product;
    row(out, "Dispensed medicinal product",
        p.description.empty() ? p.name : p.name + " (" + p.description + ")");
    row(out, "Active ingredient (ATC)",
        p.atc.empty() ? std::string{} : p.atc.display_name + " (" + p.atc.code + ")");
    row(out, "Pharmaceutical dose form", p.form_code.display_name);
    row(out, "Number of packages", doc.packages.value);
    row(out, "Substitution", doc.substituted ? "Substituted" : "Not substituted");
    row(out, "Prescription ID", id_text(doc.prescription_id));
    row(out, "Prescription item ID", id_text(doc.prescription_item_id));
    row(out, "Dispensed by", person(doc.performer.name));
    row(out, "Pharmacy", doc.performer.represented_organization.name);
    row(out, "Dispensed at", doc.performer_time);
    out.end();
    out.end();
    out.end();
}

void write_in_fulfillment_of(xml_writer& out, const cda::edispensation_document& doc) {
    out.start("inFulfillmentOf");
    out.attribute("typeCode", "FLFS");
    out.start("order");
    out.attribute("classCode", "ACT");
    out.attribute("moodCode", "RQO");
    cda::write_id(out, "id", doc.prescription_id);
    out.end();
    out.end();
}

void write_supply(xml_writer& out, const cda::edispensation_document& doc) {
    out.start("supply");
    out.attribute("classCode", "SPLY");
    out.attribute("moodCode", "EVN");
    cda::write_template(out, "1.3.6.1.4.1.12559.11.10.1.3.1.3.3");
    cda::write_template(out, "1.3.6.1.4.1.19376.1.5.3.1.4.7.3");
    cda::write_template(out, "2.16.840.1.113883.10.20.1.34");
    cda::write_id(out, "id", doc.dispensation_id);
    cda::write_quantity(out, "quantity", {doc.packages.value, "1", doc.packages.null_flavor, {}});
    out.start("product");
    out.attribute("typeCode", "PRD");
    cda::write_medicinal_product(out, doc.product);
    out.end();
    out.start("performer");
    out.attribute("typeCode", "PRF");
    cda::write_time(out, "time", doc.performer_time);
    cda::write_assigned_entity(out, "assignedEntity", doc.performer);
    out.end();
    out.start("entryRelationship");
    out.attribute("typeCode", "REFR");
    out.start("substanceAdministration");
    out.attribute("classCode", "SBADM");
    out.attribute("moodCode", "INT");
    cda::write_id(out, "id", doc.prescription_item_id);
    if (doc.prescribed_product) {
        out.start("consumable");
        out.attribute("typeCode", "CSM");
        cda::write_medicinal_product(out, *doc.prescribed_product);
        out.end();
    }
    out.end();
    out.end();
    if (doc.substituted) {
        // eHDSI eD: presence of the COMP SUBST act = a substitute was dispensed
        // (ehdsi-cda.md §2.2; unlike the eP's SUBST observation).
        out.start("entryRelationship");
        out.attribute("typeCode", "COMP");
        out.start("act");
        out.attribute("classCode", "ACT");
        out.attribute("moodCode", "EVN");
        out.start("code");
        out.attribute("code", "SUBST");
        out.attribute("codeSystem", cda::code_systems::hl7_act_class);
        out.attribute("codeSystemName", "ActClass");
        out.attribute("displayName", "Substitution");
        out.end();
        out.end();
        out.end();
    }
    out.end();
}

}  // namespace

std::string write_edispensation(const cda::edispensation_document& doc) {
    xml_writer out;
    cda::document_header header = doc.header;
    header.template_id = std::string(edispensation_template_id);
    header.template_extension = doc.discard ? std::string(discard_template_extension) : "";
    cda::write_header_start(out, header);
    write_in_fulfillment_of(out, doc);
    cda::write_related_documents(out, header);
    cda::write_single_section_start(out);
    cda::write_template(out, "1.3.6.1.4.1.12559.11.10.1.3.1.2.2");
    cda::write_template(out, "2.16.840.1.113883.10.20.1.8");
    cda::write_id(out, "id", doc.section_id);
    cda::write_loinc_code(out, "60590-7", "Medication dispensed.brief");
    out.element("title", doc.discard ? "Dispensation (discarded)" : "Dispensation");
    write_narrative(out, doc);
    out.start("entry");
    out.attribute("typeCode", "COMP");
    write_supply(out, doc);
    out.end();
    out.end();
    out.end();
    out.end();
    out.end();
    out.end();
    return std::move(out).finish();
}

}  // namespace ncpeh::translators::sweden_dispense_to_edispensation
