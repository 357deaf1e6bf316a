#include "translators/cda/administrative_gender.hpp"

namespace ncpeh::translators::cda {

std::string hl7_gender_of(std::string_view fhir_gender) {
    if (fhir_gender == "male") {
        return "M";
    }
    if (fhir_gender == "female") {
        return "F";
    }
    return "UN";
}

std::string fhir_gender_of(std::string_view hl7_gender) {
    if (hl7_gender == "F") {
        return "female";
    }
    if (hl7_gender == "M") {
        return "male";
    }
    return hl7_gender == "UN" ? "other" : "unknown";
}

bool is_fhir_gender(std::string_view text) noexcept {
    return text == "male" || text == "female" || text == "other" || text == "unknown";
}

}  // namespace ncpeh::translators::cda
