#pragma once

#include <vector>

#include "translators/fhir/bundle.hpp"
#include "trust/error/error.hpp"

namespace ncpeh::translators::eprescription_l3 {

/// A prescription with the patient it is for, both owned by the bundle.
struct prescription_with_patient {
    const fhir::medication_request* request = nullptr;
    const fhir::patient* patient = nullptr;
};

/// Every MedicationRequest of `bundle` with its patient: the Patient the `subject` reference
/// names ("Patient/<id>" or the entry's fullUrl), or the contained patient. Errors: ep_generic
/// naming the prescription when its patient is not in the bundle.
result<std::vector<prescription_with_patient>> prescriptions_in_bundle(const fhir::bundle& bundle);

}  // namespace ncpeh::translators::eprescription_l3
