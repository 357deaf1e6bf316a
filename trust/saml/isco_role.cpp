#include "trust/saml/isco_role.hpp"

#include <array>
#include <utility>

namespace ncpeh::trust::saml {

namespace {
constexpr std::array<std::pair<std::string_view, std::string_view>, 13> isco_roles{{
    {"221", "Medical Doctors"},
    {"2221", "Nursing professionals"},
    {"2222", "Midwifery professionals"},
    {"2261", "Dentists"},
    {"2262", "Pharmacists"},
    {"3213", "Pharmaceutical technicians and assistants"},
    {"2264", "Physiotherapists"},
    {"2265", "Dieticians and nutritionists"},
    {"2266", "Audiologists and speech therapists"},
    {"2267", "Optometrists and ophthalmic opticians"},
    {"2269", "Health professionals not elsewhere classified"},
    {"3211", "Medical imaging and therapeutic equipment technicians"},
    {"44", "Other Clerical Support Workers"},
}};
}  // namespace

std::optional<std::string_view> isco_role_display_name(std::string_view code) noexcept {
    for (const auto& [known, display] : isco_roles) {
        if (known == code) {
            return display;
        }
    }
    return std::nullopt;
}

}  // namespace ncpeh::trust::saml
