#include "translators/eprescription_to_se_view/make_swedish_view.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/string.hpp>

#include <charconv>
#include <cstdio>
#include <optional>

#include "translators/cda/administrative_gender.hpp"
#include "translators/cda/cda_time.hpp"
#include "translators/cda/fhir_address.hpp"
#include "translators/cda/product_atc.hpp"
#include "translators/fhir/json_writer.hpp"
#include "translators/fhir/uris.hpp"
#include "trust/encoding/oid.hpp"

namespace ncpeh::translators::eprescription_to_se_view {

namespace uris = fhir::uris;
namespace json = boost::json;

namespace {

constexpr std::string_view patient_id = "ehdsi-patient";
constexpr int max_translation_depth = 8;

// Collects warnings and remembers which element each one concerns.
struct warning_sink {
    std::vector<view_warning>& out;
    void add(std::string code, std::string message, std::string element) {
        view_warning warning{std::move(code), std::move(message), std::move(element)};
        for (const view_warning& existing : out) {
            if (existing == warning) {
                return;
            }
        }
        out.push_back(std::move(warning));
    }
};

error missing(std::string message, std::string_view element) {
    return make_error(errc::ep_generic, std::move(message)).with("element", std::string(element));
}

// CDA @root / @codeSystem → FHIR system: OIDs and UUIDs as URNs, anything else as sent.
std::string system_of(std::string_view root) {
    if (trust::encoding::is_oid(root)) {
        return "urn:oid:" + std::string(root);
    }
    if (root.size() == 36 && root[8] == '-' && root[13] == '-') {
        return "urn:uuid:" + std::string(root);
    }
    return std::string(root);
}

fhir::identifier to_identifier(const cda::instance_identifier& id) {
    if (id.extension.empty()) {
        return {"urn:ietf:rfc:3986", system_of(id.root)};
    }
    return {system_of(id.root), id.extension};
}

void add_codings(const cda::coded_value& code, std::vector<fhir::coding>& out, int depth) {
    if (!code.code.empty()) {
        out.push_back({system_of(code.code_system), code.code, code.display_name});
    }
    if (depth >= max_translation_depth) {
        return;
    }
    for (const cda::coded_value& translation : code.translations) {
        add_codings(translation, out, depth + 1);
    }
}

std::optional<double> to_number(std::string_view text) {
    double value = 0;
    const char* first = text.data();
    const char* last = first + text.size();
    auto [end, ec] = std::from_chars(first, last, value);
    if (text.empty() || ec != std::errc{} || end != last) {
        return std::nullopt;
    }
    return value;
}

// The view's translator: holds the tables and the warning sink for one document.
class view_builder {
  public:
    view_builder(const terminology::terminology& tables, warning_sink warnings)
        : tables_(tables), warnings_(warnings) {}

    // Every code the document sent as codings; text = the Swedish display (else the sent
    // display or original text, with a warning when a code had no Swedish display).
    fhir::codeable_concept to_concept(const cda::coded_value& code, std::string_view value_set,
                                      std::string_view element) {
        fhir::codeable_concept out;
        add_codings(code, out.coding, 0);
        const std::string_view swedish = tables_.to_swedish.find(value_set, code.code);
        if (!swedish.empty()) {
            out.text = std::string(swedish);
        } else {
            out.text = !code.display_name.empty() ? code.display_name : code.original_text;
            if (!code.code.empty()) {
                warnings_.add("no-swedish-display",
                              "Ingen svensk term för " + std::string(value_set) + " \"" +
                                  code.code + "\"; originalets text visas.",
                              std::string(element));
            }
        }
        return out;
    }

    // A UCUM unit's Swedish display ("mL" → "milliliter"), or the unit itself.
    std::string unit_text(std::string_view unit) const {
        const std::string_view swedish = tables_.to_swedish.find("eHDSIUnit", unit);
        return swedish.empty() ? std::string(unit) : std::string(swedish);
    }

    std::optional<fhir::quantity> quantity(const cda::physical_quantity& q) const {
        auto value = to_number(q.value);
        if (!value) {
            return std::nullopt;
        }
        const std::string unit = q.unit.empty() ? "1" : q.unit;
        return fhir::quantity{value, unit_text(unit), std::string(uris::ucum), unit};
    }

    std::string fhir_time(std::string_view cda_time, std::string_view element) {
        if (cda_time.empty()) {
            return {};
        }
        auto converted = cda::to_fhir_time(cda_time);
        if (!converted) {
            warnings_.add("unreadable-time",
                          "Tidpunkten \"" + std::string(cda_time) + "\" kan inte läsas.",
                          std::string(element));
            return {};
        }
        return *converted;
    }

    std::string swedish_display(std::string_view value_set, const cda::coded_value& code) const {
        const std::string_view swedish = tables_.to_swedish.find(value_set, code.code);
        if (!swedish.empty()) {
            return std::string(swedish);
        }
        return code.display_name.empty() ? code.original_text : code.display_name;
    }

    const terminology::terminology& tables() const { return tables_; }
    warning_sink& warnings() { return warnings_; }

  private:
    const terminology::terminology& tables_;
    warning_sink warnings_;
};

std::vector<fhir::contact_point> to_telecoms(const std::vector<cda::telecom>& telecoms) {
    std::vector<fhir::contact_point> out;
    for (const cda::telecom& t : telecoms) {
        if (t.value.starts_with("tel:")) {
            out.push_back({"phone", t.value.substr(4)});
        } else if (t.value.starts_with("mailto:")) {
            out.push_back({"email", t.value.substr(7)});
        } else if (t.value.starts_with("fax:")) {
            out.push_back({"fax", t.value.substr(4)});
        } else if (!t.value.empty()) {
            out.push_back({"url", t.value});
        }
    }
    return out;
}

std::vector<fhir::human_name> to_names(const cda::person_name& name) {
    if (name.empty()) {
        return {};
    }
    return {fhir::human_name{name.family, name.given, {}}};
}

result<fhir::patient> make_patient(const cda::document_header& header) {
    const cda::patient& in = header.patient;
    fhir::patient out;
    out.id = std::string(patient_id);
    for (const cda::instance_identifier& id : in.ids) {
        if (!id.root.empty()) {
            out.identifiers.push_back(to_identifier(id));
        }
    }
    if (out.identifiers.empty()) {
        return missing("the patient has no identifier", "recordTarget/patientRole/id");
    }
    if (in.name.empty()) {
        return missing("the patient has no name", "recordTarget/patientRole/patient/name");
    }
    out.name = to_names(in.name);
    out.gender = cda::fhir_gender_of(in.gender.code);
    if (in.birth_time.size() >= 8) {
        auto birth = cda::to_fhir_time(in.birth_time.substr(0, 8));
        if (birth) {
            out.birth_date = *birth;
        }
    }
    if (auto addr = cda::to_fhir_address(in.addr)) {
        out.unknown["address"] = json::array{fhir::to_json(*addr)};
    }
    const auto telecoms = to_telecoms(in.telecoms);
    if (!telecoms.empty()) {
        json::array values;
        for (const auto& t : telecoms) {
            values.push_back(fhir::to_json(t));
        }
        out.unknown["telecom"] = std::move(values);
    }
    return out;
}

result<fhir::practitioner> make_prescriber(const cda::document_header& header,
                                           view_builder& builder) {
    if (header.authors.empty()) {
        return missing("the ePrescription names no prescriber", "author/assignedAuthor");
    }
    const cda::author& author = header.authors.front();
    if (author.entity.name.empty()) {
        return missing("the prescriber has no name", "author/assignedAuthor/assignedPerson/name");
    }
    fhir::practitioner out;
    out.id = "prescriber";
    for (const cda::instance_identifier& id : author.entity.ids) {
        if (!id.root.empty()) {
            out.identifiers.push_back(to_identifier(id));
        }
    }
    out.name = to_names(author.entity.name);
    out.telecom = to_telecoms(author.entity.telecoms);
    if (auto addr = cda::to_fhir_address(author.entity.addr)) {
        out.address.push_back(*addr);
    }
    if (!author.function_code.empty()) {
        out.qualifications.push_back(builder.to_concept(
            author.function_code, "eHDSIHealthcareProfessionalRole", "author/functionCode"));
    }
    return out;
}

std::optional<fhir::location> make_prescriber_location(const cda::document_header& header) {
    if (header.authors.empty()) {
        return std::nullopt;
    }
    const cda::organization& org = header.authors.front().entity.represented_organization;
    fhir::location out;
    out.id = "loc";
    for (const cda::instance_identifier& id : org.ids) {
        if (!id.root.empty()) {
            out.identifiers.push_back(to_identifier(id));
        }
    }
    out.name = org.name;
    out.telecom = to_telecoms(org.telecoms);
    out.address = cda::to_fhir_address(org.addr);
    if (out.identifiers.empty() && out.name.empty() && out.telecom.empty() && !out.address) {
        return std::nullopt;
    }
    return out;
}

// "Kartong med 5 × Förfylld spruta 3 milliliter" from the package layers (innermost first).
std::string describe_packages(const cda::medicinal_product& product, view_builder& builder) {
    std::string text;
    for (std::size_t i = 0; i < product.packages.size(); ++i) {
        const cda::package_layer& layer = product.packages[i];
        const std::string form = builder.swedish_display("eHDSIPackage", layer.form_code);
        std::string amount = layer.quantity.value;
        if (!layer.quantity.unit.empty() && layer.quantity.unit != "1") {
            amount += " " + builder.unit_text(layer.quantity.unit);
        }
        if (i == 0) {
            text = form.empty() ? amount : form + (amount.empty() ? "" : " " + amount);
        } else {
            text = (form.empty() ? std::string("Förpackning") : form) + " med " +
                   (layer.quantity.value.empty() ? std::string("?") : layer.quantity.value) +
                   " × " + text;
        }
    }
    return text;
}

fhir::extension package_extension(const cda::package_layer& layer, std::size_t level,
                                  view_builder& builder) {
    fhir::extension out{std::string(uris::ext_ehdsi_package), {}, {}, {}};
    if (auto q = builder.quantity(layer.quantity)) {
        out.nested.push_back(fhir::make_extension("quantity", "valueQuantity", fhir::to_json(*q)));
    }
    if (!layer.form_code.empty()) {
        const std::string element = "pharm:asContent[" + std::to_string(level + 1) +
                                    "]/pharm:containerPackagedProduct/pharm:formCode";
        out.nested.push_back(fhir::make_extension(
            "form", "valueCodeableConcept",
            fhir::to_json(builder.to_concept(layer.form_code, "eHDSIPackage", element))));
    }
    if (!layer.code.code.empty()) {
        out.nested.push_back(fhir::make_extension(
            "code", "valueCoding",
            fhir::to_json(fhir::coding{system_of(layer.code.code_system), layer.code.code,
                                       layer.code.display_name})));
    }
    if (!layer.name.empty()) {
        out.nested.push_back(fhir::make_extension("name", "valueString", json::string(layer.name)));
    }
    return out;
}

// "100 per milliliter", "5 milligram": the ingredient strength in Swedish words (a count
// numerator, unit "1", shows the number only).
std::string strength_text(const cda::ingredient& part, view_builder& builder) {
    const cda::ratio& s = part.strength;
    if (s.numerator.value.empty()) {
        return {};
    }
    std::string text = s.numerator.value;
    if (!s.numerator.unit.empty() && s.numerator.unit != "1") {
        text += " " + builder.unit_text(s.numerator.unit);
    }
    const bool per_one_unit =
        s.denominator.value.empty() ||
        (s.denominator.value == "1" && (s.denominator.unit == "1" || s.denominator.unit.empty()));
    if (!per_one_unit) {
        text += " per " + (s.denominator.value == "1" ? std::string{} : s.denominator.value + " ") +
                builder.unit_text(s.denominator.unit.empty() ? "1" : s.denominator.unit);
    }
    return text;
}

fhir::medication make_medication(const cda::medicinal_product& product, view_builder& builder) {
    fhir::medication out;
    out.id = "med";
    add_codings(product.code, out.code.coding, 0);
    const std::string atc = cda::atc_of(product);
    if (!atc.empty()) {
        out.code.coding.push_back(
            {std::string(uris::atc), atc,
             !product.atc.display_name.empty()
                 ? product.atc.display_name
                 : (product.ingredients.empty() ? std::string{}
                                                : product.ingredients.front().substance_name)});
        // National ATC translations (e.g. Fimea's) stay as further codings.
        for (const cda::coded_value& translation : product.atc.translations) {
            add_codings(translation, out.code.coding, 1);
        }
    }
    out.code.text = product.name;
    out.manufacturer_display = product.manufacturer;
    if (!product.form_code.empty()) {
        out.unknown["form"] = fhir::to_json(builder.to_concept(
            product.form_code, "eHDSIDoseForm", "manufacturedMaterial/pharm:formCode"));
    }
    fhir::article_info info;
    info.medicinal_product = true;
    info.strength_text = product.description;
    if (info.strength_text.empty() && product.ingredients.size() == 1) {
        info.strength_text = strength_text(product.ingredients.front(), builder);
    }
    if (!product.packages.empty()) {
        info.package_container =
            builder.swedish_display("eHDSIPackage", product.packages.back().form_code);
        info.package_description = describe_packages(product, builder);
    }
    out.article_info = info;
    for (std::size_t i = 0; i < product.packages.size(); ++i) {
        const cda::package_layer& layer = product.packages[i];
        out.extensions.push_back(package_extension(layer, i, builder));
        if (!layer.code.code.empty()) {
            out.identifiers.push_back({system_of(layer.code.code_system), layer.code.code});
        }
    }
    json::array ingredients;
    for (const cda::ingredient& part : product.ingredients) {
        json::object ingredient;
        fhir::codeable_concept substance;
        add_codings(part.substance_code, substance.coding, 0);
        substance.text = part.substance_name;
        ingredient["itemCodeableConcept"] = fhir::to_json(substance);
        ingredient["isActive"] = true;
        auto numerator = builder.quantity(part.strength.numerator);
        auto denominator = builder.quantity(part.strength.denominator);
        if (numerator) {
            fhir::ratio strength{*numerator, denominator.value_or(fhir::quantity{})};
            ingredient["strength"] = fhir::to_json(strength);
        }
        ingredients.push_back(std::move(ingredient));
    }
    if (!ingredients.empty()) {
        out.unknown["ingredient"] = std::move(ingredients);
    }
    return out;
}

std::string status_of(std::string_view cda_status) {
    if (cda_status == "active") {
        return "active";
    }
    if (cda_status == "completed") {
        return "completed";
    }
    if (cda_status == "suspended") {
        return "on-hold";
    }
    if (cda_status == "aborted" || cda_status == "cancelled") {
        return "stopped";
    }
    if (cda_status == "nullified") {
        return "entered-in-error";
    }
    return "unknown";
}

// FHIR periodUnit from a UCUM time unit.
std::string period_unit(std::string_view unit) {
    for (std::string_view known : {"s", "min", "h", "d", "wk", "mo", "a"}) {
        if (unit == known) {
            return std::string(known);
        }
    }
    return {};
}

fhir::dosage make_dosage(const cda::prescription_item& item, view_builder& builder) {
    fhir::dosage out;
    // The original-language dosage: the narrative the item points to.
    out.text = !item.dosage_text.empty() ? item.dosage_text : item.narrative_text;
    if (!item.patient_instructions.empty()) {
        out.unknown["patientInstruction"] = json::string(item.patient_instructions);
    }
    if (const auto* periodic = std::get_if<cda::periodic_interval>(&item.frequency)) {
        auto value = to_number(periodic->value);
        const std::string unit = period_unit(periodic->unit);
        if (value && !unit.empty()) {
            out.frequency = 1;
            out.period = *value;
            out.period_unit = unit;
        }
    } else if (const auto* event = std::get_if<cda::event_timing>(&item.frequency)) {
        if (!event->event.code.empty()) {
            out.unknown["timing"] = json::object{
                {"repeat", json::object{{"when", json::array{json::string(event->event.code)}}}}};
        }
    }
    if (!item.route.empty()) {
        out.route = builder.to_concept(item.route, "eHDSIRouteofAdministration", "routeCode");
    }
    auto low = builder.quantity(item.dose_low);
    auto high = builder.quantity(item.dose_high);
    if (low && (!high || *high == *low)) {
        out.dose_quantity = *low;
    } else if (low && high) {
        out.unknown["doseAndRate"] =
            json::array{json::object{{"doseRange", json::object{{"low", fhir::to_json(*low)},
                                                                {"high", fhir::to_json(*high)}}}}};
    }
    return out;
}

// "2026-11-23" → "20261123"; a CDA TS → its date digits.
std::string date_digits(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c >= '0' && c <= '9') {
            out.push_back(c);
        } else if (c != '-') {
            break;
        }
        if (out.size() == 8) {
            break;
        }
    }
    return out.size() == 8 ? out : std::string{};
}

void check_validity(const cda::document_header& header, const cda::prescription_item& item,
                    std::string_view today_text, warning_sink& warnings) {
    const std::string today = date_digits(today_text);
    if (today.empty()) {
        return;
    }
    const std::string high = date_digits(item.validity_high);
    const std::string low = date_digits(item.validity_low);
    if (!high.empty() && high < today) {
        warnings.add("prescription-expired",
                     "Förskrivningen gällde till " + high.substr(0, 4) + "-" + high.substr(4, 2) +
                         "-" + high.substr(6, 2) + " och får inte expedieras.",
                     "substanceAdministration/effectiveTime[IVL_TS]/high");
    }
    if (!low.empty() && low > today) {
        warnings.add("not-yet-valid",
                     "Förskrivningen gäller först från " + low.substr(0, 4) + "-" +
                         low.substr(4, 2) + "-" + low.substr(6, 2) + ".",
                     "substanceAdministration/effectiveTime[IVL_TS]/low");
    }
    // A prescription is valid at most one year from issue in Sweden (HSLF-FS 2021:75).
    const std::string issued =
        date_digits(header.authors.empty() ? header.effective_time : header.authors.front().time);
    if (!issued.empty()) {
        char year_later[16];
        std::snprintf(year_later, sizeof year_later, "%04d%s", std::stoi(issued.substr(0, 4)) + 1,
                      issued.substr(4).c_str());
        if (std::string(year_later) < today) {
            warnings.add("older-than-one-year",
                         "Förskrivningen utfärdades för mer än ett år sedan (" +
                             issued.substr(0, 4) + "-" + issued.substr(4, 2) + "-" +
                             issued.substr(6, 2) + "); svenska recept gäller högst ett år.",
                         "author/time");
        }
    }
}

result<void> check_item(const cda::prescription_item& item) {
    if (item.id.root.empty()) {
        return missing("the prescription item has no id", "substanceAdministration/id");
    }
    if (item.product.name.empty() && item.product.code.code.empty()) {
        return missing("the prescribed product has neither name nor code",
                       "consumable/manufacturedProduct/manufacturedMaterial");
    }
    if (!to_number(item.packages.value)) {
        return missing("the prescribed number of packages is missing",
                       "entryRelationship/supply/quantity");
    }
    return {};
}

void check_swedish_rules(const cda::prescription_item& item, const std::string& atc,
                         const std::vector<product_candidate>& candidates, bool have_products,
                         warning_sink& warnings) {
    if (item.status_code != "active") {
        warnings.add("status-not-active",
                     "Förskrivningen har status \"" + item.status_code + "\", inte aktiv.",
                     "substanceAdministration/statusCode");
    }
    if (item.substitution.code == "N") {
        warnings.add("substitution-not-allowed",
                     "Förskrivaren tillåter inte utbyte (N): lämna ut det förskrivna läkemedlet; "
                     "ett svenskt utbytbart läkemedel får inte väljas utan förskrivarens "
                     "medgivande.",
                     "entryRelationship/observation[SUBST]/value");
    }
    if (atc.empty()) {
        warnings.add("no-atc-code",
                     "Förskrivningen saknar ATC-kod; svenska motsvarigheter kan inte sökas fram.",
                     "manufacturedMaterial/pharm:asSpecializedKind");
        return;
    }
    if (!have_products) {
        return;
    }
    if (candidates.empty()) {
        warnings.add("no-swedish-product",
                     "Inget svenskt läkemedel med ATC-kod " + atc + " finns i produktregistret.",
                     "manufacturedMaterial");
    }
    for (const product_candidate& candidate : candidates) {
        const auto& regulations = candidate.product.article_regulations;
        if (regulations && regulations->narcotic_classification) {
            const std::string& schedule = regulations->narcotic_classification->code;
            warnings.add("narcotic",
                         "Läkemedel med ATC-kod " + atc +
                             " är narkotikaklassade i Sverige (förteckning " + schedule +
                             "): narkotikaklassade läkemedel expedieras inte på utländska "
                             "e-recept.",
                         "manufacturedMaterial/pharm:asSpecializedKind");
            break;
        }
    }
}

std::vector<fhir::extension> document_extensions(const cda::document_header& header) {
    std::vector<fhir::extension> out;
    out.push_back(fhir::make_extension(uris::ext_ehdsi_document_id, "valueIdentifier",
                                       fhir::to_json(to_identifier(header.id))));
    if (!header.language_code.empty()) {
        out.push_back(fhir::make_extension(uris::ext_original_language, "valueCode",
                                           json::string(header.language_code)));
    }
    std::string country = header.custodian.addr.country;
    if (country.empty() && !header.authors.empty()) {
        country = header.authors.front().entity.represented_organization.addr.country;
    }
    if (!country.empty()) {
        out.push_back(fhir::make_extension(uris::ext_prescribing_country, "valueCode",
                                           json::string(country)));
    }
    return out;
}

}  // namespace

result<swedish_view> make_swedish_view(const view_input& input,
                                       const terminology::terminology& tables) {
    const cda::eprescription_document& ep = input.prescription;
    if (ep.header.id.root.empty()) {
        return missing("the ePrescription has no document id", "ClinicalDocument/id");
    }
    if (ep.prescription_id.root.empty()) {
        return missing("the ePrescription has no Prescription ID", "section/id");
    }
    std::vector<const cda::prescription_item*> items{&ep.item};
    for (const cda::prescription_item& item : ep.further_items) {
        items.push_back(&item);
    }
    for (const cda::prescription_item* item : items) {
        if (auto checked = check_item(*item); !checked) {
            return checked.error();
        }
    }
    swedish_view view;
    warning_sink warnings{view.warnings};
    view_builder builder(tables, warnings);
    auto patient = make_patient(ep.header);
    if (!patient) {
        return patient.error();
    }
    view.patient = std::move(*patient);
    auto prescriber = make_prescriber(ep.header, builder);
    if (!prescriber) {
        return prescriber.error();
    }
    if (items.size() > 1) {
        warnings.add("several-items",
                     "Dokumentet innehåller " + std::to_string(items.size()) +
                         " förskrivningar (eHDSI tillåter en); alla visas.",
                     "section/entry");
    }
    const std::string authored =
        ep.header.authors.empty()
            ? std::string{}
            : builder.fhir_time(ep.header.authors.front().time, "author/time");
    const auto extensions = document_extensions(ep.header);
    const auto location = make_prescriber_location(ep.header);
    for (std::size_t index = 0; index < items.size(); ++index) {
        const cda::prescription_item& item = *items[index];
        if (item.product.model == cda::product_model::epsos) {
            warnings.add("legacy-product-model",
                         "Produkten är beskriven i den äldre epSOS-modellen; kontrollera "
                         "uppgifterna mot originalet.",
                         "consumable/manufacturedProduct");
        }
        fhir::medication_request request;
        request.id = "ehdsi-item-" + std::to_string(index + 1);
        request.meta.profile.push_back(std::string(uris::foreign_prescription_view));
        request.prescriber = *prescriber;
        request.medication = make_medication(item.product, builder);
        request.prescriber_location = location;
        if (location) {
            request.prescriber_contact_info = fhir::reference{"#loc", {}};
        }
        request.other_extensions = extensions;
        if (!item.substitution.empty()) {
            request.other_extensions.push_back(fhir::make_extension(
                uris::ext_ehdsi_substitution, "valueCodeableConcept",
                fhir::to_json(builder.to_concept(item.substitution, "eHDSISubstitutionCode",
                                                 "entryRelationship/observation[SUBST]/value"))));
        }
        request.status = status_of(item.status_code);
        request.intent = "order";
        request.medication_reference = fhir::reference{"#med", {}};
        request.subject = fhir::reference{"Patient/" + std::string(patient_id), {}};
        request.authored_on = authored;
        request.requester = fhir::reference{"#prescriber", {}};
        request.dosage_instruction.push_back(make_dosage(item, builder));
        fhir::dispense_request dispense;
        if (!item.validity_low.empty() || !item.validity_high.empty()) {
            fhir::period validity{
                builder.fhir_time(item.validity_low, "effectiveTime[IVL_TS]/low"),
                builder.fhir_time(item.validity_high, "effectiveTime[IVL_TS]/high")};
            if (!(validity == fhir::period{})) {
                dispense.validity_period = validity;
            }
        }
        const double packages = to_number(item.packages.value).value_or(0);
        if (packages >= 1 && packages == static_cast<double>(static_cast<long long>(packages))) {
            dispense.number_of_packages_prescribed = static_cast<long long>(packages);
        } else {
            dispense.quantity = fhir::quantity{packages, "förpackning", {}, {}};
        }
        request.dispense_request = dispense;
        // eHDSI: only N forbids substitution; an absent observation allows it.
        request.substitution_allowed = item.substitution.code != "N";
        json::array identifiers{fhir::to_json(to_identifier(item.id))};
        request.unknown["identifier"] = std::move(identifiers);
        request.unknown["groupIdentifier"] = fhir::to_json(to_identifier(ep.prescription_id));
        if (!item.fulfilment_instructions.empty()) {
            request.unknown["note"] =
                json::array{json::object{{"text", item.fulfilment_instructions}}};
        }
        const std::string atc = cda::atc_of(item.product);
        auto candidates = find_candidate_products(item.product, input.products, tables);
        check_swedish_rules(item, atc, candidates, !input.products.empty(), warnings);
        check_validity(ep.header, item, input.today, warnings);
        view.prescriptions.push_back(std::move(request));
        view.candidates.push_back(std::move(candidates));
    }
    return view;
}

}  // namespace ncpeh::translators::eprescription_to_se_view
