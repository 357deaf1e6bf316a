#include "translators/sweden/cross_border_dispensability.hpp"

#include <algorithm>
#include <array>

#include "translators/fhir/fhir_date.hpp"
#include "translators/fhir/uris.hpp"
#include "translators/sweden/identifier_oids.hpp"
#include "translators/sweden/personnummer.hpp"

namespace ncpeh::translators::sweden {

namespace uris = fhir::uris;

std::string_view name_of(cross_border_refusal reason) noexcept {
    static constexpr std::array<std::string_view, 12> names{"not_aktiv",
                                                            "expired",
                                                            "no_dispenses_left",
                                                            "interval_not_passed",
                                                            "not_electronic",
                                                            "dose_dispensed",
                                                            "narcotic",
                                                            "special_article",
                                                            "not_medicinal_product",
                                                            "no_personnummer",
                                                            "protected_identity",
                                                            "no_consent"};
    return names[static_cast<std::size_t>(reason)];
}

namespace {

bool has_personnummer(const fhir::patient& p) {
    const auto* id = fhir::national_identifier(p);
    if (!id || (id->system != uris::personnummer && id->system != personnummer_oid_urn)) {
        return false;
    }
    auto checked = validate_personnummer(id->value);
    return checked && checked->kind == personal_identity_kind::personnummer;
}

bool is_special_article(const fhir::medication& m) {
    if (!m.article_info || !m.article_info->product_type) {
        return false;
    }
    const auto& code = m.article_info->product_type->code;
    return code == "licens" || code == "extempore" || code == "lagerberedning" || code == "special";
}

}  // namespace

std::vector<cross_border_refusal> cross_border_refusals(const fhir::patient& patient,
                                                        const std::vector<fhir::consent>& consents,
                                                        const fhir::medication_request& m,
                                                        std::chrono::year_month_day today) {
    std::vector<cross_border_refusal> out;
    using enum cross_border_refusal;
    if (fhir::effective_nll_status(m) != fhir::nll_status::aktiv) {
        out.push_back(not_aktiv);
    }
    const auto* d = m.dispense_request ? &*m.dispense_request : nullptr;
    if (!d || !d->validity_period) {
        out.push_back(expired);
    } else {
        auto end = fhir::parse_fhir_date(d->validity_period->end);
        if (!end || *end < today) {
            out.push_back(expired);
        }
    }
    const long long remaining = m.remaining_dispenses.value_or(
        d && d->number_of_dispenses_allowed ? *d->number_of_dispenses_allowed : 0);
    if (remaining <= 0) {
        out.push_back(no_dispenses_left);
    }
    if (d && d->dispense_interval && d->dispense_interval->value && !m.last_dispensed.empty()) {
        auto last = fhir::parse_fhir_date(m.last_dispensed);
        if (!last || fhir::days_between(*last, today) < *d->dispense_interval->value) {
            out.push_back(interval_not_passed);
        }
    }
    if (!m.prescription_format || m.prescription_format->code != "ELECTRONIC") {
        out.push_back(not_electronic);
    }
    if (d && d->dose_packaging.value_or(false)) {
        out.push_back(dose_dispensed);
    }
    if (m.medication && m.medication->article_regulations &&
        m.medication->article_regulations->narcotic_classification &&
        !m.medication->article_regulations->narcotic_classification->code.empty() &&
        m.medication->article_regulations->narcotic_classification->code != "0") {
        out.push_back(narcotic);
    }
    if (m.medication && is_special_article(*m.medication)) {
        out.push_back(special_article);
    }
    if (!m.medication || fhir::npl_pack_id(*m.medication).empty() ||
        (m.medication->article_info && m.medication->article_info->medicinal_product == false)) {
        out.push_back(not_medicinal_product);
    }
    if (m.contained_patient) {
        out.push_back(no_personnummer);
    }
    for (cross_border_refusal reason : patient_cross_border_refusals(patient, consents, today)) {
        if (reason != no_personnummer || !m.contained_patient) {
            out.push_back(reason);
        }
    }
    return out;
}

std::vector<cross_border_refusal> patient_cross_border_refusals(
    const fhir::patient& patient, const std::vector<fhir::consent>& consents,
    std::chrono::year_month_day today) {
    std::vector<cross_border_refusal> out;
    using enum cross_border_refusal;
    if (!has_personnummer(patient)) {
        out.push_back(no_personnummer);
    }
    if (fhir::has_protected_identity(patient)) {
        out.push_back(protected_identity);
    }
    const auto today_text = fhir::format_fhir_date(today);
    const bool consented = std::any_of(consents.begin(), consents.end(), [&](const auto& c) {
        return c.patient.reference == "Patient/" + patient.id &&
               fhir::permits_cross_border(c, today_text);
    });
    if (!consented) {
        out.push_back(no_consent);
    }
    return out;
}

patient_visibility visibility_of(
    const std::vector<cross_border_refusal>& patient_refusals) noexcept {
    if (patient_refusals.empty()) {
        return patient_visibility::visible;
    }
    const bool only_consent_missing =
        std::all_of(patient_refusals.begin(), patient_refusals.end(),
                    [](cross_border_refusal r) { return r == cross_border_refusal::no_consent; });
    return only_consent_missing ? patient_visibility::no_consent : patient_visibility::hidden;
}

bool is_dispensable_cross_border(const fhir::patient& patient,
                                 const std::vector<fhir::consent>& consents,
                                 const fhir::medication_request& prescription,
                                 std::chrono::year_month_day today) {
    return cross_border_refusals(patient, consents, prescription, today).empty();
}

}  // namespace ncpeh::translators::sweden
