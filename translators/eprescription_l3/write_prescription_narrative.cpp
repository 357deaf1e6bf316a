#include "translators/eprescription_l3/write_prescription_narrative.hpp"

#include <string>

#include "translators/eprescription_l3/describe_item.hpp"

namespace ncpeh::translators::eprescription_l3 {

namespace {

void row(cda::xml_writer& out, std::string_view label, std::string_view value,
         std::string_view content_id = {}) {
    if (value.empty()) {
        return;
    }
    out.start("tr");
    out.element("th", label);
    out.start("td");
    if (content_id.empty()) {
        out.text(value);
    } else {
        out.start("content");
        out.attribute("ID", content_id);
        out.text(value);
        out.end();
    }
    out.end();
    out.end();
}

}  // namespace

void write_prescription_narrative(cda::xml_writer& out, const cda::eprescription_document& doc) {
    const item_description text = describe_item(doc);
    out.start("text");
    out.start("table");
    out.attribute("border", "1");
    out.start("tbody");
    row(out, "Medicinal product", text.product, item_content_id);
    row(out, "Active ingredients and strength", text.ingredients);
    row(out, "Pharmaceutical dose form", text.dose_form);
    row(out, "Package", text.package);
    row(out, "Number of packages", text.packages);
    row(out, "Dosage (original text)", text.dosage);
    row(out, "Route of administration", text.route);
    row(out, "Valid", text.validity);
    row(out, "Substitution", text.substitution);
    row(out, "Instructions to the patient", doc.item.patient_instructions,
        doc.item.patient_instructions.empty() ? std::string_view{} : patient_instructions_id);
    row(out, "Instructions to the dispenser", doc.item.fulfilment_instructions,
        doc.item.fulfilment_instructions.empty() ? std::string_view{} : fulfilment_instructions_id);
    row(out, "Prescriber", text.prescriber);
    out.end();
    out.end();
    out.end();
}

}  // namespace ncpeh::translators::eprescription_l3
