#include "translators/edispensation_to_nll/make_medication_dispense.hpp"

#include <charconv>

#include "translators/cda/cda_time.hpp"
#include "translators/cda/code_systems.hpp"
#include "translators/fhir/location.hpp"
#include "translators/fhir/resource_id.hpp"
#include "translators/fhir/uris.hpp"
#include "translators/sweden/identifier_oids.hpp"

namespace ncpeh::translators::edispensation_to_nll {

namespace {

namespace uris = fhir::uris;

std::string system_of(std::string_view oid) {
    if (oid == cda::code_systems::atc) {
        return std::string(uris::atc);
    }
    if (oid == cda::code_systems::edqm || oid == cda::code_systems::edqm_legacy) {
        return "http://standardterms.edqm.eu";
    }
    return "urn:oid:" + std::string(oid);
}

void add_coding(fhir::codeable_concept& target, const cda::coded_value& code,
                std::string_view fallback_display = {}) {
    if (code.code.empty() || code.code_system.empty()) {
        return;
    }
    target.coding.push_back(
        {system_of(code.code_system), code.code,
         code.display_name.empty() ? std::string(fallback_display) : code.display_name});
}

std::string id_key(const cda::instance_identifier& id) {
    return id.extension.empty() ? id.root : id.root + "^" + id.extension;
}

std::optional<double> number_of(std::string_view text) {
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

fhir::identifier to_identifier(const cda::instance_identifier& id) {
    return {"urn:oid:" + id.root, id.extension};
}

fhir::practitioner make_pharmacist(const cda::assigned_entity& entity) {
    fhir::practitioner who;
    who.id = "pharmacist";
    for (const cda::instance_identifier& id : entity.ids) {
        if (!id.root.empty()) {
            who.identifiers.push_back(to_identifier(id));
        }
    }
    if (!entity.name.empty()) {
        who.name.push_back({entity.name.family, entity.name.given, {}});
    }
    for (const cda::telecom& tel : entity.telecoms) {
        if (!tel.value.empty()) {
            const bool mail = tel.value.starts_with("mailto:");
            who.telecom.push_back(
                {mail ? "email" : "phone", tel.value.substr(tel.value.find(':') + 1)});
        }
    }
    return who;
}

fhir::location make_pharmacy(const cda::organization& org, const std::string& country) {
    fhir::location place;
    place.id = "pharmacy";
    for (const cda::instance_identifier& id : org.ids) {
        if (!id.root.empty()) {
            place.identifiers.push_back(to_identifier(id));
        }
    }
    place.name = org.name;
    for (const cda::telecom& tel : org.telecoms) {
        if (!tel.value.empty()) {
            const bool mail = tel.value.starts_with("mailto:");
            place.telecom.push_back(
                {mail ? "email" : "phone", tel.value.substr(tel.value.find(':') + 1)});
        }
    }
    fhir::address addr;
    addr.line = org.addr.street_lines;
    addr.postal_code = org.addr.postal_code;
    addr.city = org.addr.city;
    addr.country = country;
    place.address = addr;
    return place;
}

// The dispensing country: the pharmacy's country, else the performer's, else the language.
std::string country_of(const cda::edispensation_document& ed) {
    if (!ed.performer.represented_organization.addr.country.empty()) {
        return ed.performer.represented_organization.addr.country;
    }
    if (!ed.performer.addr.country.empty()) {
        return ed.performer.addr.country;
    }
    const std::string& language = ed.header.language_code;
    return language.size() == 5 ? language.substr(3) : std::string{};
}

}  // namespace

std::string dispensation_key(const cda::edispensation_document& ed) {
    return id_key(ed.dispensation_id);
}

result<fhir::medication_dispense> make_medication_dispense(const cda::edispensation_document& ed,
                                                           const dispense_settings& settings) {
    if (!settings.prescription_id_root.empty() &&
        ed.prescription_id.root != settings.prescription_id_root) {
        return make_error(errc::no_matching_eprescription,
                          "the eDispensation names a prescription that is not Swedish (root \"" +
                              ed.prescription_id.root + "\")")
            .with("element", "inFulfillmentOf/order/id");
    }
    if (ed.prescription_id.root == settings.prescription_id_root &&
        !fhir::is_resource_id(ed.prescription_id.extension)) {
        return make_error(errc::no_matching_eprescription,
                          "the eDispensation's prescription id is not one of ours")
            .with("element", "inFulfillmentOf/order/id");
    }
    fhir::medication_dispense dispense;
    dispense.meta.profile.push_back(std::string(uris::nll_medication_dispense));
    dispense.status = ed.discard ? "entered-in-error" : "completed";
    dispense.actor_dispatch_id = dispensation_key(ed);
    dispense.dispatch_id = id_key(ed.header.id);
    dispense.dispatch_row_no = 1;
    dispense.benefit_choice_code = "no-benefit";
    dispense.cross_border = true;

    const std::string country = country_of(ed);
    fhir::extension country_extension;
    country_extension.url =
        std::string(uris::project_base) + "StructureDefinition/dispensing-country";
    country_extension.value_key = "valueCode";
    country_extension.value = boost::json::string(country);
    dispense.other_extensions.push_back(std::move(country_extension));

    // The product handed over, with every foreign code kept.
    const cda::medicinal_product& product = ed.product;
    fhir::codeable_concept& medication = dispense.medication;
    add_coding(medication, product.code, product.name);
    for (const cda::package_layer& layer : product.packages) {
        add_coding(medication, layer.code, layer.name);
    }
    add_coding(medication, product.atc);
    add_coding(medication, product.form_code);
    medication.text = product.name;
    if (!product.description.empty()) {
        medication.text += ", " + product.description;
    }

    const auto packages = number_of(ed.packages.value);
    if (!packages || *packages != static_cast<double>(static_cast<long long>(*packages))) {
        return make_error(errc::ed_generic, "the dispensed quantity \"" + ed.packages.value +
                                                "\" is not a whole number of packages")
            .with("element", "supply/quantity");
    }
    dispense.number_of_packages_dispensed = static_cast<long long>(*packages);
    fhir::quantity quantity;
    quantity.value = *packages;
    quantity.unit = "förpackning";
    quantity.system = std::string(uris::ucum);
    quantity.code = "{Package}";
    // Units handed out = packages × content of one package, when the innermost level counts.
    if (!product.packages.empty()) {
        const cda::physical_quantity& content = product.packages.front().quantity;
        if (const auto per_package = number_of(content.value)) {
            quantity.value = *packages * *per_package;
            const bool counted = content.unit.empty() || content.unit == "1";
            quantity.unit = counted ? (content.original_text.empty() ? "st" : content.original_text)
                                    : content.unit;
            quantity.code = counted ? "1" : content.unit;
        }
    }
    dispense.quantity = quantity;

    auto handed_over = cda::to_fhir_time(ed.performer_time);
    if (!handed_over) {
        return make_error(errc::ed_missing_basic_data,
                          "the dispensation time \"" + ed.performer_time + "\" cannot be read")
            .with("element", "supply/performer/time");
    }
    dispense.when_handed_over = *handed_over;
    // Older senders (the real FI eD) give a time without a UTC offset, which FHIR cannot carry;
    // the store needs the time of day, so such a time is read as UTC rather than cut to a date.
    if (handed_over->size() == 10 && ed.performer_time.size() >= 12 &&
        ed.performer_time.find_first_of("+-") == std::string::npos) {
        auto as_utc = cda::to_fhir_time(ed.performer_time.substr(0, 14) + "+0000");
        if (as_utc) {
            dispense.when_handed_over = *as_utc;
        }
    }
    dispense.was_substituted = ed.substituted;

    dispense.contained_practitioners.push_back(make_pharmacist(ed.performer));
    dispense.performers.push_back({"#pharmacist", {}});
    dispense.other_contained.push_back(
        fhir::to_json(make_pharmacy(ed.performer.represented_organization, country)));
    dispense.location = fhir::reference{"#pharmacy", ed.performer.represented_organization.name};

    for (const cda::instance_identifier& id : ed.header.patient.ids) {
        if (id.root == sweden::personnummer_oid) {
            dispense.subject.reference =
                "Patient?identifier=" + std::string(uris::personnummer) + "|" + id.extension;
        }
    }
    if (ed.prescription_id.root == settings.prescription_id_root) {
        dispense.authorizing_prescription.push_back(
            {"MedicationRequest/" + ed.prescription_id.extension, {}});
    } else {
        dispense.authorizing_prescription.push_back(
            {"MedicationRequest?identifier=urn:oid:" + ed.prescription_id.root + "|" +
                 ed.prescription_id.extension,
             {}});
    }
    dispense.notes.push_back("eHDSI eDispensation " + id_key(ed.header.id) + " from " + country +
                             ", prescription item " + id_key(ed.prescription_item_id) +
                             (ed.discard ? "; discarded by the dispensing country" : ""));
    return dispense;
}

}  // namespace ncpeh::translators::edispensation_to_nll
