#include "translators/terminology/transcode.hpp"

namespace ncpeh::translators::terminology {

result<transcoded> transcode_swedish(const terminology& tables, term_kind kind,
                                     std::string_view swedish, std::string_view local_system,
                                     std::string_view local_code) {
    const swedish_term_mapping* mapping = nullptr;
    if (!local_code.empty()) {
        mapping = tables.from_swedish.find_local(kind, local_system, local_code);
    }
    if (mapping == nullptr && !swedish.empty()) {
        mapping = tables.from_swedish.find(kind, swedish);
    }
    if (mapping == nullptr) {
        return make_error(errc::ep_missing_expected_mapping,
                          "no eHDSI mapping for the Swedish " + std::string(name_of(kind)) + " \"" +
                              std::string(swedish.empty() ? local_code : swedish) + "\"")
            .with("kind", std::string(name_of(kind)))
            .with("term", std::string(swedish.empty() ? local_code : swedish));
    }
    transcoded result{mapping->target, mapping->local};
    result.original.display = swedish.empty() ? mapping->swedish : std::string(swedish);
    if (result.original.code_system_name.empty()) {
        const code_system* system = tables.code_systems.find_by_oid(result.original.code_system);
        result.original.code_system_name = system == nullptr ? "ncpeh Swedish terms" : system->name;
    }
    return result;
}

}  // namespace ncpeh::translators::terminology
