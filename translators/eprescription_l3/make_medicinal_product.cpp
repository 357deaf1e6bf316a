#include "translators/eprescription_l3/make_medicinal_product.hpp"

#include <charconv>

#include "translators/eprescription_l3/fhir_to_cda.hpp"
#include "translators/fhir/uris.hpp"

namespace ncpeh::translators::eprescription_l3 {

namespace uris = fhir::uris;
using terminology::term_kind;

namespace {

// NPL identifiers as CDA ids (sweden-national-side.md §3, §7; assumption until registered).
constexpr std::string_view nplid_oid = "1.2.752.129.2.1.5.1";
constexpr std::string_view nplpackid_oid = "1.2.752.129.2.1.5.2";

cda::coded_value with_original(const terminology::transcoded& result) {
    cda::coded_value code = to_coded(result.pivot);
    code.translations.push_back(to_coded(result.original));
    return code;
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

}  // namespace

result<cda::coded_value> transcode_or_policy(const terminology::terminology& tables,
                                             terminology::mapping_policy policy,
                                             std::vector<error>& warnings, term_kind kind,
                                             std::string_view swedish,
                                             std::string_view local_system,
                                             std::string_view local_code) {
    auto mapped = terminology::transcode_swedish(tables, kind, swedish, local_system, local_code);
    if (mapped) {
        return with_original(*mapped);
    }
    if (policy == terminology::mapping_policy::error) {
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

result<cda::medicinal_product> make_medicinal_product(const fhir::medication& med,
                                                      terminology::mapping_policy policy,
                                                      const terminology::terminology& tables,
                                                      std::vector<error>& warnings) {
    cda::medicinal_product product;
    product.name = med.code.text;
    if (product.name.empty()) {
        return make_error(errc::ep_generic, "the medication has no name")
            .with("element", "Medication.code.text");
    }
    const std::string nplid = fhir::npl_id(med);
    if (!nplid.empty()) {
        product.code = {nplid, std::string(nplid_oid), "NPL-id", {}, product.name, {}, {}, {}};
    }
    if (med.article_info) {
        product.description = med.article_info->strength_text;
    }
    auto form = transcode_or_policy(tables, policy, warnings, term_kind::dose_form, med.form_text);
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
            if (policy == terminology::mapping_policy::error) {
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
        auto mapped = transcode_or_policy(tables, policy, warnings, term_kind::package, container);
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
            if (policy == terminology::mapping_policy::error) {
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

}  // namespace ncpeh::translators::eprescription_l3
