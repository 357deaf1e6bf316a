#include "gateway/national_store/store_answers.hpp"

#include <string>

namespace ncpeh::gateway::national_store {

namespace fhir = translators::fhir;

result<fhir::patient> only_patient(std::vector<fhir::patient> patients) {
    if (patients.empty()) {
        return make_error(errc::patient_not_found,
                          "no patient in the national store has this identifier");
    }
    if (patients.size() > 1) {
        return make_error(errc::patient_multiple_matches,
                          "several patients in the national store share this identifier");
    }
    return std::move(patients.front());
}

result<patient_with_consents> patient_with_consents_of(const boost::json::value& searchset) {
    auto bundle = fhir::parse_bundle(searchset);
    if (!bundle) {
        return bad_store_answer("the national store answered with an unusable Bundle: " +
                                bundle.error().message);
    }
    std::vector<fhir::patient> matches;
    std::vector<fhir::consent> consents;
    for (auto& entry : bundle->entries) {
        auto* patient = std::get_if<fhir::patient>(&entry.resource);
        auto* consent = std::get_if<fhir::consent>(&entry.resource);
        if (entry.search_mode == "match" && patient) {
            matches.push_back(std::move(*patient));
        } else if (entry.search_mode == "include" && consent) {
            consents.push_back(std::move(*consent));
        } else if (entry.search_mode != "outcome") {
            return bad_store_answer("the national store answered the patient search with a " +
                                    std::string(fhir::resource_type_of(entry.resource)) +
                                    " entry of search mode \"" + entry.search_mode + "\"");
        }
    }
    auto patient = only_patient(std::move(matches));
    if (!patient) {
        return patient.error();
    }
    // Consents decide what leaves the country: one filed under another patient must not count.
    const std::string reference = "Patient/" + patient->id;
    for (const auto& c : consents) {
        if (c.patient.reference != reference) {
            return bad_store_answer("the national store included a Consent of another patient");
        }
    }
    return patient_with_consents{std::move(*patient), std::move(consents)};
}

}  // namespace ncpeh::gateway::national_store
