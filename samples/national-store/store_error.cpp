#include "samples/national-store/store_error.hpp"

#include <array>
#include <stdexcept>

#include "translators/fhir/operation_outcome.hpp"
#include "translators/fhir/uris.hpp"

namespace ncpeh::samples::national_store {

namespace {

struct row {
    store_error error;
    std::string_view code;
    unsigned status;
    std::string_view issue_type;
};

constexpr std::array<row, 23> table{{
    {store_error::malformed_json, "malformed-json", 400, "structure"},
    {store_error::invalid_resource, "invalid-resource", 400, "structure"},
    {store_error::invalid_personnummer, "invalid-personnummer", 400, "value"},
    {store_error::invalid_identifier, "invalid-identifier", 400, "value"},
    {store_error::invalid_quantity, "invalid-quantity", 422, "business-rule"},
    {store_error::rule_violation, "rule-violation", 422, "business-rule"},
    {store_error::unknown_patient, "unknown-patient", 404, "not-found"},
    {store_error::unknown_prescription, "unknown-prescription", 404, "not-found"},
    {store_error::unknown_dispense, "unknown-dispense", 404, "not-found"},
    {store_error::unknown_medication, "unknown-medication", 404, "not-found"},
    {store_error::unknown_practitioner, "unknown-practitioner", 404, "not-found"},
    {store_error::unknown_endpoint, "unknown-endpoint", 404, "not-supported"},
    {store_error::method_not_allowed, "method-not-allowed", 405, "not-supported"},
    {store_error::prescription_expired, "prescription-expired", 409, "business-rule"},
    {store_error::prescription_not_active, "prescription-not-active", 409, "business-rule"},
    {store_error::no_dispenses_left, "no-dispenses-left", 409, "business-rule"},
    {store_error::dispense_interval, "dispense-interval", 409, "business-rule"},
    {store_error::patient_mismatch, "patient-mismatch", 422, "business-rule"},
    {store_error::product_mismatch, "product-mismatch", 422, "business-rule"},
    {store_error::substitution_not_allowed, "substitution-not-allowed", 422, "business-rule"},
    {store_error::idempotency_conflict, "idempotency-conflict", 409, "conflict"},
    {store_error::unsupported_parameter, "unsupported-parameter", 400, "not-supported"},
    {store_error::internal, "internal", 500, "exception"},
}};

const row& row_of(store_error e) noexcept {
    return table[static_cast<std::size_t>(e)];
}

}  // namespace

std::string_view code_of(store_error e) noexcept {
    return row_of(e).code;
}
unsigned http_status_of(store_error e) noexcept {
    return row_of(e).status;
}
std::string_view issue_type_of(store_error e) noexcept {
    return row_of(e).issue_type;
}

std::optional<store_error> parse_store_error(std::string_view code) noexcept {
    for (const auto& r : table) {
        if (r.code == code) {
            return r.error;
        }
    }
    return std::nullopt;
}

void throw_exception_from_error(const store_failure& f, const boost::source_location&) {
    throw std::runtime_error(std::string(code_of(f.code)) + ": " + f.message);
}

boost::json::object to_operation_outcome(const store_failure& f) {
    namespace fhir = translators::fhir;
    fhir::operation_outcome o;
    fhir::outcome_issue issue;
    issue.severity = f.code == store_error::internal ? "fatal" : "error";
    issue.code = std::string(issue_type_of(f.code));
    issue.details.coding.push_back(
        {std::string(fhir::uris::store_error_system), std::string(code_of(f.code)), ""});
    issue.diagnostics = f.message;
    o.issues.push_back(std::move(issue));
    return fhir::to_json(o);
}

}  // namespace ncpeh::samples::national_store
