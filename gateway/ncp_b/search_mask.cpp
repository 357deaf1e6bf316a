#include "gateway/ncp_b/search_mask.hpp"

#include <algorithm>

#include "config/search_pattern.hpp"

namespace ncpeh::gateway::ncp_b {

result<search_mask> search_mask::compile(std::vector<search_field> fields) {
    search_mask mask;
    for (const search_field& field : fields) {
        auto compiled = config::compile_search_pattern(field.pattern);
        if (!compiled) {
            return std::move(compiled.error()).with("oid", field.oid);
        }
        mask.patterns_.push_back(std::make_shared<const std::regex>(std::move(compiled).value()));
    }
    mask.fields_ = std::move(fields);
    return mask;
}

result<void> search_mask::check(const std::vector<given_identifier>& given) const {
    if (given.empty()) {
        return make_error(errc::search_mask_violation, "no patient identifier was given")
            .with("element", "identifiers");
    }
    std::vector<bool> seen(fields_.size(), false);
    for (std::size_t g = 0; g < given.size(); ++g) {
        const std::string element = "identifiers[" + std::to_string(g) + "]";
        const auto field = std::find_if(fields_.begin(), fields_.end(), [&](const search_field& f) {
            return f.oid == given[g].oid;
        });
        if (field == fields_.end()) {
            return make_error(errc::search_mask_violation,
                              "the country's search mask has no identifier with this OID")
                .with("element", element + ".oid")
                .with("oid", given[g].oid);
        }
        const auto index = static_cast<std::size_t>(field - fields_.begin());
        if (seen[index]) {
            return make_error(errc::search_mask_violation, "the identifier is given twice")
                .with("element", element)
                .with("oid", field->oid);
        }
        seen[index] = true;
        // A value longer than any identifier is refused before the regex sees it.
        if (given[g].value.size() > 256 || !std::regex_match(given[g].value, *patterns_[index])) {
            return make_error(errc::search_mask_violation,
                              "the value does not have the form of \"" + field->label + "\"")
                .with("element", element + ".value")
                .with("oid", field->oid)
                .with("pattern", field->pattern);
        }
    }
    for (std::size_t f = 0; f < fields_.size(); ++f) {
        if (fields_[f].mandatory && !seen[f]) {
            return make_error(errc::search_mask_violation,
                              "\"" + fields_[f].label + "\" is mandatory for this country")
                .with("element", "identifiers")
                .with("oid", fields_[f].oid);
        }
    }
    return {};
}

}  // namespace ncpeh::gateway::ncp_b
