#include "translators/sweden_dispense_to_edispensation/make_edispensation.hpp"

#include <charconv>
#include <optional>

#include "translators/cda/cda_time.hpp"
#include "translators/cda/code_systems.hpp"
#include "translators/cda/fhir_address.hpp"
#include "translators/cda/product_atc.hpp"
#include "translators/eprescription_l3/fhir_to_cda.hpp"
#include "translators/eprescription_l3/make_medicinal_product.hpp"
#include "translators/fhir/location.hpp"
#include "translators/fhir/medication.hpp"
#include "translators/fhir/uris.hpp"
#include "translators/sweden/identifier_oids.hpp"
#include "translators/sweden_dispense_to_edispensation/write_edispensation.hpp"
#include "trust/encoding/oid.hpp"
#include "trust/saml/saml_names.hpp"

namespace ncpeh::translators::sweden_dispense_to_edispensation {

namespace uris = fhir::uris;
using terminology::term_kind;

namespace {

constexpr int max_translation_depth = 8;

error basic(std::string message, std::string_view element) {
    return make_error(errc::ed_missing_basic_data, std::move(message))
        .with("element", std::string(element));
}

// FHIR identifier system → CDA root.
std::string root_of(std::string_view system) {
    if (system.starts_with("urn:oid:")) {
        return std::string(system.substr(8));
    }
    if (system == uris::legitimationskod) {
        return std::string(sweden::legitimationskod_oid);
    }
    if (system == sweden::hsa_id_oid_urn || system == sweden::hsa_id_inera_oid_urn) {
        return std::string(sweden::hsa_id_inera_oid);
    }
    return {};
}

std::vector<cda::telecom> to_telecoms(const std::vector<fhir::contact_point>& points) {
    std::vector<cda::telecom> out;
    for (const fhir::contact_point& point : points) {
        cda::telecom t = eprescription_l3::to_telecom(point);
        if (!t.value.empty()) {
            out.push_back(std::move(t));
        }
    }
    if (out.empty()) {
        out.push_back({{}, {}, "NI"});
    }
    return out;
}

// The contained resource a "#id" reference names, among `contained` JSON objects.
const boost::json::object* find_contained(const fhir::medication_dispense& d,
                                          std::string_view type) {
    for (const boost::json::object& other : d.other_contained) {
        const auto* resource_type = other.if_contains("resourceType");
        if (resource_type != nullptr && resource_type->is_string() &&
            resource_type->get_string() == type) {
            return &other;
        }
    }
    return nullptr;
}

result<fhir::medication> dispensed_medication(const fhir::medication_dispense& d) {
    const boost::json::object* contained = find_contained(d, "Medication");
    if (contained == nullptr) {
        return basic("the dispensed product (a contained Medication) is missing",
                     "MedicationDispense.contained[Medication]");
    }
    auto medication = fhir::parse_medication(*contained);
    if (!medication) {
        return medication.error();
    }
    return medication;
}

const fhir::practitioner* find_pharmacist(const fhir::medication_dispense& d) {
    for (const fhir::reference& performer : d.performers) {
        for (const fhir::practitioner& p : d.contained_practitioners) {
            if (performer.reference == "#" + p.id) {
                return &p;
            }
        }
    }
    return d.contained_practitioners.empty() ? nullptr : &d.contained_practitioners.front();
}

// "Location/7350099999994" → "7350099999994".
std::string pharmacy_gln(const fhir::medication_dispense& d) {
    if (!d.location) {
        return {};
    }
    std::string_view ref = d.location->reference;
    if (!ref.starts_with("Location/")) {
        return {};
    }
    ref.remove_prefix(9);
    for (char c : ref) {
        if (c < '0' || c > '9') {
            return {};
        }
    }
    return ref.size() == 13 ? std::string(ref) : std::string{};
}

result<cda::assigned_entity> make_pharmacist(const fhir::medication_dispense& d,
                                             const terminology::terminology& tables,
                                             cda::coded_value& function_code) {
    const fhir::practitioner* pharmacist = find_pharmacist(d);
    if (pharmacist == nullptr) {
        return basic("the pharmacist (performer, a contained Practitioner) is missing",
                     "MedicationDispense.performer");
    }
    if (pharmacist->name.empty() || pharmacist->name.front().family.empty()) {
        return basic("the pharmacist has no name",
                     "MedicationDispense.contained[Practitioner].name");
    }
    cda::assigned_entity entity;
    for (const fhir::identifier& id : pharmacist->identifiers) {
        const std::string root = root_of(id.system);
        if (!root.empty() && !id.value.empty()) {
            entity.ids.push_back({root, id.value, {}});
        }
    }
    if (entity.ids.empty()) {
        entity.ids.push_back({{}, {}, "NI"});
    }
    entity.name.family = pharmacist->name.front().family;
    entity.name.given = pharmacist->name.front().given;
    entity.telecoms = to_telecoms(pharmacist->telecom);
    entity.addr = cda::to_cda_address(pharmacist->address.empty() ? fhir::address{}
                                                                  : pharmacist->address.front());
    for (const fhir::codeable_concept& qualification : pharmacist->qualifications) {
        for (const fhir::coding& coding : qualification.coding) {
            auto role = terminology::transcode_swedish(tables, term_kind::profession, coding.code);
            if (role) {
                function_code = {role->pivot.code,
                                 role->pivot.code_system,
                                 role->pivot.code_system_name,
                                 {},
                                 role->pivot.display,
                                 {},
                                 {},
                                 {}};
                function_code.translations.push_back({role->original.code,
                                                      role->original.code_system,
                                                      role->original.code_system_name,
                                                      {},
                                                      role->original.display,
                                                      {},
                                                      {},
                                                      {}});
            }
        }
    }
    if (function_code.empty()) {
        // Dispensed in a Swedish pharmacy by a pharmacist (ISCO-08 2262) unless told otherwise.
        function_code = {
            "2262", std::string(trust::saml::isco_code_system), "ISCO", {}, "Pharmacists", {}, {},
            {}};
    }
    return entity;
}

cda::organization make_pharmacy(const fhir::medication_dispense& d, const std::string& gln) {
    cda::organization pharmacy;
    pharmacy.ids.push_back({std::string(sweden::gln_oid), gln, {}});
    const fhir::location* found = nullptr;
    fhir::location parsed;
    if (const boost::json::object* contained = find_contained(d, "Location")) {
        if (auto location = fhir::parse_location(*contained)) {
            parsed = std::move(*location);
            found = &parsed;
        }
    }
    pharmacy.name = found != nullptr && !found->name.empty() ? found->name
                    : !d.location->display.empty()           ? d.location->display
                                                             : "Apotek GLN " + gln;
    pharmacy.telecoms =
        to_telecoms(found != nullptr ? found->telecom : std::vector<fhir::contact_point>{});
    pharmacy.addr =
        cda::to_cda_address(found != nullptr && found->address ? *found->address : fhir::address{});
    return pharmacy;
}

// A code echoed from the foreign eP: kept when it is complete (code, OID system, display), as
// the eHDSI rules check echoed content too; otherwise left out (the eP itself is unchanged).
void clean_code(cda::coded_value& code, int depth = 0) {
    std::vector<cda::coded_value> kept;
    for (cda::coded_value& translation : code.translations) {
        clean_code(translation, depth + 1);
        if (!translation.code.empty() && depth < max_translation_depth) {
            kept.push_back(std::move(translation));
        }
    }
    code.translations = std::move(kept);
    if (!code.null_flavor.empty()) {
        return;
    }
    if (code.code.empty() || !trust::encoding::is_oid(code.code_system) ||
        code.display_name.empty()) {
        code = {};
    }
}

// `code` when it is a member of the eHDSI value set named `value_set` (code and code system, as
// the eD rules compare them), cleaned, with the value set's display when it had none.
std::optional<cda::coded_value> member_of(const terminology::terminology& tables,
                                          std::string_view value_set, cda::coded_value code) {
    const terminology::value_set* set = tables.find_value_set(value_set);
    if (set == nullptr || !code.null_flavor.empty() ||
        !set->contains(code.code, code.code_system)) {
        return std::nullopt;
    }
    if (code.display_name.empty()) {
        code.display_name = set->find(code.code)->display;
    }
    clean_code(code);
    return code;
}

cda::coded_value no_information() {
    cda::coded_value unknown;
    unknown.null_flavor = "NI";
    return unknown;
}

// The eHDSI PQ rules: @value a decimal number (^[-+]?\d*\.?[0-9]+([eE][-+]?\d+)?$), @unit
// (written as "1" when absent) without white space.
bool is_writable_quantity(const cda::physical_quantity& quantity) {
    const std::string_view value = quantity.value;
    std::size_t i = 0;
    const auto skip_sign = [&] {
        if (i < value.size() && (value[i] == '+' || value[i] == '-')) {
            ++i;
        }
    };
    // Skips digits; true when there was at least one.
    const auto digits = [&] {
        const std::size_t start = i;
        while (i < value.size() && value[i] >= '0' && value[i] <= '9') {
            ++i;
        }
        return i > start;
    };
    skip_sign();
    const bool whole = digits();
    if (i < value.size() && value[i] == '.') {
        ++i;
        if (!digits()) {
            return false;
        }
    } else if (!whole) {
        return false;
    }
    if (i < value.size() && (value[i] == 'e' || value[i] == 'E')) {
        ++i;
        skip_sign();
        if (!digits()) {
            return false;
        }
    }
    return i == value.size() && quantity.unit.find_first_of(" \t\r\n") == std::string::npos;
}

// The prescribed product as the eD repeats it under REFR (template …3.1.3.30 in the eD, ART-DECOR
// 2024-04-22). The eP itself is unchanged; the echo keeps what the eD rules accept:
// * codes complete (code, OID system, display); dose form, package forms and the ATC class only
//   from their value sets (eHDSIDoseForm, eHDSIPackage, eHDSIActiveIngredient) — older documents
//   put dose forms where a package belongs — else nullFlavor NI (forms) or left out (ATC);
// * the rules demand pharm:asContent with a quantity @value and a package form: a product
//   without package data, or a level without a usable quantity, is one container holding "1";
// * an ingredient needs pharm:quantity with numerator and denominator each with @value and @unit
//   (no nullFlavor there): ingredients whose strength is unknown (nullFlavor, as Finnish
//   combination products send) are left out of the echo rather than given invented values;
//   a substance code that is ATC but not in eHDSIActiveIngredient becomes nullFlavor NI.
cda::medicinal_product echo_of(cda::medicinal_product product,
                               const terminology::terminology& tables) {
    product.model = cda::product_model::pharm;
    const cda::coded_value original_code = product.code;
    clean_code(product.code);
    product.form_code =
        member_of(tables, "eHDSIDoseForm", std::move(product.form_code)).value_or(no_information());
    product.atc = member_of(tables, "eHDSIActiveIngredient", std::move(product.atc))
                      .value_or(cda::coded_value{});
    if (product.packages.empty()) {
        product.packages.emplace_back();
    }
    for (cda::package_layer& layer : product.packages) {
        clean_code(layer.code);
        layer.form_code = member_of(tables, "eHDSIPackage", std::move(layer.form_code))
                              .value_or(no_information());
        if (!is_writable_quantity(layer.quantity)) {
            layer.quantity = {"1", "1", {}, {}};
        }
    }
    std::vector<cda::ingredient> known;
    for (cda::ingredient& part : product.ingredients) {
        if (!is_writable_quantity(part.strength.numerator) ||
            !is_writable_quantity(part.strength.denominator)) {
            continue;
        }
        if (part.substance_code.code_system == cda::code_systems::atc) {
            part.substance_code =
                member_of(tables, "eHDSIActiveIngredient", std::move(part.substance_code))
                    .value_or(no_information());
        }
        clean_code(part.substance_code);
        if (part.substance_code.empty()) {
            part.substance_code = no_information();
        }
        known.push_back(std::move(part));
    }
    product.ingredients = std::move(known);
    if (product.name.empty()) {
        product.name =
            !original_code.display_name.empty() ? original_code.display_name : original_code.code;
    }
    return product;
}

std::optional<long long> whole_number(std::string_view text) {
    long long value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

result<const cda::prescription_item*> dispensed_item(const fhir::medication_dispense& d,
                                                     const cda::eprescription_document& ep) {
    if (ep.further_items.empty()) {
        return &ep.item;
    }
    // Several items (older peers): authorizingPrescription names the item id extension.
    for (const fhir::reference& ref : d.authorizing_prescription) {
        std::string_view id = ref.reference;
        if (auto slash = id.rfind('/'); slash != std::string_view::npos) {
            id.remove_prefix(slash + 1);
        }
        if (ep.item.id.extension == id) {
            return &ep.item;
        }
        for (const cda::prescription_item& item : ep.further_items) {
            if (item.id.extension == id) {
                return &item;
            }
        }
    }
    return make_error(errc::ed_generic,
                      "the ePrescription has several items and authorizingPrescription names "
                      "none of them")
        .with("element", "MedicationDispense.authorizingPrescription");
}

}  // namespace

result<edispensation_model> make_edispensation(const edispensation_input& input,
                                               const edispensation_settings& settings,
                                               const terminology::terminology& tables) {
    const fhir::medication_dispense& d = input.dispense;
    const cda::eprescription_document& ep = input.prescription;
    edispensation_model model;
    cda::edispensation_document& ed = model.document;
    ed.discard = input.discard || d.status == "entered-in-error";

    if (ep.prescription_id.root.empty()) {
        return make_error(errc::ed_eprescription_not_identifiable,
                          "the ePrescription has no Prescription ID")
            .with("element", "section/id");
    }
    auto item = dispensed_item(d, ep);
    if (!item) {
        return item.error();
    }
    if ((*item)->id.root.empty()) {
        return make_error(errc::ed_eprescription_not_identifiable,
                          "the ePrescription item has no id")
            .with("element", "substanceAdministration/id");
    }
    if (d.actor_dispatch_id.empty()) {
        return basic("the dispensation has no id (nllActorDispatchId)",
                     "MedicationDispense.extension:NLLActorDispatchId");
    }
    if (d.when_handed_over.empty()) {
        return basic("the dispensation has no time", "MedicationDispense.whenHandedOver");
    }
    auto handed_over = cda::to_cda_time(d.when_handed_over);
    if (!handed_over) {
        return basic("the dispensation time \"" + d.when_handed_over + "\" cannot be read",
                     "MedicationDispense.whenHandedOver");
    }
    if (!d.number_of_packages_dispensed || *d.number_of_packages_dispensed < 1) {
        return basic("the number of packages dispensed is missing",
                     "MedicationDispense.extension:NLLNumberOfPackagesDispensed");
    }
    const long long packages = *d.number_of_packages_dispensed;
    if (auto prescribed = whole_number((*item)->packages.value);
        prescribed && packages > *prescribed) {
        return make_error(errc::dispense_exceeds_prescription,
                          "dispensed " + std::to_string(packages) +
                              " packages, the prescription allows " + std::to_string(*prescribed))
            .with("element", "MedicationDispense.extension:NLLNumberOfPackagesDispensed");
    }
    const bool substituted = d.was_substituted.value_or(false);
    if (substituted && (*item)->substitution.code == "N") {
        return make_error(errc::ed_substitution_not_allowed,
                          "a substitute was dispensed although the prescription forbids "
                          "substitution (N)")
            .with("element", "MedicationDispense.substitution.wasSubstituted");
    }
    const std::string gln = pharmacy_gln(d);
    if (gln.empty()) {
        return basic("the pharmacy GLN (location \"Location/<13 digits>\") is missing",
                     "MedicationDispense.location");
    }
    auto medication = dispensed_medication(d);
    if (!medication) {
        return medication.error();
    }
    // A product of another ATC code cannot be the prescribed one: handing it out is a
    // substitution, which the dispensation must state (and the eP allow, checked above).
    const std::string prescribed_atc = cda::atc_of((*item)->product);
    const std::string dispensed_atc = fhir::atc_code(*medication);
    if (!substituted && !prescribed_atc.empty() && !dispensed_atc.empty() &&
        !dispensed_atc.starts_with(prescribed_atc)) {
        return make_error(errc::ed_substitution_not_allowed,
                          "the dispensed product (ATC " + dispensed_atc +
                              ") is not the prescribed one (ATC " + prescribed_atc +
                              ") and the dispensation states no substitution")
            .with("element", "MedicationDispense.substitution.wasSubstituted");
    }
    auto product = eprescription_l3::make_medicinal_product(*medication, settings.policy, tables,
                                                            model.warnings);
    if (!product) {
        return product.error();
    }
    cda::coded_value function_code;
    auto pharmacist = make_pharmacist(d, tables, function_code);
    if (!pharmacist) {
        return pharmacist.error();
    }
    pharmacist->represented_organization = make_pharmacy(d, gln);

    cda::document_header& header = ed.header;
    header.template_id = std::string(edispensation_template_id);
    header.template_extension = ed.discard ? std::string(discard_template_extension) : "";
    header.id = input.document_id;
    header.code = {"60593-1",
                   std::string(cda::code_systems::loinc),
                   "LOINC",
                   {},
                   "Medication dispensed.extended Document",
                   {},
                   {},
                   {}};
    header.title =
        ed.discard ? "eHDSI eDispensation discard (Sverige)" : "eHDSI eDispensation (Sverige)";
    header.effective_time = input.now;
    header.confidentiality = cda::normal_confidentiality();
    header.language_code = settings.language_code;
    // The patient exactly as the prescribing country identified them.
    header.patient = ep.header.patient;
    header.authors.push_back({function_code, *handed_over, *pharmacist});
    header.custodian = settings.custodian;
    header.legal_authentication_time = input.now;
    header.legal_authenticator = *pharmacist;

    ed.prescription_id = ep.prescription_id;
    ed.section_id = {settings.dispensation_id_root + ".1", d.actor_dispatch_id, {}};
    ed.dispensation_id = {settings.dispensation_id_root, d.actor_dispatch_id, {}};
    ed.packages = {std::to_string(packages), "1", {}, {}};
    // What was handed out, named by its Swedish codes (NPL-id, NPL-pack-id); the prescribed
    // product, with the prescribing country's own codes, is the REFR echo below.
    ed.product = std::move(*product);
    ed.performer_time = *handed_over;
    ed.performer = *pharmacist;
    ed.prescription_item_id = (*item)->id;
    ed.prescribed_product = echo_of((*item)->product, tables);
    ed.substituted = substituted;
    return model;
}

cda::instance_identifier edispensation_document_id(std::string_view dispensation_id_root,
                                                   std::string_view dispatch_key, bool discard) {
    return {std::string(dispensation_id_root) + ".9",
            std::string(dispatch_key) + (discard ? ".discard" : ".eD"),
            {}};
}

}  // namespace ncpeh::translators::sweden_dispense_to_edispensation
