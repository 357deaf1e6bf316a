#pragma once

#include <boost/json/value.hpp>

#include <chrono>
#include <string_view>
#include <utility>
#include <vector>

#include "gateway/national_store/national_store.hpp"
#include "gateway/national_store/store_errors.hpp"
#include "translators/fhir/bundle.hpp"

namespace ncpeh::gateway::national_store {

// Reading the store's successful answers into the FHIR model. An answer of another shape is
// `national_data_access_failure` (4104). Pure.

/// The resource of `body`, read by `parse` (one of `translators::fhir::parse_*`).
template <class T, class Parse>
result<T> resource_of(const boost::json::value& body, Parse parse) {
    auto parsed = parse(body);
    if (!parsed) {
        return bad_store_answer("the national store answered with an unusable resource: " +
                                parsed.error().message);
    }
    return std::move(*parsed);
}

/// The resources of type `T` in the searchset Bundle `body`.
template <class T>
result<std::vector<T>> search_results_of(const boost::json::value& body) {
    auto bundle = translators::fhir::parse_bundle(body);
    if (!bundle) {
        return bad_store_answer("the national store answered with an unusable Bundle: " +
                                bundle.error().message);
    }
    std::vector<T> out;
    for (const auto* r : translators::fhir::resources_of<T>(*bundle)) {
        out.push_back(*r);
    }
    return out;
}

/// The one patient a search by personnummer found. Errors: `patient_not_found` for none,
/// `patient_multiple_matches` for several.
result<translators::fhir::patient> only_patient(std::vector<translators::fhir::patient> patients);

/// Splits the searchset of `find_patient_with_consents` into the one matched Patient and the
/// included Consents, with that method's errors (4104 when an included Consent is not the
/// matched patient's).
result<patient_with_consents> patient_with_consents_of(const boost::json::value& searchset);

/// The resources of the searchset Bundle `body` as written (their JSON objects), checking that
/// each is a `resource_type`. Used where the typed model drops what the answer needs.
result<std::vector<boost::json::object>> search_objects_of(const boost::json::value& body,
                                                           std::string_view resource_type);

/// The licence of the one register Practitioner of `legitimationskod` in `found` (the matches
/// of a search), judged on `today`. `qualification.period` is read from the JSON, as the
/// typed model does not keep it. Errors: `pharmacist_not_licensed` for none; 4104 for several,
/// or for one that is unreadable or carries another legitimationskod.
result<practitioner_licence> practitioner_licence_of(const std::vector<boost::json::object>& found,
                                                     std::string_view legitimationskod,
                                                     std::chrono::year_month_day today);

}  // namespace ncpeh::gateway::national_store
