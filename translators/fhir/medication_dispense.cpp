#include "translators/fhir/medication_dispense.hpp"

#include <boost/json/array.hpp>

#include <algorithm>

#include "translators/fhir/json_reader.hpp"
#include "translators/fhir/json_writer.hpp"
#include "translators/fhir/resource_type.hpp"
#include "translators/fhir/uris.hpp"

namespace ncpeh::translators::fhir {

namespace json = boost::json;

namespace {

paper_prescription_details read_paper(extension& e, json_reader& r) {
    paper_prescription_details p;
    if (auto ref = r.take_reference_extension(e.nested, "prescriber")) {
        p.prescriber = *ref;
    }
    p.issued = r.take_string_extension(e.nested, "issued");
    if (auto id = r.take_extension(e.nested, "prescriptionIdentifier")) {
        json_reader ir(id->value, r.path() + ".paperPrescription.prescriptionIdentifier");
        p.prescription_identifier = {ir.string("system"), ir.string("value")};
        r.absorb(ir);
    }
    p.country = r.take_string_extension(e.nested, "country");
    p.dosage_text = r.take_string_extension(e.nested, "dosageText");
    return p;
}

extension paper_to_extension(const paper_prescription_details& p) {
    extension e{std::string(uris::ext_paper_prescription), {}, {}, {}};
    if (!(p.prescriber == reference{})) {
        e.nested.push_back(make_extension("prescriber", "valueReference", to_json(p.prescriber)));
    }
    if (!p.issued.empty()) {
        e.nested.push_back(make_extension("issued", "valueDate", json::string(p.issued)));
    }
    if (!(p.prescription_identifier == identifier{})) {
        e.nested.push_back(make_extension("prescriptionIdentifier", "valueIdentifier",
                                          to_json(p.prescription_identifier)));
    }
    if (!p.country.empty()) {
        e.nested.push_back(make_extension("country", "valueCode", json::string(p.country)));
    }
    if (!p.dosage_text.empty()) {
        e.nested.push_back(
            make_extension("dosageText", "valueString", json::string(p.dosage_text)));
    }
    return e;
}

}  // namespace

result<medication_dispense> parse_medication_dispense(const json::value& json) {
    json_reader r(json, "MedicationDispense");
    check_resource_type(r, "MedicationDispense");
    medication_dispense d;
    d.id = r.string("id");
    d.meta = r.read_meta("meta");
    if (const auto* contained = r.array("contained")) {
        for (const auto& item : *contained) {
            const auto* o = item.if_object();
            const auto* type = o ? o->if_contains("resourceType") : nullptr;
            if (type && type->is_string() && type->get_string() == "Practitioner") {
                auto p = parse_practitioner(item);
                if (!p) {
                    r.fail("contained " + p.error().message);
                } else {
                    d.contained_practitioners.push_back(std::move(*p));
                }
            } else if (o) {
                d.other_contained.push_back(*o);
            } else {
                r.fail("contained entries must be objects");
            }
        }
    }
    auto extensions = r.extensions("extension");
    d.actor_dispatch_id = r.take_string_extension(extensions, uris::ext_actor_dispatch_id);
    d.dispatch_id = r.take_string_extension(extensions, uris::ext_dispatch_id);
    d.dispatch_row_no = r.take_decimal_extension(extensions, uris::ext_dispatch_row_no);
    d.benefit_choice_code = r.take_string_extension(extensions, uris::ext_benefit_choice_code);
    d.number_of_packages_dispensed =
        r.take_integer_extension(extensions, uris::ext_number_of_packages_dispensed);
    d.deducted_quantity = r.take_decimal_extension(extensions, uris::ext_deducted_quantity);
    d.complete_prescription_choice =
        r.take_string_extension(extensions, uris::ext_complete_prescription_choice);
    d.cross_border = r.take_bool_extension(extensions, uris::ext_cross_border);
    if (auto paper = r.take_extension(extensions, uris::ext_paper_prescription)) {
        d.paper_prescription = read_paper(*paper, r);
    }
    d.other_extensions = std::move(extensions);
    d.status = r.string("status");
    d.medication = r.read_codeable_concept("medicationCodeableConcept");
    d.subject = r.read_reference("subject");
    d.authorizing_prescription = r.references("authorizingPrescription");
    if (r.object("location")) {
        d.location = r.read_reference("location");
    }
    d.quantity = r.read_quantity("quantity");
    d.when_handed_over = r.string("whenHandedOver");
    if (const auto* substitution = r.object("substitution")) {
        json_reader sr(*substitution, "MedicationDispense.substitution");
        d.was_substituted = sr.boolean("wasSubstituted");
        r.absorb(sr);
    }
    if (const auto* performers = r.array("performer")) {
        for (const auto& p : *performers) {
            json_reader pr(p, "MedicationDispense.performer");
            d.performers.push_back(pr.read_reference("actor"));
            r.absorb(pr);
        }
    }
    if (const auto* notes = r.array("note")) {
        for (const auto& n : *notes) {
            json_reader nr(n, "MedicationDispense.note");
            d.notes.push_back(nr.string("text"));
            r.absorb(nr);
        }
    }
    if (r.failed()) {
        return r.take_error();
    }
    d.unknown = r.unread_members();
    return d;
}

json::object to_json(const medication_dispense& d) {
    json::object o;
    o["resourceType"] = "MedicationDispense";
    put_string(o, "id", d.id);
    put_value(o, "meta", d.meta);
    json::array contained;
    for (const auto& p : d.contained_practitioners) {
        contained.push_back(to_json(p));
    }
    for (const auto& other : d.other_contained) {
        contained.push_back(other);
    }
    if (!contained.empty()) {
        o["contained"] = std::move(contained);
    }
    std::vector<extension> extensions;
    auto add_string = [&extensions](std::string_view url, std::string_view key,
                                    const std::string& value) {
        if (!value.empty()) {
            extensions.push_back(make_extension(url, key, json::string(value)));
        }
    };
    add_string(uris::ext_actor_dispatch_id, "valueString", d.actor_dispatch_id);
    add_string(uris::ext_dispatch_id, "valueString", d.dispatch_id);
    if (d.dispatch_row_no) {
        extensions.push_back(make_extension(uris::ext_dispatch_row_no, "valueDecimal",
                                            number_to_json(*d.dispatch_row_no)));
    }
    add_string(uris::ext_benefit_choice_code, "valueCode", d.benefit_choice_code);
    if (d.number_of_packages_dispensed) {
        extensions.push_back(make_extension(uris::ext_number_of_packages_dispensed,
                                            "valuePositiveInt",
                                            std::int64_t{*d.number_of_packages_dispensed}));
    }
    if (d.deducted_quantity) {
        extensions.push_back(make_extension(uris::ext_deducted_quantity, "valueDecimal",
                                            number_to_json(*d.deducted_quantity)));
    }
    add_string(uris::ext_complete_prescription_choice, "valueCode", d.complete_prescription_choice);
    if (d.cross_border) {
        extensions.push_back(
            make_extension(uris::ext_cross_border, "valueBoolean", *d.cross_border));
    }
    if (d.paper_prescription) {
        extensions.push_back(paper_to_extension(*d.paper_prescription));
    }
    extensions.insert(extensions.end(), d.other_extensions.begin(), d.other_extensions.end());
    put_array(o, "extension", extensions);
    put_string(o, "status", d.status);
    put_value(o, "medicationCodeableConcept", d.medication);
    put_value(o, "subject", d.subject);
    put_array(o, "authorizingPrescription", d.authorizing_prescription);
    put_value(o, "location", d.location);
    put_value(o, "quantity", d.quantity);
    put_string(o, "whenHandedOver", d.when_handed_over);
    if (d.was_substituted) {
        o["substitution"] = json::object{{"wasSubstituted", *d.was_substituted}};
    }
    if (!d.performers.empty()) {
        json::array performers;
        for (const auto& p : d.performers) {
            performers.push_back(json::object{{"actor", to_json(p)}});
        }
        o["performer"] = std::move(performers);
    }
    if (!d.notes.empty()) {
        json::array notes;
        for (const auto& n : d.notes) {
            notes.push_back(json::object{{"text", n}});
        }
        o["note"] = std::move(notes);
    }
    put_unknown(o, d.unknown);
    return o;
}

bool is_paper_prescription_dispense(const medication_dispense& d) noexcept {
    return d.paper_prescription.has_value() ||
           std::find(d.meta.profile.begin(), d.meta.profile.end(),
                     uris::nll_dispense_paper_prescription) != d.meta.profile.end();
}

std::string authorizing_prescription_id(const medication_dispense& d) {
    constexpr std::string_view prefix = "MedicationRequest/";
    if (!d.authorizing_prescription.empty() &&
        d.authorizing_prescription.front().reference.starts_with(prefix)) {
        return d.authorizing_prescription.front().reference.substr(prefix.size());
    }
    return {};
}

}  // namespace ncpeh::translators::fhir
