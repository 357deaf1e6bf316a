#pragma once

#include <boost/json/object.hpp>
#include <boost/system/result.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace ncpeh::samples::national_store {

/// Every refusal of the reference national store. Each has one HTTP status and one code in
/// `uris::store_error_system`, written into `OperationOutcome.issue.details` so clients can
/// tell the cases apart without parsing text.
enum class store_error {
    malformed_json,            ///< 400 the body is not JSON
    invalid_resource,          ///< 400 the body is JSON but not the expected resource shape
    invalid_personnummer,      ///< 400 the patient identifier fails format/date/Luhn
    invalid_identifier,        ///< 400 another identifier (NPL-pack-id, …) is malformed
    invalid_quantity,          ///< 422 quantity or packages out of range
    rule_violation,            ///< 422 a content rule failed (message says which)
    unknown_patient,           ///< 404
    unknown_prescription,      ///< 404
    unknown_dispense,          ///< 404
    unknown_medication,        ///< 404
    unknown_practitioner,      ///< 404 no practitioner with this id in the register
    unknown_endpoint,          ///< 404 no such path
    method_not_allowed,        ///< 405
    prescription_expired,      ///< 409 validityPeriod.end is before today
    prescription_not_active,   ///< 409 status parkerad / makulerad / avslutad
    no_dispenses_left,         ///< 409 slutexpedierad: all uttag used (already dispensed)
    dispense_interval,         ///< 409 expeditionsintervall not yet passed
    patient_mismatch,          ///< 422 the dispense's subject is not the prescription's patient
    product_mismatch,          ///< 422 another product dispensed without wasSubstituted
    substitution_not_allowed,  ///< 422 substitution although the prescriber forbade it
    idempotency_conflict,      ///< 409 actor dispatch id reused for another prescription
    unsupported_parameter,     ///< 400 a search parameter the store does not implement
    internal,                  ///< 500
};

/// "malformed-json", "unknown-prescription", … (the code in OperationOutcome).
std::string_view code_of(store_error e) noexcept;
/// The HTTP status for `e`.
unsigned http_status_of(store_error e) noexcept;
/// The FHIR issue type (invalid, not-found, business-rule, conflict, exception, …).
std::string_view issue_type_of(store_error e) noexcept;
/// The store_error for a code, when known.
std::optional<store_error> parse_store_error(std::string_view code) noexcept;

struct store_failure {
    store_error code = store_error::internal;
    std::string message;
};

[[noreturn]] void throw_exception_from_error(const store_failure& f,
                                             const boost::source_location& loc);

template <class T>
using store_result = boost::system::result<T, store_failure>;

/// The OperationOutcome body for `f`.
boost::json::object to_operation_outcome(const store_failure& f);

}  // namespace ncpeh::samples::national_store
