#include "translators/eprescription_to_se_view/swedish_view.hpp"

#include <boost/json/string.hpp>

#include "translators/fhir/json_writer.hpp"
#include "translators/fhir/operation_outcome.hpp"
#include "translators/fhir/uris.hpp"

namespace ncpeh::translators::eprescription_to_se_view {

namespace uris = fhir::uris;

namespace {

fhir::extension candidate_extension(const fhir::medication_request& request,
                                    const product_candidate& candidate) {
    fhir::extension out{std::string(uris::ext_candidate_for), {}, {}, {}};
    out.nested.push_back(fhir::make_extension(
        "prescription", "valueReference",
        fhir::to_json(fhir::reference{"MedicationRequest/" + request.id, {}})));
    out.nested.push_back(fhir::make_extension("match", "valueCode", boost::json::string("atc")));
    if (candidate.form_matches) {
        out.nested.push_back(
            fhir::make_extension("match", "valueCode", boost::json::string("dose-form")));
    }
    if (candidate.strength_matches) {
        out.nested.push_back(
            fhir::make_extension("match", "valueCode", boost::json::string("strength")));
    }
    return out;
}

}  // namespace

fhir::bundle to_bundle(const swedish_view& view) {
    fhir::bundle out;
    out.type = "collection";
    out.entries.push_back({{}, view.patient, {}});
    for (const fhir::medication_request& request : view.prescriptions) {
        out.entries.push_back({{}, request, {}});
    }
    for (std::size_t i = 0; i < view.candidates.size() && i < view.prescriptions.size(); ++i) {
        for (const product_candidate& candidate : view.candidates[i]) {
            fhir::medication product = candidate.product;
            product.extensions.push_back(candidate_extension(view.prescriptions[i], candidate));
            out.entries.push_back({{}, std::move(product), {}});
        }
    }
    if (!view.warnings.empty()) {
        fhir::operation_outcome outcome;
        outcome.id = "se-view-warnings";
        for (const view_warning& warning : view.warnings) {
            fhir::outcome_issue issue;
            issue.severity = "warning";
            issue.code = "business-rule";
            issue.details.coding.push_back(
                {std::string(uris::se_view_warning_system), warning.code, {}});
            issue.diagnostics = warning.message;
            if (!warning.element.empty()) {
                issue.expression.push_back(warning.element);
            }
            outcome.issues.push_back(std::move(issue));
        }
        out.entries.push_back({{}, std::move(outcome), {}});
    }
    return out;
}

}  // namespace ncpeh::translators::eprescription_to_se_view
