#include "gateway/national_store/store_errors.hpp"

#include "translators/fhir/operation_outcome.hpp"
#include "translators/fhir/uris.hpp"

namespace ncpeh::gateway::national_store {

namespace fhir = translators::fhir;

error map_store_failure(unsigned http_status, const boost::json::value& body) {
    std::string code;
    std::string diagnostics;
    if (auto outcome = fhir::parse_operation_outcome(body)) {
        code = fhir::outcome_code(*outcome, fhir::uris::store_error_system);
        if (!outcome->issues.empty()) {
            diagnostics = outcome->issues.front().diagnostics;
        }
    }
    errc mapped = errc::national_data_access_failure;
    if (code == "unknown-prescription") {
        mapped = errc::no_matching_eprescription;
    } else if (code == "no-dispenses-left") {
        mapped = errc::eprescription_already_dispensed;
    } else if (code == "prescription-expired" || code == "prescription-not-active" ||
               code == "dispense-interval") {
        mapped = errc::eprescription_not_dispensable;
    } else if (code == "unknown-patient") {
        mapped = errc::patient_not_found;
    } else if (code == "substitution-not-allowed") {
        mapped = errc::ed_substitution_not_allowed;
    } else if (code == "unknown-dispense") {
        mapped = errc::ed_discard_failed;
    } else if (code == "unknown-practitioner") {
        mapped = errc::pharmacist_not_licensed;
    } else if (code == "malformed-json" || code == "invalid-resource" ||
               code == "invalid-personnummer" || code == "invalid-identifier" ||
               code == "invalid-quantity" || code == "rule-violation" ||
               code == "patient-mismatch" || code == "product-mismatch" ||
               code == "idempotency-conflict") {
        mapped = errc::fhir_invalid;
    }
    std::string message = "national store: ";
    message += diagnostics.empty() ? "HTTP " + std::to_string(http_status) : diagnostics;
    return make_error(mapped, std::move(message))
        .with("store_code", code.empty() ? "none" : code)
        .with("http_status", std::to_string(http_status));
}

error store_unreachable(std::string message) {
    return make_error(errc::national_store_unreachable, std::move(message));
}

error bad_store_answer(std::string message) {
    return make_error(errc::national_data_access_failure, std::move(message));
}

}  // namespace ncpeh::gateway::national_store
