#include "translators/fhir/nll_status.hpp"

#include <array>
#include <cstddef>

namespace ncpeh::translators::fhir {

namespace {

struct status_names {
    nll_status status;
    std::string_view code;
    std::string_view fhir;
};

constexpr std::array<status_names, 5> table{{
    {nll_status::aktiv, "aktiv", "active"},
    {nll_status::parkerad, "parkerad", "on-hold"},
    {nll_status::slutexpedierad, "slutexpedierad", "completed"},
    {nll_status::avslutad, "avslutad", "stopped"},
    {nll_status::makulerad, "makulerad", "cancelled"},
}};

}  // namespace

std::string_view code_of(nll_status status) noexcept {
    return table[static_cast<std::size_t>(status)].code;
}

std::string_view fhir_status_of(nll_status status) noexcept {
    return table[static_cast<std::size_t>(status)].fhir;
}

std::optional<nll_status> parse_nll_status(std::string_view code) noexcept {
    for (const auto& row : table) {
        if (row.code == code) {
            return row.status;
        }
    }
    return std::nullopt;
}

std::optional<nll_status> nll_status_from_fhir(std::string_view fhir_status) noexcept {
    for (const auto& row : table) {
        if (row.fhir == fhir_status) {
            return row.status;
        }
    }
    return std::nullopt;
}

}  // namespace ncpeh::translators::fhir
