#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "trust/error/error.hpp"

namespace ncpeh::translators::terminology {

/// A tab-separated table as the project ships them: a first line `# <source and version>`, a
/// line of column names, then rows. Empty lines are skipped; every row must have as many cells
/// as there are columns.
struct tsv_table {
    std::string source;                ///< the first line without "# "
    std::vector<std::string> columns;  ///< column names
    std::vector<std::vector<std::string>> rows;
    std::vector<unsigned> row_lines;  ///< 1-based line of each row, for errors

    /// The index of column `name`, or columns.size() when absent.
    std::size_t column(std::string_view name) const noexcept;
};

/// Parses `text` (the whole file); `name` only labels errors. Errors: `config_invalid` with the
/// file name and line when the header is missing or a row has the wrong number of cells, or when
/// one of `required_columns` is absent.
result<tsv_table> parse_tsv_table(std::string_view text, std::string_view name,
                                  const std::vector<std::string_view>& required_columns);

}  // namespace ncpeh::translators::terminology
