#include "translators/terminology/tsv_table.hpp"

#include <algorithm>

namespace ncpeh::translators::terminology {

namespace {

std::vector<std::string> split_tabs(std::string_view line) {
    std::vector<std::string> cells;
    std::size_t start = 0;
    while (true) {
        const std::size_t tab = line.find('\t', start);
        cells.emplace_back(
            line.substr(start, tab == std::string_view::npos ? line.npos : tab - start));
        if (tab == std::string_view::npos) {
            break;
        }
        start = tab + 1;
    }
    return cells;
}

error table_error(std::string_view name, unsigned line, std::string message) {
    return make_error(errc::config_invalid, std::move(message))
        .with("file", std::string(name))
        .with("line", std::to_string(line));
}

}  // namespace

std::size_t tsv_table::column(std::string_view name) const noexcept {
    return static_cast<std::size_t>(std::find(columns.begin(), columns.end(), name) -
                                    columns.begin());
}

result<tsv_table> parse_tsv_table(std::string_view text, std::string_view name,
                                  const std::vector<std::string_view>& required_columns) {
    tsv_table table;
    unsigned line_number = 0;
    bool have_source = false;
    bool have_columns = false;
    std::size_t position = 0;
    while (position < text.size()) {
        std::size_t end = text.find('\n', position);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        std::string_view line = text.substr(position, end - position);
        position = end + 1;
        ++line_number;
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (!have_source) {
            if (!line.starts_with("# ")) {
                return table_error(name, line_number,
                                   "the first line must name the source and version (\"# …\")");
            }
            table.source = std::string(line.substr(2));
            have_source = true;
            continue;
        }
        if (line.empty()) {
            continue;
        }
        if (!have_columns) {
            table.columns = split_tabs(line);
            have_columns = true;
            continue;
        }
        auto cells = split_tabs(line);
        if (cells.size() != table.columns.size()) {
            return table_error(name, line_number,
                               "expected " + std::to_string(table.columns.size()) +
                                   " tab-separated cells, found " + std::to_string(cells.size()));
        }
        table.rows.push_back(std::move(cells));
        table.row_lines.push_back(line_number);
    }
    if (!have_columns) {
        return table_error(name, line_number, "the table has no column header");
    }
    for (std::string_view required : required_columns) {
        if (table.column(required) == table.columns.size()) {
            return table_error(name, 2, "missing column \"" + std::string(required) + "\"");
        }
    }
    return table;
}

}  // namespace ncpeh::translators::terminology
