#include "translators/terminology/code_system_table.hpp"

#include "translators/terminology/tsv_table.hpp"

namespace ncpeh::translators::terminology {

const code_system* code_system_table::find(std::string_view fhir_system) const noexcept {
    auto found = systems_.find(fhir_system);
    return found == systems_.end() ? nullptr : &found->second;
}

std::string_view code_system_table::fhir_system_of(std::string_view oid) const noexcept {
    for (const auto& [uri, system] : systems_) {
        if (system.oid == oid) {
            return uri;
        }
    }
    return {};
}

const code_system* code_system_table::find_by_oid(std::string_view oid) const noexcept {
    for (const auto& [uri, system] : systems_) {
        if (system.oid == oid) {
            return &system;
        }
    }
    return nullptr;
}

result<code_system_table> parse_code_system_table(std::string_view text,
                                                  std::string_view file_name) {
    auto table = parse_tsv_table(text, file_name, {"fhir_system", "cda_oid", "name"});
    if (!table) {
        return table.error();
    }
    const std::size_t uri = table->column("fhir_system");
    const std::size_t oid = table->column("cda_oid");
    const std::size_t name = table->column("name");
    std::map<std::string, code_system, std::less<>> systems;
    for (const auto& row : table->rows) {
        systems[row[uri]] = code_system{row[oid], row[name]};
    }
    return code_system_table(std::move(systems));
}

}  // namespace ncpeh::translators::terminology
