#include "translators/eprescription_l3/fhir_to_cda.hpp"

#include <charconv>

namespace ncpeh::translators::eprescription_l3 {

cda::telecom to_telecom(const fhir::contact_point& point) {
    if (point.system == "email") {
        return {"WP", "mailto:" + point.value, {}};
    }
    std::string digits;
    for (char c : point.value) {
        if ((c >= '0' && c <= '9') || (c == '+' && digits.empty())) {
            digits.push_back(c);
        }
    }
    if (digits.empty()) {
        return {};
    }
    if (digits.starts_with("00")) {
        digits = "+" + digits.substr(2);
    } else if (digits.starts_with("0")) {
        digits = "+46" + digits.substr(1);
    }
    return {"WP", "tel:" + digits, {}};
}

std::string format_number(double value) {
    char buffer[32];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return ec == std::errc{} ? std::string(buffer, end) : std::string{};
}

cda::coded_value to_coded(const terminology::coded_concept& entry) {
    return {entry.code, entry.code_system, entry.code_system_name, {}, entry.display, {}, {}, {}};
}

}  // namespace ncpeh::translators::eprescription_l3
