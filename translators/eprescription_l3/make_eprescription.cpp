#include "translators/eprescription_l3/make_eprescription.hpp"

#include <charconv>
#include <cmath>

#include "translators/cda/cda_time.hpp"
#include "translators/fhir/uris.hpp"

namespace ncpeh::translators::eprescription_l3 {

namespace {

namespace uris = fhir::uris;
using terminology::term_kind;

// OIDs of Swedish identifiers (sweden-national-side.md §1–§3, §7).
constexpr std::string_view personnummer_oid = "1.2.752.129.2.1.3.1";
constexpr std::string_view samordningsnummer_oid = "1.2.752.129.2.1.3.3";
constexpr std::string_view forskrivarkod_oid = "1.2.752.116.3.1.2";
constexpr std::string_view arbetsplatskod_oid = "1.2.752.29.4.71";  // assumption, §8.9
constexpr std::string_view organisationsnummer_oid = "2.5.4.97";
constexpr std::string_view nplid_oid = "1.2.752.129.2.1.5.1";
constexpr std::string_view nplpackid_oid = "1.2.752.129.2.1.5.2";
constexpr std::string_view snomed_uri = "http://snomed.info/sct";
constexpr std::string_view snomed_oid = "2.16.840.1.113883.6.96";

std::string format_number(double value) {
    char buffer[32];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return ec == std::errc{} ? std::string(buffer, end) : std::string{};
}

cda::coded_value to_coded(const terminology::coded_concept& entry) {
    return {entry.code, entry.code_system, entry.code_system_name, {}, entry.display, {}, {}, {}};
}

cda::coded_value with_original(const terminology::transcoded& result) {
    cda::coded_value code = to_coded(result.pivot);
    code.translations.push_back(to_coded(result.original));
    return code;
}

// Applies the mapping policy to a failed transcoding of an element that may be null: under
// `warning` the element becomes nullFlavor NI with the Swedish text as originalText.
result<cda::coded_value> transcode_or_policy(const terminology::terminology& tables,
                                             const eprescription_settings& settings,
                                             std::vector<error>& warnings, term_kind kind,
                                             std::string_view swedish,
                                             std::string_view local_system = {},
                                             std::string_view local_code = {}) {
    auto mapped = terminology::transcode_swedish(tables, kind, swedish, local_system, local_code);
    if (mapped) {
        return with_original(*mapped);
    }
    if (settings.policy == terminology::mapping_policy::error) {
        return mapped.error();
    }
    error warning = mapped.error();
    warning.code = errc::ep_missing_expected_mapping_warning;
    warning.level = severity::warning;
    warnings.push_back(std::move(warning));
    cda::coded_value unmapped;
    unmapped.null_flavor = "NI";
    unmapped.original_text = std::string(swedish.empty() ? local_code : swedish);
    return unmapped;
}

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

// "08-000 00 00" → "tel:+46800000000"; "a@b.se" → "mailto:a@b.se".
cda::telecom to_telecom(const fhir::contact_point& point) {
    if (point.system == "email") {
        return {"WP", "mailto:" + point.value, {}};
    }
    std::string digits;
    for (char c : point.value) {
        if ((c >= '0' && c <= '9') || (c == '+' && digits.empty())) {
            digits.push_back(c);
        }
    }
    if (digits.empty()) {
        return {};
    }
    if (digits.starts_with("00")) {
        digits = "+" + digits.substr(2);
    } else if (digits.starts_with("0")) {
        digits = "+46" + digits.substr(1);
    }
    return {"WP", "tel:" + digits, {}};
}

cda::address to_address(const fhir::address& in) {
    cda::address out;
    out.street_lines = in.line;
    out.postal_code = in.postal_code;
    out.city = in.city;
    out.country = in.country.empty() ? "SE" : in.country;
    return out;
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
        if (id.system == uris::personnummer || id.system == uris::personnummer_oid) {
            out.ids.push_back({std::string(personnummer_oid), id.value, {}});
        } else if (id.system == uris::samordningsnummer ||
                   id.system == uris::samordningsnummer_oid) {
            out.ids.push_back({std::string(samordningsnummer_oid), id.value, {}});
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
            out.entity.ids.push_back({std::string(forskrivarkod_oid), id.value, {}});
        } else if (id.system == uris::hsa_id) {
            out.entity.ids.push_back({"1.2.752.29.4.19", id.value, {}});
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
        out.entity.addr = to_address(who.address.front());
    }
    cda::organization& org = out.entity.represented_organization;
    if (request.dispense_request && !request.dispense_request->workplace_code.empty()) {
        org.ids.push_back(
            {std::string(arbetsplatskod_oid), request.dispense_request->workplace_code, {}});
    }
    if (request.prescriber_location) {
        const fhir::location& place = *request.prescriber_location;
        for (const fhir::identifier& id : place.identifiers) {
            // eHDSIOrganization allows one id: the arbetsplatskod when there is one.
            if (id.system == uris::organisationsnummer && org.ids.empty()) {
                org.ids.push_back({std::string(organisationsnummer_oid), id.value, {}});
            }
        }
        org.name = place.name;
        for (const fhir::contact_point& point : place.telecom) {
            if (cda::telecom tel = to_telecom(point); !tel.value.empty()) {
                org.telecoms.push_back(std::move(tel));
            }
        }
        if (place.address) {
            org.addr = to_address(*place.address);
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

// "5 mg" / "0,4 mg/ml" / "100 IE/ml" → numerator (and denominator when "/unit" is given).
std::optional<cda::ratio> parse_strength(std::string_view text,
                                         const terminology::terminology& tables) {
    std::string number;
    std::size_t i = 0;
    while (i < text.size() && text[i] == ' ') {
        ++i;
    }
    while (i < text.size() &&
           ((text[i] >= '0' && text[i] <= '9') || text[i] == ',' || text[i] == '.')) {
        number.push_back(text[i] == ',' ? '.' : text[i]);
        ++i;
    }
    if (number.empty()) {
        return std::nullopt;
    }
    std::string_view rest = text.substr(i);
    while (!rest.empty() && rest.front() == ' ') {
        rest.remove_prefix(1);
    }
    std::string_view per_unit;
    if (auto slash = rest.find('/'); slash != std::string_view::npos) {
        per_unit = rest.substr(slash + 1);
        rest = rest.substr(0, slash);
    }
    auto unit = terminology::transcode_swedish(tables, term_kind::unit, rest);
    if (!unit) {
        return std::nullopt;
    }
    cda::ratio strength{{number, unit->pivot.code, {}, {}}, {"1", "1", {}, {}}};
    if (!per_unit.empty()) {
        auto per = terminology::transcode_swedish(tables, term_kind::unit, per_unit);
        if (!per) {
            return std::nullopt;
        }
        strength.denominator.unit = per->pivot.code;
    }
    return strength;
}

result<cda::medicinal_product> make_product(const fhir::medication& med,
                                            const eprescription_settings& settings,
                                            const terminology::terminology& tables,
                                            std::vector<error>& warnings) {
    cda::medicinal_product product;
    product.name = med.code.text;
    if (product.name.empty()) {
        return generic("the medication has no name", "Medication.code.text");
    }
    const std::string nplid = fhir::npl_id(med);
    if (!nplid.empty()) {
        product.code = {nplid, std::string(nplid_oid), "NPL-id", {}, product.name, {}, {}, {}};
    }
    if (med.article_info) {
        product.description = med.article_info->strength_text;
    }
    auto form =
        transcode_or_policy(tables, settings, warnings, term_kind::dose_form, med.form_text);
    if (!form) {
        return form.error().with("element", "Medication.form.text");
    }
    product.form_code = std::move(*form);

    cda::package_layer package;
    if (med.amount && med.amount->numerator.value) {
        const fhir::quantity& amount = med.amount->numerator;
        package.quantity.value = format_number(*amount.value);
        const std::string_view unit =
            amount.code.empty() ? std::string_view(amount.unit) : std::string_view(amount.code);
        auto mapped =
            terminology::transcode_swedish(tables, term_kind::unit, unit.empty() ? "st" : unit);
        if (!mapped) {
            if (settings.policy == terminology::mapping_policy::error) {
                return mapped.error().with("element", "Medication.amount.numerator");
            }
            warnings.push_back(
                make_warning(errc::ep_missing_expected_mapping_warning, mapped.error().message));
            package.quantity.unit = "1";
        } else {
            package.quantity.unit = mapped->pivot.code;
        }
    } else {
        package.quantity.value = "1";
        package.quantity.unit = "1";
    }
    const std::string pack_id = fhir::npl_pack_id(med);
    if (!pack_id.empty()) {
        package.code = {pack_id,
                        std::string(nplpackid_oid),
                        "NPL-pack-id",
                        {},
                        med.article_info && !med.article_info->package_description.empty()
                            ? med.article_info->package_description
                            : product.name,
                        {},
                        {},
                        {}};
    }
    if (med.article_info) {
        package.name = med.article_info->package_description;
    }
    const std::string container = med.article_info ? med.article_info->package_container : "";
    if (container.empty()) {
        package.form_code.null_flavor = "NI";
    } else {
        auto mapped =
            transcode_or_policy(tables, settings, warnings, term_kind::package, container);
        if (!mapped) {
            return mapped.error().with("element", "Medication NLLArticleInfo.packageContainer");
        }
        package.form_code = std::move(*mapped);
    }
    product.packages.push_back(std::move(package));

    const std::string atc = fhir::atc_code(med);
    if (!atc.empty()) {
        const terminology::value_set* ingredients = tables.find_value_set("eHDSIActiveIngredient");
        const terminology::coded_concept* entry = ingredients ? ingredients->find(atc) : nullptr;
        if (entry == nullptr) {
            error problem = make_error(errc::ep_missing_expected_mapping,
                                       "ATC code \"" + atc + "\" is not in eHDSIActiveIngredient")
                                .with("kind", "atc")
                                .with("term", atc);
            if (settings.policy == terminology::mapping_policy::error) {
                return problem;
            }
            problem.code = errc::ep_missing_expected_mapping_warning;
            problem.level = severity::warning;
            warnings.push_back(std::move(problem));
        } else {
            product.atc = to_coded(*entry);
            // One active substance: its ATC (level 5) and the strength from NLLArticleInfo.
            if (atc.size() == 7) {
                cda::ingredient part;
                part.substance_code = product.atc;
                for (const fhir::coding& coding : med.code.coding) {
                    if (coding.system == uris::atc && !coding.display.empty()) {
                        part.substance_name = coding.display;
                    }
                }
                if (auto strength = parse_strength(product.description, tables)) {
                    part.strength = *strength;
                    product.ingredients.push_back(std::move(part));
                }
            }
        }
    }
    product.manufacturer = med.manufacturer_display;
    return product;
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
    header.template_id = "1.3.6.1.4.1.12559.11.10.1.3.1.1.1";
    header.id = input.document_id;
    header.code = {
        "57833-6", "2.16.840.1.113883.6.1", "LOINC", {}, "Prescription for medication", {}, {}, {}};
    header.title = "eHDSI ePrescription — Sweden";
    header.effective_time = input.now;
    header.confidentiality = {
        "N", "2.16.840.1.113883.5.25", "Confidentiality", {}, "normal", {}, {}, {}};
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
            auto route = transcode_or_policy(tables, settings, model.warnings, term_kind::route,
                                             text, code.empty() ? "" : snomed_oid, code);
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
    auto product = make_product(*request.medication, settings, tables, model.warnings);
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
