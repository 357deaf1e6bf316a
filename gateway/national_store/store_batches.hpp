#pragma once

#include <boost/json/value.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/national_store/national_store.hpp"

namespace ncpeh::gateway::national_store {

// FHIR `batch` requests of reads, which the store answers in one exchange, and their
// `batch-response` (samples/national-store/store_routes.hpp). Pure.

/// The most reads in one batch (the reference store's limit).
inline constexpr std::size_t max_batch_entries = 64;

/// A batch (JSON text) searching the patient with their consents, then reading
/// `prescription_ids[0, count)`.
std::string patient_and_prescriptions_batch(std::string_view personnummer,
                                            const std::vector<std::string>& prescription_ids,
                                            std::size_t count);

/// A batch (JSON text) reading `prescription_ids[from, from + count)`.
std::string prescriptions_batch(const std::vector<std::string>& prescription_ids, std::size_t from,
                                std::size_t count);

/// Reads the batch-response of `patient_and_prescriptions_batch`: entry 0 the patient search,
/// then `prescription_count` prescription reads, each with its own outcome. A failed patient
/// search fails as `find_patient_with_consents` would; a response of another shape or length
/// is 4104.
result<patient_with_prescriptions> patient_with_prescriptions_of(
    const boost::json::value& batch_response, std::size_t prescription_count);

/// Reads the batch-response of `prescriptions_batch` (`prescription_count` reads).
result<std::vector<result<translators::fhir::medication_request>>> prescriptions_of(
    const boost::json::value& batch_response, std::size_t prescription_count);

}  // namespace ncpeh::gateway::national_store
