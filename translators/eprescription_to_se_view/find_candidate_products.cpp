#include "translators/eprescription_to_se_view/find_candidate_products.hpp"

#include <algorithm>
#include <charconv>
#include <optional>

#include "translators/cda/product_atc.hpp"
#include "translators/terminology/normalize_term.hpp"

namespace ncpeh::translators::eprescription_to_se_view {

namespace {

using terminology::term_kind;

// A strength as numbers in UCUM: "100 E/ml" → {100, "[IU]", "mL"}; a missing "/unit" leaves
// `per` empty (per one unit of presentation).
struct strength {
    double value = 0;
    std::string unit;
    std::string per;
};

std::optional<double> to_number(std::string_view text) {
    std::string number(text);
    std::replace(number.begin(), number.end(), ',', '.');
    double value = 0;
    const char* first = number.data();
    const char* last = first + number.size();
    auto [end, ec] = std::from_chars(first, last, value);
    if (ec != std::errc{} || end != last) {
        return std::nullopt;
    }
    return value;
}

// Units that count things: a foreign "1" numerator (insulin units written as a count) matches
// them when the values agree.
bool is_count_unit(std::string_view unit) {
    return unit == "1" || unit == "[IU]" || unit == "[iU]" || unit == "U" || unit == "units";
}

std::string ucum_of_swedish(const terminology::terminology& tables, std::string_view swedish) {
    if (const auto* mapping = tables.from_swedish.find(term_kind::unit, swedish)) {
        return mapping->target.code;
    }
    return std::string(swedish);
}

std::optional<strength> parse_swedish_strength(const terminology::terminology& tables,
                                               std::string_view text) {
    std::size_t i = 0;
    while (i < text.size() && text[i] == ' ') {
        ++i;
    }
    const std::size_t begin = i;
    while (i < text.size() &&
           ((text[i] >= '0' && text[i] <= '9') || text[i] == ',' || text[i] == '.')) {
        ++i;
    }
    auto value = to_number(text.substr(begin, i - begin));
    if (!value) {
        return std::nullopt;
    }
    std::string_view rest = text.substr(i);
    while (!rest.empty() && rest.front() == ' ') {
        rest.remove_prefix(1);
    }
    std::string_view per;
    if (auto slash = rest.find('/'); slash != std::string_view::npos) {
        per = rest.substr(slash + 1);
        rest = rest.substr(0, slash);
    }
    while (!rest.empty() && rest.back() == ' ') {
        rest.remove_suffix(1);
    }
    if (rest.empty()) {
        return std::nullopt;
    }
    strength out{*value, ucum_of_swedish(tables, rest), {}};
    if (!per.empty()) {
        out.per = ucum_of_swedish(tables, per);
    }
    return out;
}

bool same_unit(std::string_view a, std::string_view b) {
    return terminology::normalize_term(a) == terminology::normalize_term(b);
}

bool strength_matches(const cda::medicinal_product& prescribed, const fhir::medication& product,
                      const terminology::terminology& tables) {
    if (prescribed.ingredients.size() != 1 || !product.article_info) {
        return false;
    }
    const cda::ratio& foreign = prescribed.ingredients.front().strength;
    auto numerator = to_number(foreign.numerator.value);
    auto swedish = parse_swedish_strength(tables, product.article_info->strength_text);
    if (!numerator || !swedish || *numerator != swedish->value) {
        return false;
    }
    const std::string& unit = foreign.numerator.unit;
    if (!same_unit(unit, swedish->unit) && !(is_count_unit(unit) && is_count_unit(swedish->unit))) {
        return false;
    }
    const std::string& per = foreign.denominator.unit;
    auto per_value = foreign.denominator.value.empty() ? std::optional<double>(1.0)
                                                       : to_number(foreign.denominator.value);
    if (!per_value || *per_value != 1.0) {
        return false;
    }
    if (swedish->per.empty()) {
        // "5 mg" is per unit of presentation (a tablet): the foreign denominator counts.
        return per.empty() || per == "1" || per.starts_with('{');
    }
    return same_unit(per, swedish->per);
}

bool form_matches(const cda::medicinal_product& prescribed, const fhir::medication& product,
                  const terminology::terminology& tables) {
    const auto* mapping = tables.from_swedish.find(term_kind::dose_form, product.form_text);
    if (mapping == nullptr || prescribed.form_code.code.empty()) {
        return false;
    }
    if (mapping->target.code == prescribed.form_code.code) {
        return true;
    }
    for (const cda::coded_value& translation : prescribed.form_code.translations) {
        if (translation.code == mapping->target.code) {
            return true;
        }
    }
    return false;
}

int rank_of(const product_candidate& c) {
    return (c.strength_matches ? 2 : 0) + (c.form_matches ? 1 : 0);
}

}  // namespace

std::vector<product_candidate> find_candidate_products(
    const cda::medicinal_product& prescribed, const std::vector<fhir::medication>& products,
    const terminology::terminology& tables) {
    std::vector<product_candidate> out;
    const std::string atc = cda::atc_of(prescribed);
    if (atc.empty()) {
        return out;
    }
    for (const fhir::medication& product : products) {
        if (fhir::atc_code(product) != atc ||
            !(product.status.empty() || product.status == "active")) {
            continue;
        }
        out.push_back({product, form_matches(prescribed, product, tables),
                       strength_matches(prescribed, product, tables)});
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return rank_of(a) > rank_of(b); });
    return out;
}

}  // namespace ncpeh::translators::eprescription_to_se_view
