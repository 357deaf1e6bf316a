#include "translators/terminology/swedish_display.hpp"

#include "translators/terminology/tsv_table.hpp"

namespace ncpeh::translators::terminology {

std::string_view swedish_display::find(std::string_view value_set, std::string_view code) const {
    auto found = displays_.find(std::pair{std::string(value_set), std::string(code)});
    return found == displays_.end() ? std::string_view{} : std::string_view(found->second);
}

result<swedish_display> parse_swedish_display(
    std::string_view text, std::string_view file_name,
    const std::map<std::string, value_set, std::less<>>& value_sets) {
    auto table = parse_tsv_table(text, file_name, {"value_set", "code", "swedish"});
    if (!table) {
        return table.error();
    }
    const std::size_t set_column = table->column("value_set");
    const std::size_t code_column = table->column("code");
    const std::size_t swedish_column = table->column("swedish");
    std::map<std::pair<std::string, std::string>, std::string, std::less<>> displays;
    for (std::size_t i = 0; i < table->rows.size(); ++i) {
        const auto& row = table->rows[i];
        auto set = value_sets.find(row[set_column]);
        if (set == value_sets.end() || set->second.find(row[code_column]) == nullptr) {
            return make_error(errc::config_invalid,
                              "\"" + row[code_column] + "\" is not a code of " + row[set_column])
                .with("file", std::string(file_name))
                .with("line", std::to_string(table->row_lines[i]));
        }
        displays[{row[set_column], row[code_column]}] = row[swedish_column];
    }
    return swedish_display(std::move(displays));
}

}  // namespace ncpeh::translators::terminology
