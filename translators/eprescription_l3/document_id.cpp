#include "translators/eprescription_l3/document_id.hpp"

#include "translators/fhir/resource_id.hpp"

namespace ncpeh::translators::eprescription_l3 {

namespace {

constexpr std::string_view l3_suffix = ".L3";
constexpr std::string_view l1_suffix = ".L1";

std::string document_root(std::string_view prescription_id_root) {
    return std::string(prescription_id_root) + ".9";
}

}  // namespace

cda::instance_identifier eprescription_document_id(std::string_view prescription_id_root,
                                                   std::string_view prescription_id,
                                                   document_level level) {
    return {document_root(prescription_id_root),
            std::string(prescription_id) +
                std::string(level == document_level::l3 ? l3_suffix : l1_suffix),
            {}};
}

std::optional<eprescription_document_ref> parse_document_unique_id(
    std::string_view unique_id, std::string_view prescription_id_root) {
    const auto caret = unique_id.find('^');
    if (caret == std::string_view::npos ||
        unique_id.substr(0, caret) != document_root(prescription_id_root)) {
        return std::nullopt;
    }
    std::string_view extension = unique_id.substr(caret + 1);
    eprescription_document_ref ref;
    if (extension.ends_with(l3_suffix)) {
        ref.level = document_level::l3;
    } else if (extension.ends_with(l1_suffix)) {
        ref.level = document_level::l1;
    } else {
        return std::nullopt;
    }
    extension.remove_suffix(l3_suffix.size());
    if (!fhir::is_resource_id(extension)) {
        return std::nullopt;
    }
    ref.prescription_id = std::string(extension);
    return ref;
}

std::string document_unique_id(const cda::instance_identifier& id) {
    return id.root + "^" + id.extension;
}

}  // namespace ncpeh::translators::eprescription_l3
