#include "translators/terminology/value_set.hpp"

#include "translators/terminology/tsv_table.hpp"

namespace ncpeh::translators::terminology {

namespace {

// The text between `after` and the first of `stops` (or the end), trimmed of spaces.
std::string_view between(std::string_view text, std::string_view after, std::string_view stops) {
    const std::size_t start = text.find(after);
    if (start == std::string_view::npos) {
        return {};
    }
    std::string_view rest = text.substr(start + after.size());
    return rest.substr(0, rest.find_first_of(stops));
}

}  // namespace

const coded_concept* value_set::find(std::string_view code) const noexcept {
    auto found = concepts_.find(code);
    return found == concepts_.end() ? nullptr : &found->second;
}

bool value_set::contains(std::string_view code, std::string_view code_system) const noexcept {
    const coded_concept* concept_of_code = find(code);
    return concept_of_code != nullptr && concept_of_code->code_system == code_system;
}

result<value_set> parse_value_set(std::string_view text, std::string_view file_name,
                                  const code_system_table& systems) {
    auto table = parse_tsv_table(text, file_name, {"system", "code", "display"});
    if (!table) {
        return table.error();
    }
    const std::string_view source = table->source;
    const std::string_view name = source.substr(0, source.find(' '));
    const std::string_view version = between(source, " version ", ",;");
    const std::string_view oid = between(source, "value set OID ", ";, ");
    if (name.empty() || version.empty() || oid.empty()) {
        return make_error(errc::config_invalid,
                          "the first line must read \"# <name> version <v>, value set OID <oid>; "
                          "…\"")
            .with("file", std::string(file_name))
            .with("line", "1");
    }
    const std::size_t system_column = table->column("system");
    const std::size_t code_column = table->column("code");
    const std::size_t display_column = table->column("display");
    std::map<std::string, coded_concept, std::less<>> concepts;
    for (std::size_t i = 0; i < table->rows.size(); ++i) {
        const auto& row = table->rows[i];
        // The MVC export has one code system URI with a trailing space (eHDSIPackage 30034000).
        std::string_view uri = row[system_column];
        while (!uri.empty() && uri.back() == ' ') {
            uri.remove_suffix(1);
        }
        const code_system* system = systems.find(uri);
        if (system == nullptr) {
            return make_error(errc::config_invalid,
                              "code system \"" + std::string(uri) + "\" is not in code-systems.tsv")
                .with("file", std::string(file_name))
                .with("line", std::to_string(table->row_lines[i]));
        }
        concepts[row[code_column]] =
            coded_concept{row[code_column], system->oid, system->name, row[display_column]};
    }
    return value_set(std::string(name), std::string(version), std::string(oid),
                     std::move(concepts));
}

}  // namespace ncpeh::translators::terminology
