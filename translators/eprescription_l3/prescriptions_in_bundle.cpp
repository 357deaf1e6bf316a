#include "translators/eprescription_l3/prescriptions_in_bundle.hpp"

namespace ncpeh::translators::eprescription_l3 {

result<std::vector<prescription_with_patient>> prescriptions_in_bundle(const fhir::bundle& bundle) {
    std::vector<prescription_with_patient> found;
    for (const fhir::bundle_entry& entry : bundle.entries) {
        const auto* request = std::get_if<fhir::medication_request>(&entry.resource);
        if (request == nullptr) {
            continue;
        }
        const fhir::patient* patient =
            request->contained_patient ? &*request->contained_patient : nullptr;
        const std::string& reference = request->subject.reference;
        for (const fhir::bundle_entry& candidate : bundle.entries) {
            const auto* person = std::get_if<fhir::patient>(&candidate.resource);
            if (person != nullptr &&
                (reference == "Patient/" + person->id || reference == candidate.full_url)) {
                patient = person;
                break;
            }
        }
        if (patient == nullptr) {
            return make_error(errc::ep_generic, "the prescription's patient is not in the bundle")
                .with("prescription", request->id);
        }
        found.push_back({request, patient});
    }
    return found;
}

}  // namespace ncpeh::translators::eprescription_l3
