#include "translators/fhir/medication_request.hpp"

#include <boost/json/array.hpp>

#include "translators/fhir/json_reader.hpp"
#include "translators/fhir/json_writer.hpp"
#include "translators/fhir/resource_type.hpp"
#include "translators/fhir/uris.hpp"

namespace ncpeh::translators::fhir {

namespace json = boost::json;

namespace {

dosage read_dosage(const json::value& value, json_reader& parent) {
    json_reader r(value, "MedicationRequest.dosageInstruction");
    dosage d;
    d.text = r.string("text");
    if (const auto* timing = r.object("timing")) {
        json_reader tr(*timing, "MedicationRequest.dosageInstruction.timing");
        if (const auto* repeat = tr.object("repeat")) {
            json_reader rr(*repeat, "MedicationRequest.dosageInstruction.timing.repeat");
            d.frequency = rr.integer("frequency");
            d.period = rr.decimal("period");
            d.period_unit = rr.string("periodUnit");
            tr.absorb(rr);
        }
        r.absorb(tr);
    }
    d.route = r.optional_codeable_concept("route");
    if (const auto* rates = r.array("doseAndRate")) {
        if (!rates->empty()) {
            json_reader dr((*rates)[0], "MedicationRequest.dosageInstruction.doseAndRate");
            d.dose_quantity = dr.read_quantity("doseQuantity");
            r.absorb(dr);
        }
    }
    d.as_needed = r.boolean("asNeededBoolean");
    d.unknown = r.unread_members();
    parent.absorb(r);
    return d;
}

json::object dosage_to_json(const dosage& d) {
    json::object o;
    put_string(o, "text", d.text);
    if (d.frequency || d.period || !d.period_unit.empty()) {
        json::object repeat;
        put_integer(repeat, "frequency", d.frequency);
        put_decimal(repeat, "period", d.period);
        put_string(repeat, "periodUnit", d.period_unit);
        o["timing"] = json::object{{"repeat", std::move(repeat)}};
    }
    put_bool(o, "asNeededBoolean", d.as_needed);
    put_value(o, "route", d.route);
    if (d.dose_quantity) {
        o["doseAndRate"] = json::array{json::object{{"doseQuantity", to_json(*d.dose_quantity)}}};
    }
    put_unknown(o, d.unknown);
    return o;
}

fhir::dispense_request read_dispense_request(const json::object& value, json_reader& parent) {
    json_reader r(value, "MedicationRequest.dispenseRequest");
    fhir::dispense_request d;
    auto extensions = r.extensions("extension");
    d.workplace_code = r.take_string_extension(extensions, uris::ext_workplace_code);
    d.number_of_packages_prescribed =
        r.take_integer_extension(extensions, uris::ext_number_of_packages_prescribed);
    d.number_of_dispenses_allowed =
        r.take_integer_extension(extensions, uris::ext_number_of_dispenses_allowed);
    d.dose_packaging = r.take_bool_extension(extensions, uris::ext_dose_packaging);
    d.pharmaceutical_benefits = r.take_bool_extension(extensions, uris::ext_patient_benefits_act);
    d.other_extensions = std::move(extensions);
    d.validity_period = r.read_period("validityPeriod");
    d.number_of_repeats_allowed = r.integer("numberOfRepeatsAllowed");
    d.quantity = r.read_quantity("quantity");
    d.dispense_interval = r.read_quantity("dispenseInterval");
    d.unknown = r.unread_members();
    parent.absorb(r);
    return d;
}

json::object dispense_request_to_json(const fhir::dispense_request& d) {
    json::object o;
    std::vector<extension> extensions;
    if (!d.workplace_code.empty()) {
        extensions.push_back(
            make_extension(uris::ext_workplace_code, "valueCode", json::string(d.workplace_code)));
    }
    if (d.number_of_packages_prescribed) {
        extensions.push_back(make_extension(uris::ext_number_of_packages_prescribed,
                                            "valuePositiveInt",
                                            std::int64_t{*d.number_of_packages_prescribed}));
    }
    if (d.number_of_dispenses_allowed) {
        extensions.push_back(make_extension(uris::ext_number_of_dispenses_allowed,
                                            "valueUnsignedInt",
                                            std::int64_t{*d.number_of_dispenses_allowed}));
    }
    if (d.dose_packaging) {
        extensions.push_back(
            make_extension(uris::ext_dose_packaging, "valueBoolean", *d.dose_packaging));
    }
    if (d.pharmaceutical_benefits) {
        extensions.push_back(make_extension(uris::ext_patient_benefits_act, "valueBoolean",
                                            *d.pharmaceutical_benefits));
    }
    extensions.insert(extensions.end(), d.other_extensions.begin(), d.other_extensions.end());
    put_array(o, "extension", extensions);
    put_value(o, "validityPeriod", d.validity_period);
    put_integer(o, "numberOfRepeatsAllowed", d.number_of_repeats_allowed);
    put_value(o, "quantity", d.quantity);
    put_value(o, "dispenseInterval", d.dispense_interval);
    put_unknown(o, d.unknown);
    return o;
}

void read_contained(json_reader& r, medication_request& m) {
    const auto* contained = r.array("contained");
    if (!contained) {
        return;
    }
    for (const auto& item : *contained) {
        const auto* o = item.if_object();
        if (!o) {
            r.fail("contained entries must be objects");
            return;
        }
        const auto* type = o->if_contains("resourceType");
        const std::string_view kind =
            type && type->is_string() ? std::string_view(type->get_string()) : std::string_view{};
        auto adopt = [&r](auto parsed, auto& slot) {
            if (!parsed) {
                auto e = parsed.error();
                r.fail("contained " + e.message);
                return;
            }
            if (slot) {
                r.fail("more than one contained resource of the same type");
                return;
            }
            slot = std::move(*parsed);
        };
        if (kind == "Practitioner") {
            adopt(parse_practitioner(item), m.prescriber);
        } else if (kind == "Medication") {
            adopt(parse_medication(item), m.medication);
        } else if (kind == "Location") {
            adopt(parse_location(item), m.prescriber_location);
        } else if (kind == "Patient") {
            adopt(parse_patient(item), m.contained_patient);
        } else {
            m.other_contained.push_back(*o);
        }
    }
}

}  // namespace

result<medication_request> parse_medication_request(const json::value& json) {
    json_reader r(json, "MedicationRequest");
    check_resource_type(r, "MedicationRequest");
    medication_request m;
    m.id = r.string("id");
    m.meta = r.read_meta("meta");
    read_contained(r, m);
    auto extensions = r.extensions("extension");
    m.patient_treatment_reason =
        r.take_string_extension(extensions, uris::ext_patient_treatment_reason);
    m.prescriber_contact_info =
        r.take_reference_extension(extensions, uris::ext_prescriber_contact_info);
    m.prescription_format = r.take_coding_extension(extensions, uris::ext_prescription_format);
    m.registration_basis = r.take_coding_extension(extensions, uris::ext_registration_basis);
    auto status_code = r.take_string_extension(extensions, uris::ext_nll_prescription_status);
    if (status_code.empty()) {
        status_code = r.take_string_extension(extensions, uris::ext_nll_prescription_status_doc);
    }
    if (!status_code.empty()) {
        m.nll_status = parse_nll_status(status_code);
        if (!m.nll_status) {
            r.fail("unknown Swedish prescription status \"" + status_code + "\"");
        }
    }
    m.remaining_dispenses = r.take_integer_extension(extensions, uris::ext_remaining_dispenses);
    m.last_dispensed = r.take_string_extension(extensions, uris::ext_last_dispensed);
    m.receiving_pharmacy = r.take_reference_extension(extensions, uris::ext_receiving_pharmacy);
    m.prescription_chain = r.take_string_extension(extensions, uris::ext_prescription_chain);
    m.other_extensions = std::move(extensions);
    m.status = r.string("status");
    m.intent = r.string("intent");
    if (r.object("medicationReference")) {
        m.medication_reference = r.read_reference("medicationReference");
    }
    m.medication_codeable_concept = r.optional_codeable_concept("medicationCodeableConcept");
    m.subject = r.read_reference("subject");
    m.authored_on = r.string("authoredOn");
    m.requester = r.read_reference("requester");
    m.reason_code = r.codeable_concepts("reasonCode");
    if (const auto* dosages = r.array("dosageInstruction")) {
        for (const auto& d : *dosages) {
            m.dosage_instruction.push_back(read_dosage(d, r));
        }
    }
    if (const auto* dr = r.object("dispenseRequest")) {
        m.dispense_request = read_dispense_request(*dr, r);
    }
    if (const auto* substitution = r.object("substitution")) {
        json_reader sr(*substitution, "MedicationRequest.substitution");
        m.substitution_allowed = sr.boolean("allowedBoolean");
        r.absorb(sr);
    }
    if (r.failed()) {
        return r.take_error();
    }
    m.unknown = r.unread_members();
    return m;
}

json::object to_json(const medication_request& m) {
    json::object o;
    o["resourceType"] = "MedicationRequest";
    put_string(o, "id", m.id);
    put_value(o, "meta", m.meta);
    json::array contained;
    if (m.prescriber) {
        contained.push_back(to_json(*m.prescriber));
    }
    if (m.medication) {
        contained.push_back(to_json(*m.medication));
    }
    if (m.prescriber_location) {
        contained.push_back(to_json(*m.prescriber_location));
    }
    if (m.contained_patient) {
        contained.push_back(to_json(*m.contained_patient));
    }
    for (const auto& other : m.other_contained) {
        contained.push_back(other);
    }
    if (!contained.empty()) {
        o["contained"] = std::move(contained);
    }
    std::vector<extension> extensions;
    if (!m.patient_treatment_reason.empty()) {
        extensions.push_back(make_extension(uris::ext_patient_treatment_reason, "valueString",
                                            json::string(m.patient_treatment_reason)));
    }
    if (m.prescriber_contact_info) {
        extensions.push_back(make_extension(uris::ext_prescriber_contact_info, "valueReference",
                                            to_json(*m.prescriber_contact_info)));
    }
    if (m.prescription_format) {
        extensions.push_back(make_extension(uris::ext_prescription_format, "valueCoding",
                                            to_json(*m.prescription_format)));
    }
    if (m.registration_basis) {
        extensions.push_back(make_extension(uris::ext_registration_basis, "valueCoding",
                                            to_json(*m.registration_basis)));
    }
    if (m.nll_status) {
        extensions.push_back(make_extension(uris::ext_nll_prescription_status, "valueCode",
                                            json::string(code_of(*m.nll_status))));
    }
    if (m.remaining_dispenses) {
        extensions.push_back(make_extension(uris::ext_remaining_dispenses, "valueUnsignedInt",
                                            std::int64_t{*m.remaining_dispenses}));
    }
    if (!m.last_dispensed.empty()) {
        extensions.push_back(make_extension(uris::ext_last_dispensed, "valueDateTime",
                                            json::string(m.last_dispensed)));
    }
    if (m.receiving_pharmacy) {
        extensions.push_back(make_extension(uris::ext_receiving_pharmacy, "valueReference",
                                            to_json(*m.receiving_pharmacy)));
    }
    if (!m.prescription_chain.empty()) {
        extensions.push_back(make_extension(uris::ext_prescription_chain, "valueString",
                                            json::string(m.prescription_chain)));
    }
    extensions.insert(extensions.end(), m.other_extensions.begin(), m.other_extensions.end());
    put_array(o, "extension", extensions);
    put_string(o, "status", m.status);
    put_string(o, "intent", m.intent);
    put_value(o, "medicationReference", m.medication_reference);
    put_value(o, "medicationCodeableConcept", m.medication_codeable_concept);
    put_value(o, "subject", m.subject);
    put_string(o, "authoredOn", m.authored_on);
    put_value(o, "requester", m.requester);
    put_array(o, "reasonCode", m.reason_code);
    if (!m.dosage_instruction.empty()) {
        json::array dosages;
        for (const auto& d : m.dosage_instruction) {
            dosages.push_back(dosage_to_json(d));
        }
        o["dosageInstruction"] = std::move(dosages);
    }
    if (m.dispense_request) {
        o["dispenseRequest"] = dispense_request_to_json(*m.dispense_request);
    }
    if (m.substitution_allowed) {
        o["substitution"] = json::object{{"allowedBoolean", *m.substitution_allowed}};
    }
    put_unknown(o, m.unknown);
    return o;
}

std::optional<fhir::nll_status> effective_nll_status(const medication_request& m) noexcept {
    if (m.nll_status) {
        return m.nll_status;
    }
    return nll_status_from_fhir(m.status);
}

std::string subject_patient_id(const medication_request& m) {
    constexpr std::string_view prefix = "Patient/";
    if (m.subject.reference.starts_with(prefix)) {
        return m.subject.reference.substr(prefix.size());
    }
    return {};
}

}  // namespace ncpeh::translators::fhir
