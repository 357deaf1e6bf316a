#pragma once

#include <toml++/toml.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "config/problem.hpp"

namespace ncpeh::config {

/// Reads one TOML table key by key, recording every problem instead of stopping at the first,
/// and remembers which keys it was asked for so `finish()` can report the rest as unknown
/// (typos) with a suggestion.
class table_reader {
  public:
    table_reader(const toml::table& table, std::string path, std::string file, problems& out);

    /// A required key: a problem is recorded when absent. Optional keys use `optional_*`.
    std::optional<std::string> string(std::string_view key);
    std::optional<std::string> optional_string(std::string_view key);
    std::optional<std::int64_t> integer(std::string_view key, std::int64_t min, std::int64_t max);
    std::optional<std::int64_t> optional_integer(std::string_view key, std::int64_t min,
                                                 std::int64_t max);
    std::optional<bool> boolean(std::string_view key);
    std::optional<bool> optional_boolean(std::string_view key);
    /// A path resolved against `base`; when `must_exist`, a missing file is a problem.
    std::optional<std::filesystem::path> file(std::string_view key,
                                              const std::filesystem::path& base,
                                              bool must_exist = true);
    std::optional<std::filesystem::path> optional_file(std::string_view key,
                                                       const std::filesystem::path& base,
                                                       bool must_exist = true);
    /// A sub-table; a missing required one is a problem and yields nullptr.
    const toml::table* table(std::string_view key);
    const toml::table* optional_table(std::string_view key);
    /// An array of tables (`[[partner]]`); absent yields nullptr.
    const toml::array* optional_array(std::string_view key);
    /// Marks a key as known without reading it (read elsewhere).
    void known(std::string_view key);

    /// Records a problem on `key` at that key's line (or the table's when absent).
    void report(std::string_view key, std::string message);
    /// Reports every key of the table that nothing asked for.
    void finish();

    std::string path_of(std::string_view key) const;
    int line_of(std::string_view key) const;
    const std::string& file_name() const { return file_; }
    problems& sink() { return out_; }

  private:
    const toml::node* find(std::string_view key, bool required, std::string_view expected);

    const toml::table& table_;
    std::string path_;
    std::string file_;
    problems& out_;
    std::set<std::string, std::less<>> known_;
};

}  // namespace ncpeh::config
