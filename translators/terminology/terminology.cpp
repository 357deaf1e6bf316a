#include "translators/terminology/terminology.hpp"

namespace ncpeh::translators::terminology {

const value_set* terminology::find_value_set(std::string_view name) const noexcept {
    auto found = value_sets.find(name);
    return found == value_sets.end() ? nullptr : &found->second;
}

result<terminology> make_terminology(const std::map<std::string, std::string, std::less<>>& files) {
    auto file = [&](std::string_view name) -> result<std::string_view> {
        auto found = files.find(name);
        if (found == files.end()) {
            return make_error(errc::config_invalid, "terminology file missing")
                .with("file", std::string(name));
        }
        return std::string_view(found->second);
    };
    terminology tables;
    auto systems_text = file(code_systems_file);
    if (!systems_text) {
        return systems_text.error();
    }
    auto systems = parse_code_system_table(*systems_text, code_systems_file);
    if (!systems) {
        return systems.error();
    }
    tables.code_systems = std::move(*systems);
    for (const auto& [name, text] : files) {
        if (!name.ends_with(".tsv") || name == code_systems_file || name == swedish_mapping_file ||
            name == swedish_display_file) {
            continue;
        }
        auto set = parse_value_set(text, name, tables.code_systems);
        if (!set) {
            return set.error();
        }
        std::string set_name = set->name();
        tables.value_sets.emplace(std::move(set_name), std::move(*set));
    }
    auto mapping_text = file(swedish_mapping_file);
    if (!mapping_text) {
        return mapping_text.error();
    }
    auto mapping = parse_swedish_mapping(*mapping_text, swedish_mapping_file, tables.value_sets);
    if (!mapping) {
        return mapping.error();
    }
    tables.from_swedish = std::move(*mapping);
    auto display_text = file(swedish_display_file);
    if (!display_text) {
        return display_text.error();
    }
    auto display = parse_swedish_display(*display_text, swedish_display_file, tables.value_sets);
    if (!display) {
        return display.error();
    }
    tables.to_swedish = std::move(*display);
    return tables;
}

}  // namespace ncpeh::translators::terminology
