#include "translators/terminology/swedish_mapping.hpp"

#include <array>

#include "translators/terminology/normalize_term.hpp"
#include "translators/terminology/tsv_table.hpp"

namespace ncpeh::translators::terminology {

namespace {

constexpr std::array<std::pair<term_kind, std::string_view>, 6> kind_names = {{
    {term_kind::dose_form, "dose_form"},
    {term_kind::package, "package"},
    {term_kind::route, "route"},
    {term_kind::unit, "unit"},
    {term_kind::profession, "profession"},
    {term_kind::gender, "gender"},
}};

std::optional<term_kind> kind_of(std::string_view name) noexcept {
    for (const auto& [kind, kind_name] : kind_names) {
        if (kind_name == name) {
            return kind;
        }
    }
    return std::nullopt;
}

}  // namespace

std::string_view name_of(term_kind kind) noexcept {
    for (const auto& [k, kind_name] : kind_names) {
        if (k == kind) {
            return kind_name;
        }
    }
    return "unknown";
}

swedish_mapping::swedish_mapping(std::vector<swedish_term_mapping> rows) : rows_(std::move(rows)) {
    for (std::size_t i = 0; i < rows_.size(); ++i) {
        by_term_.emplace(std::pair{rows_[i].kind, normalize_term(rows_[i].swedish)}, i);
    }
}

const swedish_term_mapping* swedish_mapping::find(term_kind kind,
                                                  std::string_view swedish) const noexcept {
    auto found = by_term_.find(std::pair{kind, normalize_term(swedish)});
    return found == by_term_.end() ? nullptr : &rows_[found->second];
}

const swedish_term_mapping* swedish_mapping::find_local(term_kind kind,
                                                        std::string_view code_system,
                                                        std::string_view code) const noexcept {
    for (const auto& row : rows_) {
        if (row.kind == kind && row.local.code_system == code_system && row.local.code == code) {
            return &row;
        }
    }
    return nullptr;
}

result<swedish_mapping> parse_swedish_mapping(
    std::string_view text, std::string_view file_name,
    const std::map<std::string, value_set, std::less<>>& value_sets) {
    auto table = parse_tsv_table(
        text, file_name, {"kind", "swedish", "value_set", "code", "local_system", "local_code"});
    if (!table) {
        return table.error();
    }
    const std::size_t kind_column = table->column("kind");
    const std::size_t swedish_column = table->column("swedish");
    const std::size_t set_column = table->column("value_set");
    const std::size_t code_column = table->column("code");
    const std::size_t local_system_column = table->column("local_system");
    const std::size_t local_code_column = table->column("local_code");
    std::vector<swedish_term_mapping> rows;
    for (std::size_t i = 0; i < table->rows.size(); ++i) {
        const auto& row = table->rows[i];
        auto fail = [&](std::string message) {
            return make_error(errc::config_invalid, std::move(message))
                .with("file", std::string(file_name))
                .with("line", std::to_string(table->row_lines[i]));
        };
        const auto kind = kind_of(row[kind_column]);
        if (!kind) {
            return fail("unknown kind \"" + row[kind_column] + "\"");
        }
        auto set = value_sets.find(row[set_column]);
        if (set == value_sets.end()) {
            return fail("unknown value set \"" + row[set_column] + "\"");
        }
        const coded_concept* target = set->second.find(row[code_column]);
        if (target == nullptr) {
            return fail("code \"" + row[code_column] + "\" is not in " + row[set_column] + " " +
                        set->second.version());
        }
        rows.push_back(swedish_term_mapping{
            *kind, row[swedish_column], row[set_column], *target,
            coded_concept{
                row[local_code_column], row[local_system_column], {}, row[swedish_column]}});
    }
    return swedish_mapping(std::move(rows));
}

}  // namespace ncpeh::translators::terminology
