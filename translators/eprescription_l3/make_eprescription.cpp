#include "translators/eprescription_l3/make_eprescription.hpp"

#include <charconv>
#include <cmath>

#include "translators/cda/cda_time.hpp"
#include "translators/cda/code_systems.hpp"
#include "translators/cda/fhir_address.hpp"
#include "translators/eprescription_l3/fhir_to_cda.hpp"
#include "translators/eprescription_l3/make_medicinal_product.hpp"
#include "translators/eprescription_l3/write_eprescription_l3.hpp"
#include "translators/fhir/uris.hpp"
#include "translators/sweden/identifier_oids.hpp"

namespace ncpeh::translators::eprescription_l3 {

namespace {

namespace uris = fhir::uris;
using terminology::term_kind;

constexpr std::string_view snomed_uri = "http://snomed.info/sct";

// Absent parts become explicit nullFlavor NI in the model, so that what the writer emits and
// what a reader reads back are the same value.
void make_nulls_explicit(cda::address& addr, std::vector<cda::telecom>& telecoms) {
    if (addr.empty() && addr.null_flavor.empty()) {
        addr.null_flavor = "NI";
    }
    if (telecoms.empty()) {
        telecoms.push_back({{}, {}, "NI"});
    }
}

void make_nulls_explicit(cda::assigned_entity& entity) {
    make_nulls_explicit(entity.addr, entity.telecoms);
    cda::organization& org = entity.represented_organization;
    make_nulls_explicit(org.addr, org.telecoms);
    if (org.ids.empty()) {
        org.ids.push_back({{}, {}, "NI"});
    }
}

error generic(std::string message, std::string_view element) {
    return make_error(errc::ep_generic, std::move(message)).with("element", std::string(element));
}

cda::person_name to_name(const std::vector<fhir::human_name>& names) {
    cda::person_name out;
    if (!names.empty()) {
        out.given = names.front().given;
        out.family = names.front().family;
    }
    return out;
}

result<cda::patient> make_patient(const fhir::patient& in, const terminology::terminology& tables) {
    cda::patient out;
    for (const fhir::identifier& id : in.identifiers) {
        if (id.system == uris::personnummer || id.system == sweden::personnummer_oid_urn) {
            out.ids.push_back({std::string(sweden::personnummer_oid), id.value, {}});
        } else if (id.system == uris::samordningsnummer ||
                   id.system == sweden::samordningsnummer_oid_urn) {
            out.ids.push_back({std::string(sweden::samordningsnummer_oid), id.value, {}});
        }
    }
    if (out.ids.empty()) {
        return generic("the patient has no personnummer or samordningsnummer",
                       "Patient.identifier");
    }
    out.name = to_name(in.name);
    if (out.name.family.empty() || out.name.given.empty()) {
        return generic("the patient has no family and given name", "Patient.name");
    }
    auto gender = terminology::transcode_swedish(tables, term_kind::gender,
                                                 in.gender.empty() ? "unknown" : in.gender);
    if (!gender) {
        return gender.error();
    }
    out.gender = to_coded(gender->pivot);
    auto birth = cda::to_cda_time(in.birth_date);
    if (!birth) {
        return generic("the patient's birth date is malformed", "Patient.birthDate");
    }
    out.birth_time = *birth;
    make_nulls_explicit(out.addr, out.telecoms);
    return out;
}

result<cda::author> make_prescriber(const fhir::medication_request& request,
                                    const std::string& authored,
                                    const terminology::terminology& tables) {
    if (!request.prescriber) {
        return generic("the prescription has no contained prescriber",
                       "MedicationRequest.requester");
    }
    const fhir::practitioner& who = *request.prescriber;
    cda::author out;
    out.time = authored;
    for (const fhir::identifier& id : who.identifiers) {
        if (id.system == uris::forskrivarkod) {
            out.entity.ids.push_back({std::string(sweden::forskrivarkod_oid), id.value, {}});
        } else if (id.system == sweden::hsa_id_oid_urn) {
            out.entity.ids.push_back({std::string(sweden::hsa_id_oid), id.value, {}});
        }
    }
    out.entity.name = to_name(who.name);
    if (out.entity.name.family.empty() || out.entity.name.given.empty()) {
        return generic("the prescriber has no family and given name", "Practitioner.name");
    }
    std::string profession;
    for (const fhir::codeable_concept& qualification : who.qualifications) {
        for (const fhir::coding& coding : qualification.coding) {
            if (coding.system == uris::profession_code) {
                profession = coding.code;
            }
        }
    }
    // functionCode is mandatory (eHDSIHealthcareProfessionalRole): no policy can null it.
    auto role = terminology::transcode_swedish(tables, term_kind::profession,
                                               profession.empty() ? "LK" : profession);
    if (!role) {
        return role.error();
    }
    out.function_code = to_coded(role->pivot);
    for (const fhir::contact_point& point : who.telecom) {
        if (cda::telecom tel = to_telecom(point); !tel.value.empty()) {
            out.entity.telecoms.push_back(std::move(tel));
        }
    }
    if (!who.address.empty()) {
        out.entity.addr = cda::to_cda_address(who.address.front());
    }
    cda::organization& org = out.entity.represented_organization;
    if (request.dispense_request && !request.dispense_request->workplace_code.empty()) {
        org.ids.push_back({std::string(sweden::arbetsplatskod_oid),
                           request.dispense_request->workplace_code,
                           {}});
    }
    if (request.prescriber_location) {
        const fhir::location& place = *request.prescriber_location;
        for (const fhir::identifier& id : place.identifiers) {
            // eHDSIOrganization allows one id: the arbetsplatskod when there is one.
            if (id.system == sweden::organisationsnummer_oid_urn && org.ids.empty()) {
                org.ids.push_back({std::string(sweden::organisationsnummer_oid), id.value, {}});
            }
        }
        org.name = place.name;
        for (const fhir::contact_point& point : place.telecom) {
            if (cda::telecom tel = to_telecom(point); !tel.value.empty()) {
                org.telecoms.push_back(std::move(tel));
            }
        }
        if (place.address) {
            org.addr = cda::to_cda_address(*place.address);
        }
    }
    if (org.addr.empty()) {
        org.addr.country = "SE";
    }
    if (org.name.empty()) {
        org.name = org.addr.city.empty() ? "Förskrivarens arbetsplats"
                                         : "Förskrivarens arbetsplats, " + org.addr.city;
    }
    make_nulls_explicit(out.entity);
    return out;
}

// dosageInstruction[0].timing.repeat: frequency times per period → one PIVL_TS period.
cda::dosage_frequency make_frequency(const fhir::dosage& dose) {
    if (!dose.period || !dose.frequency || *dose.frequency <= 0 || dose.period_unit.empty()) {
        return std::monostate{};
    }
    double value = *dose.period / static_cast<double>(*dose.frequency);
    std::string unit = dose.period_unit;
    if (unit == "d" && std::fmod(value * 24.0, 1.0) == 0.0 && value < 1.0) {
        value *= 24.0;
        unit = "h";
    }
    return cda::periodic_interval{format_number(value), unit, false};
}

}  // namespace

result<eprescription_model> make_eprescription(const eprescription_input& input,
                                               const eprescription_settings& settings,
                                               const terminology::terminology& tables) {
    const fhir::medication_request& request = input.request;
    eprescription_model model;
    cda::eprescription_document& doc = model.document;
    if (request.status != "active" ||
        (request.nll_status && *request.nll_status != fhir::nll_status::aktiv)) {
        return make_error(
                   errc::eprescription_not_dispensable,
                   "only active prescriptions are sent abroad (status \"" + request.status + "\")")
            .with("prescription", request.id);
    }
    if (request.dispense_request && request.dispense_request->dose_packaging.value_or(false)) {
        return make_error(errc::eprescription_not_dispensable,
                          "dose-dispensed prescriptions are not dispensed abroad")
            .with("prescription", request.id);
    }
    if (!request.medication) {
        return make_error(errc::eprescription_not_dispensable,
                          "the prescription has no contained medicinal product")
            .with("prescription", request.id);
    }
    auto authored = cda::to_cda_time(request.authored_on);
    if (!authored) {
        return generic("authoredOn is malformed", "MedicationRequest.authoredOn");
    }

    cda::document_header& header = doc.header;
    header.template_id = std::string(eprescription_l3_template_id);
    header.id = input.document_id;
    header.code = {"57833-6",
                   std::string(cda::code_systems::loinc),
                   "LOINC",
                   {},
                   "Prescription for medication",
                   {},
                   {},
                   {}};
    header.title = "eHDSI ePrescription — Sweden";
    header.effective_time = input.now;
    header.confidentiality = cda::normal_confidentiality();
    header.language_code = settings.language_code;
    auto patient = make_patient(input.patient, tables);
    if (!patient) {
        return patient.error();
    }
    header.patient = std::move(*patient);
    auto prescriber = make_prescriber(request, *authored, tables);
    if (!prescriber) {
        return prescriber.error();
    }
    header.authors.push_back(*prescriber);
    header.custodian = settings.custodian;
    // The prescriber signed the prescription; eHDSI 2024 needs a named legal authenticator.
    header.legal_authentication_time = *authored;
    header.legal_authenticator = prescriber->entity;
    doc.prescription_id = {settings.prescription_id_root, request.id, {}};
    header.parent_document_ids.push_back(doc.prescription_id);

    cda::prescription_item& item = doc.item;
    item.id = {settings.prescription_id_root + ".1", request.id, {}};
    if (request.dispense_request && request.dispense_request->validity_period) {
        const fhir::period& validity = *request.dispense_request->validity_period;
        for (auto [from, to] : {std::pair{&validity.start, &item.validity_low},
                                std::pair{&validity.end, &item.validity_high}}) {
            if (from->empty()) {
                continue;
            }
            auto time = cda::to_cda_time(*from);
            if (!time) {
                return generic("the validity period is malformed",
                               "MedicationRequest.dispenseRequest.validityPeriod");
            }
            *to = time->substr(0, 8);
        }
    }
    if (!request.dosage_instruction.empty()) {
        const fhir::dosage& dose = request.dosage_instruction.front();
        item.dosage_text = dose.text;
        item.frequency = make_frequency(dose);
        if (dose.route) {
            std::string_view code;
            for (const fhir::coding& coding : dose.route->coding) {
                if (coding.system == snomed_uri) {
                    code = coding.code;
                }
            }
            std::string_view text = dose.route->text;
            if (text.empty() && !dose.route->coding.empty()) {
                text = dose.route->coding.front().display;
            }
            auto route =
                transcode_or_policy(tables, settings.policy, model.warnings, term_kind::route, text,
                                    code.empty() ? "" : cda::code_systems::snomed_ct, code);
            if (!route) {
                return route.error().with("element", "dosageInstruction.route");
            }
            // routeCode is optional: an unmapped route is left out rather than nullFlavored.
            if (!route->code.empty()) {
                item.route = std::move(*route);
            }
        }
        if (dose.dose_quantity && dose.dose_quantity->value) {
            const fhir::quantity& amount = *dose.dose_quantity;
            const std::string_view unit =
                amount.code.empty() ? std::string_view(amount.unit) : std::string_view(amount.code);
            auto mapped = terminology::transcode_swedish(tables, term_kind::unit, unit);
            if (!mapped && !amount.unit.empty()) {
                mapped = terminology::transcode_swedish(tables, term_kind::unit, amount.unit);
            }
            if (mapped) {
                item.dose_low = {format_number(*amount.value), mapped->pivot.code, {}, {}};
                item.dose_high = item.dose_low;
            } else if (settings.policy == terminology::mapping_policy::error) {
                return mapped.error().with("element", "dosageInstruction.doseAndRate.doseQuantity");
            } else {
                model.warnings.push_back(make_warning(errc::ep_missing_expected_mapping_warning,
                                                      mapped.error().message));
            }
        }
    }
    auto product =
        make_medicinal_product(*request.medication, settings.policy, tables, model.warnings);
    if (!product) {
        return product.error();
    }
    item.product = std::move(*product);
    long long packages = 1;
    if (request.dispense_request && request.dispense_request->number_of_packages_prescribed) {
        packages = *request.dispense_request->number_of_packages_prescribed;
    }
    item.packages = {std::to_string(packages), "1", {}, {}};
    if (request.substitution_allowed) {
        const terminology::value_set* codes = tables.find_value_set("eHDSISubstitutionCode");
        const terminology::coded_concept* code =
            codes ? codes->find(*request.substitution_allowed ? "G" : "N") : nullptr;
        if (code != nullptr) {
            item.substitution = to_coded(*code);
        }
    }
    item.patient_instructions = item.dosage_text;
    if (!request.patient_treatment_reason.empty()) {
        item.treatment_reason = request.patient_treatment_reason;
        item.patient_instructions += (item.patient_instructions.empty() ? "" : ". ") +
                                     std::string("Behandlingsändamål: ") +
                                     request.patient_treatment_reason;
    }
    if (request.dispense_request) {
        const fhir::dispense_request& dispense = *request.dispense_request;
        std::string text;
        if (dispense.number_of_dispenses_allowed) {
            text += "Number of dispenses allowed (förskrivet antal uttag): " +
                    std::to_string(*dispense.number_of_dispenses_allowed) + ".";
        }
        if (request.remaining_dispenses) {
            text += std::string(text.empty() ? "" : " ") + "Dispenses left (återstående uttag): " +
                    std::to_string(*request.remaining_dispenses) + ".";
        }
        if (dispense.dispense_interval && dispense.dispense_interval->value) {
            text += std::string(text.empty() ? "" : " ") +
                    "Minimum interval between dispenses (expeditionsintervall): " +
                    format_number(*dispense.dispense_interval->value) + " " +
                    (dispense.dispense_interval->code.empty() ? dispense.dispense_interval->unit
                                                              : dispense.dispense_interval->code) +
                    ".";
        }
        item.fulfilment_instructions = text;
    }
    return model;
}

}  // namespace ncpeh::translators::eprescription_l3
