#include "config/table_reader.hpp"

#include <algorithm>
#include <vector>

namespace ncpeh::config {

namespace {

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) {
        row[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::string_view type_name(const toml::node& node) {
    switch (node.type()) {
        case toml::node_type::string:
            return "a string";
        case toml::node_type::integer:
            return "an integer";
        case toml::node_type::floating_point:
            return "a number";
        case toml::node_type::boolean:
            return "a boolean";
        case toml::node_type::table:
            return "a table";
        case toml::node_type::array:
            return "an array";
        default:
            return "a date or time";
    }
}

}  // namespace

table_reader::table_reader(const toml::table& table, std::string path, std::string file,
                           problems& out)
    : table_(table), path_(std::move(path)), file_(std::move(file)), out_(out) {}

std::string table_reader::path_of(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

int table_reader::line_of(std::string_view key) const {
    if (const toml::node* node = table_.get(key)) {
        return static_cast<int>(node->source().begin.line);
    }
    return static_cast<int>(table_.source().begin.line);
}

void table_reader::report(std::string_view key, std::string message) {
    out_.push_back({file_, line_of(key), path_of(key), std::move(message)});
}

void table_reader::known(std::string_view key) {
    known_.emplace(key);
}

const toml::node* table_reader::find(std::string_view key, bool required,
                                     std::string_view expected) {
    known_.emplace(key);
    const toml::node* node = table_.get(key);
    if (node == nullptr && required) {
        report(key, "required key is missing (expected " + std::string(expected) + ")");
    }
    return node;
}

std::optional<std::string> table_reader::string(std::string_view key) {
    const toml::node* node = find(key, true, "a string");
    if (node == nullptr) {
        return std::nullopt;
    }
    if (!node->is_string()) {
        report(key, "expected a string, found " + std::string(type_name(*node)));
        return std::nullopt;
    }
    std::string value = **node->as_string();
    if (value.empty()) {
        report(key, "must not be empty");
        return std::nullopt;
    }
    return value;
}

std::optional<std::string> table_reader::optional_string(std::string_view key) {
    if (table_.get(key) == nullptr) {
        known_.emplace(key);
        return std::nullopt;
    }
    return string(key);
}

std::optional<std::int64_t> table_reader::integer(std::string_view key, std::int64_t min,
                                                  std::int64_t max) {
    const toml::node* node = find(key, true, "an integer");
    if (node == nullptr) {
        return std::nullopt;
    }
    if (!node->is_integer()) {
        report(key, "expected an integer, found " + std::string(type_name(*node)));
        return std::nullopt;
    }
    const std::int64_t value = **node->as_integer();
    if (value < min || value > max) {
        report(key, std::to_string(value) + " is out of range (" + std::to_string(min) + "-" +
                        std::to_string(max) + ")");
        return std::nullopt;
    }
    return value;
}

std::optional<std::int64_t> table_reader::optional_integer(std::string_view key, std::int64_t min,
                                                           std::int64_t max) {
    if (table_.get(key) == nullptr) {
        known_.emplace(key);
        return std::nullopt;
    }
    return integer(key, min, max);
}

std::optional<bool> table_reader::boolean(std::string_view key) {
    if (!table_.contains(key)) {
        find(key, true, "true or false");
        return std::nullopt;
    }
    return optional_boolean(key);
}

std::optional<bool> table_reader::optional_boolean(std::string_view key) {
    const toml::node* node = find(key, false, "a boolean");
    if (node == nullptr) {
        return std::nullopt;
    }
    if (!node->is_boolean()) {
        report(key, "expected true or false, found " + std::string(type_name(*node)));
        return std::nullopt;
    }
    return **node->as_boolean();
}

std::optional<std::filesystem::path> table_reader::file(std::string_view key,
                                                        const std::filesystem::path& base,
                                                        bool must_exist) {
    std::optional<std::string> text = string(key);
    if (!text) {
        return std::nullopt;
    }
    std::filesystem::path resolved = std::filesystem::path(*text);
    if (resolved.is_relative()) {
        resolved = base / resolved;
    }
    resolved = resolved.lexically_normal();
    if (must_exist) {
        std::error_code ec;
        if (!std::filesystem::exists(resolved, ec)) {
            report(key, "file not found: " + resolved.string());
            return std::nullopt;
        }
    }
    return resolved;
}

std::optional<std::filesystem::path> table_reader::optional_file(std::string_view key,
                                                                 const std::filesystem::path& base,
                                                                 bool must_exist) {
    if (table_.get(key) == nullptr) {
        known_.emplace(key);
        return std::nullopt;
    }
    return file(key, base, must_exist);
}

const toml::table* table_reader::table(std::string_view key) {
    const toml::node* node = find(key, true, "a table");
    if (node == nullptr) {
        return nullptr;
    }
    if (!node->is_table()) {
        report(key, "expected a table, found " + std::string(type_name(*node)));
        return nullptr;
    }
    return node->as_table();
}

const toml::table* table_reader::optional_table(std::string_view key) {
    if (table_.get(key) == nullptr) {
        known_.emplace(key);
        return nullptr;
    }
    return table(key);
}

const toml::array* table_reader::optional_array(std::string_view key) {
    const toml::node* node = find(key, false, "an array of tables");
    if (node == nullptr) {
        return nullptr;
    }
    if (!node->is_array()) {
        report(key, "expected an array of tables ([[" + path_of(key) + "]]), found " +
                        std::string(type_name(*node)));
        return nullptr;
    }
    return node->as_array();
}

void table_reader::finish() {
    for (const auto& [key, node] : table_) {
        const std::string_view name = key.str();
        if (known_.contains(name)) {
            continue;
        }
        std::string message = "unknown key";
        std::string_view best;
        std::size_t best_distance = 3;
        for (const std::string& candidate : known_) {
            const std::size_t distance = edit_distance(name, candidate);
            if (distance < best_distance) {
                best_distance = distance;
                best = candidate;
            }
        }
        if (!best.empty()) {
            message += " (did you mean '" + std::string(best) + "'?)";
        }
        out_.push_back(
            {file_, static_cast<int>(node.source().begin.line), path_of(name), std::move(message)});
    }
}

}  // namespace ncpeh::config
