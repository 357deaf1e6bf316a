#pragma once

#include <chrono>

#include "gateway/ncp_a/responder_settings.hpp"
#include "translators/eprescription_l3/document_id.hpp"
#include "translators/eprescription_l3/make_eprescription.hpp"
#include "translators/fhir/medication_request.hpp"
#include "translators/fhir/patient.hpp"

namespace ncpeh::gateway::ncp_a {

/// The ePrescription model of one Swedish prescription as published to a foreign pharmacy at
/// `now`, with the deterministic document id of `level` (`eprescription_document_id`).
/// Errors: those of `make_eprescription`.
result<translators::eprescription_l3::eprescription_model> model_prescription(
    const responder_settings& settings, const translators::fhir::medication_request& request,
    const translators::fhir::patient& patient, translators::eprescription_l3::document_level level,
    std::chrono::system_clock::time_point now);

}  // namespace ncpeh::gateway::ncp_a
