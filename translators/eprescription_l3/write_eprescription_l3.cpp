#include "translators/eprescription_l3/write_eprescription_l3.hpp"

#include "translators/cda/code_systems.hpp"
#include "translators/cda/write_data_types.hpp"
#include "translators/cda/write_header.hpp"
#include "translators/cda/write_medicinal_product.hpp"
#include "translators/eprescription_l3/write_prescription_narrative.hpp"

namespace ncpeh::translators::eprescription_l3 {

namespace {

using cda::xml_writer;

void write_reference(xml_writer& out, std::string_view id) {
    out.start("text");
    out.start("reference");
    out.attribute("value", "#" + std::string(id));
    out.end();
    out.end();
}

// The validity period IVL_TS and the frequency (ehdsi-cda.md §1.3 and pitfall #5).
void write_effective_times(xml_writer& out, const cda::prescription_item& item) {
    out.start("effectiveTime");
    out.attribute("xsi:type", "IVL_TS");
    cda::write_time(out, "low", item.validity_low);
    cda::write_time(out, "high", item.validity_high);
    out.end();
    out.start("effectiveTime");
    if (const auto* periodic = std::get_if<cda::periodic_interval>(&item.frequency)) {
        out.attribute("xsi:type", "PIVL_TS");
        out.attribute("operator", "A");
        if (periodic->institution_specified) {
            out.attribute("institutionSpecified", "true");
        }
        out.start("period");
        out.attribute("value", periodic->value);
        out.attribute("unit", periodic->unit);
        out.end();
    } else if (const auto* event = std::get_if<cda::event_timing>(&item.frequency)) {
        out.attribute("xsi:type", "EIVL_TS");
        out.attribute("operator", "A");
        cda::write_code(out, "event", event->event);
    } else {
        // Unstructured dosage: the frequency is unknown; its text is in the narrative and the
        // patient instructions. A PIVL_TS whose period is unknown keeps the element non-null
        // beside the validity period (RIM-001 forbids a null sibling).
        out.attribute("xsi:type", "PIVL_TS");
        out.attribute("operator", "A");
        out.start("period");
        out.attribute("nullFlavor", "UNK");
        out.end();
    }
    out.end();
}

void write_instruction(xml_writer& out, std::string_view code, std::string_view content_id,
                       std::initializer_list<std::string_view> templates) {
    out.start("entryRelationship");
    out.attribute("typeCode", "SUBJ");
    out.attribute("inversionInd", "true");
    out.start("act");
    out.attribute("classCode", "ACT");
    out.attribute("moodCode", "INT");
    for (std::string_view root : templates) {
        cda::write_template(out, root);
    }
    out.start("code");
    out.attribute("code", code);
    out.attribute("codeSystem", "1.3.6.1.4.1.19376.1.5.3.2");
    out.attribute("codeSystemName", "IHEActCode");
    out.attribute("displayName", code == "PINSTRUCT" ? "Patient Medication Instructions"
                                                     : "Medication Fulfillment Instructions");
    out.end();
    write_reference(out, content_id);
    out.start("statusCode");
    out.attribute("code", "completed");
    out.end();
    out.end();
    out.end();
}

void write_substance_administration(xml_writer& out, const cda::prescription_item& item) {
    out.start("substanceAdministration");
    out.attribute("classCode", "SBADM");
    out.attribute("moodCode", "INT");
    cda::write_template(out, "1.3.6.1.4.1.12559.11.10.1.3.1.3.2");
    cda::write_template(out, "2.16.840.1.113883.10.20.1.24");
    cda::write_template(out, "1.3.6.1.4.1.19376.1.5.3.1.4.7");
    cda::write_template(out, "1.3.6.1.4.1.19376.1.5.3.1.4.7.1");
    cda::write_id(out, "id", item.id);
    write_reference(out, item_content_id);
    out.start("statusCode");
    out.attribute("code", item.status_code);
    out.end();
    write_effective_times(out, item);
    if (!item.route.empty()) {
        cda::write_code(out, "routeCode", item.route);
    }
    if (!item.dose_low.empty()) {
        out.start("doseQuantity");
        cda::write_quantity(out, "low", item.dose_low);
        cda::write_quantity(out, "high", item.dose_high.empty() ? item.dose_low : item.dose_high);
        out.end();
    }
    out.start("consumable");
    out.attribute("typeCode", "CSM");
    cda::write_medicinal_product(out, item.product);
    out.end();
    out.start("entryRelationship");
    out.attribute("typeCode", "COMP");
    out.start("supply");
    out.attribute("classCode", "SPLY");
    out.attribute("moodCode", "RQO");
    out.start("independentInd");
    out.attribute("value", "false");
    out.end();
    cda::write_quantity(out, "quantity", {item.packages.value, "1", item.packages.null_flavor, {}});
    out.end();
    out.end();
    if (!item.substitution.empty()) {
        out.start("entryRelationship");
        out.attribute("typeCode", "SUBJ");
        out.attribute("inversionInd", "true");
        out.start("observation");
        out.attribute("classCode", "OBS");
        out.attribute("moodCode", "EVN");
        out.start("code");
        out.attribute("code", "SUBST");
        out.attribute("codeSystem", cda::code_systems::hl7_act_class);
        out.attribute("codeSystemName", "ActClass");
        out.attribute("displayName", "Substitution");
        out.end();
        out.start("value");
        out.attribute("xsi:type", "CE");
        out.attribute("code", item.substitution.code);
        out.attribute("codeSystem", item.substitution.code_system);
        out.optional_attribute("codeSystemName", item.substitution.code_system_name);
        out.optional_attribute("displayName", item.substitution.display_name);
        out.end();
        out.end();
        out.end();
    }
    if (!item.patient_instructions.empty()) {
        write_instruction(out, "PINSTRUCT", patient_instructions_id,
                          {"1.3.6.1.4.1.12559.11.10.1.3.1.3.12", "1.3.6.1.4.1.19376.1.5.3.1.4.3",
                           "2.16.840.1.113883.10.20.1.49"});
    }
    if (!item.fulfilment_instructions.empty()) {
        write_instruction(out, "FINSTRUCT", fulfilment_instructions_id,
                          {"1.3.6.1.4.1.12559.11.10.1.3.1.3.13", "1.3.6.1.4.1.19376.1.5.3.1.4.3.1",
                           "2.16.840.1.113883.10.20.1.43"});
    }
    out.end();
}

}  // namespace

std::string write_eprescription_l3(const cda::eprescription_document& doc) {
    xml_writer out;
    cda::document_header header = doc.header;
    header.template_id = std::string(eprescription_l3_template_id);
    header.template_extension.clear();
    cda::write_header_start(out, header);
    cda::write_related_documents(out, header);
    cda::write_single_section_start(out);
    cda::write_template(out, "1.3.6.1.4.1.12559.11.10.1.3.1.2.1");
    cda::write_id(out, "id", doc.prescription_id);
    cda::write_loinc_code(out, "57828-6", "Prescriptions");
    out.element("title", "Prescriptions");
    write_prescription_narrative(out, doc);
    out.start("entry");
    out.attribute("typeCode", "COMP");
    write_substance_administration(out, doc.item);
    out.end();
    out.end();
    out.end();
    out.end();
    out.end();
    out.end();
    return std::move(out).finish();
}

}  // namespace ncpeh::translators::eprescription_l3
