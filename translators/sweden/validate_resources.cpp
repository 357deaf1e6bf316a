#include "translators/sweden/validate_resources.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "translators/fhir/fhir_date.hpp"
#include "translators/fhir/uris.hpp"
#include "translators/sweden/check_digit.hpp"
#include "translators/sweden/identifier_formats.hpp"
#include "translators/sweden/identifier_oids.hpp"
#include "translators/sweden/personnummer.hpp"

namespace ncpeh::translators::sweden {

namespace uris = fhir::uris;
using std::chrono::year_month_day;

bool validation_report::ok() const noexcept {
    return std::none_of(problems.begin(), problems.end(),
                        [](const error& e) { return e.level == severity::error; });
}

const error& validation_report::first_error() const {
    return *std::find_if(problems.begin(), problems.end(),
                         [](const error& e) { return e.level == severity::error; });
}

namespace {

/// Collects problems with the element path in front of each message.
class collector {
  public:
    explicit collector(validation_report& report) : report_(report) {}

    void add(std::string element, std::string message, std::string rule,
             severity level = severity::error) {
        error e{errc::fhir_invalid, level, element + ": " + message, {}};
        e.with("element", std::move(element)).with("rule", std::move(rule));
        report_.problems.push_back(std::move(e));
    }

    /// Adds `r`'s error (if any) under `element`.
    void check(const std::string& element, const result<void>& r) {
        if (!r) {
            add(element, r.error().message, std::string(r.error().context_value("rule")));
        }
    }

    std::optional<year_month_day> date(const std::string& element, const std::string& text,
                                       bool required) {
        if (text.empty()) {
            if (required) {
                add(element, "is required", "required");
            }
            return std::nullopt;
        }
        auto parsed = fhir::parse_fhir_date(text);
        if (!parsed) {
            add(element, parsed.error().message, std::string(parsed.error().context_value("rule")));
            return std::nullopt;
        }
        return *parsed;
    }

  private:
    validation_report& report_;
};

bool is_personnummer_system(std::string_view s) {
    return s == uris::personnummer || s == personnummer_oid_urn;
}

bool is_samordningsnummer_system(std::string_view s) {
    return s == uris::samordningsnummer || s == samordningsnummer_oid_urn;
}

void check_medication(collector& c, const fhir::medication& m) {
    const auto pack = fhir::npl_pack_id(m);
    const auto product = fhir::npl_id(m);
    const auto vnr = fhir::varunummer(m);
    if (pack.empty() && vnr.empty()) {
        c.add("Medication.identifier", "needs an NPL-pack-id (medicines) or a varunummer",
              "medication.identifier");
    }
    if (!pack.empty()) {
        c.check("Medication.identifier:nplpackid", validate_npl_pack_id(pack));
        if (validate_npl_pack_id(pack) && !has_npl_check_digit(pack)) {
            c.add("Medication.identifier:nplpackid",
                  "the last digit is not the GS1 check digit seen on all NPL ids",
                  "npl_pack_id.check_digit", severity::warning);
        }
        if (product.empty()) {
            c.add("Medication.code.coding:nplId", "is required with an NPL-pack-id",
                  "medication.nplid");
        }
    }
    if (!product.empty()) {
        c.check("Medication.code.coding:nplId", validate_npl_id(product));
        if (validate_npl_id(product) && !has_npl_check_digit(product)) {
            c.add("Medication.code.coding:nplId",
                  "the last digit is not the GS1 check digit seen on all NPL ids",
                  "npl_id.check_digit", severity::warning);
        }
        if (!pack.empty() && pack.substr(0, 8) != product.substr(0, 8)) {
            c.add("Medication.identifier:nplpackid",
                  "an NPL-pack-id and its NPL-id normally share the registration date",
                  "npl_pack_id.product", severity::warning);
        }
    }
    if (!vnr.empty()) {
        c.check("Medication.identifier:varunr", validate_varunummer(vnr));
    }
    if (m.amount && m.amount->numerator.value && *m.amount->numerator.value <= 0) {
        c.add("Medication.amount.numerator", "must be positive", "quantity.positive");
    }
}

}  // namespace

validation_report validate_patient(const fhir::patient& p) {
    validation_report report;
    collector c(report);
    const auto* id = fhir::national_identifier(p);
    if (!id) {
        c.add("Patient.identifier", "needs a personnummer or samordningsnummer",
              "patient.identifier");
        return report;
    }
    auto checked = validate_personnummer(id->value);
    if (!checked) {
        c.add("Patient.identifier", checked.error().message,
              std::string(checked.error().context_value("rule")));
        return report;
    }
    const bool samordning = checked->kind == personal_identity_kind::samordningsnummer;
    if (samordning && is_personnummer_system(id->system)) {
        c.add("Patient.identifier.system",
              "the number is a samordningsnummer (day + 60) but the system says personnummer",
              "personnummer.system");
    }
    if (!samordning && is_samordningsnummer_system(id->system)) {
        c.add("Patient.identifier.system",
              "the number is a personnummer but the system says samordningsnummer",
              "personnummer.system");
    }
    if (auto birth = c.date("Patient.birthDate", p.birth_date, false)) {
        if (*birth != checked->birth_date) {
            c.add("Patient.birthDate", "differs from the date in the personal identity number",
                  "patient.birth_date");
        }
    }
    return report;
}

validation_report validate_medication_request(const fhir::medication_request& m) {
    validation_report report;
    collector c(report);
    if (m.id.empty()) {
        c.add("MedicationRequest.id", "is required", "required");
    }
    if (m.intent != "order" && m.intent != "plan") {
        c.add("MedicationRequest.intent", "must be order (or plan, seen in EHM tests)",
              "medication_request.intent");
    }
    if (!m.subject.reference.starts_with("Patient/") && !m.contained_patient) {
        c.add("MedicationRequest.subject", "must reference Patient/<id> or a contained Patient",
              "medication_request.subject");
    }
    // Status: the Swedish status and the FHIR status must agree.
    const auto effective = fhir::effective_nll_status(m);
    if (!effective) {
        c.add("MedicationRequest.status", "is not a status NLL uses", "medication_request.status");
    } else if (m.nll_status && !m.status.empty() &&
               fhir::fhir_status_of(*m.nll_status) != m.status) {
        c.add("MedicationRequest.status",
              "does not match the Swedish status " + std::string(fhir::code_of(*m.nll_status)),
              "medication_request.status");
    }
    // Prescriber.
    if (m.requester.reference !=
        "#" + (m.prescriber ? m.prescriber->id : std::string("prescriber"))) {
        c.add("MedicationRequest.requester", "must reference the contained prescriber",
              "medication_request.requester");
    }
    if (!m.prescriber) {
        c.add("MedicationRequest.contained", "needs the prescriber (Practitioner)",
              "medication_request.prescriber");
    } else {
        const auto code = fhir::prescriber_code(*m.prescriber);
        if (code.empty()) {
            c.add("Practitioner.identifier", "needs a förskrivarkod", "forskrivarkod.required");
        } else {
            c.check("Practitioner.identifier:forskrivarkod", validate_forskrivarkod(code));
        }
    }
    if (m.prescriber_location) {
        for (const auto& i : m.prescriber_location->identifiers) {
            if (i.system == organisationsnummer_oid_urn) {
                c.check("Location.identifier:organisationsnummer",
                        validate_organisationsnummer(i.value));
            }
            if (i.system == hsa_id_oid_urn || i.system == hsa_id_inera_oid_urn) {
                c.check("Location.identifier:hsaid", validate_hsa_id(i.value));
            }
        }
    }
    // Product.
    if (m.medication) {
        if (!m.medication_reference ||
            m.medication_reference->reference != "#" + m.medication->id) {
            c.add("MedicationRequest.medicationReference",
                  "must reference the contained Medication", "medication_request.medication");
        }
        check_medication(c, *m.medication);
    } else if (!m.medication_codeable_concept) {
        c.add("MedicationRequest.medication[x]", "is required", "medication_request.medication");
    }
    // Dates.
    const auto authored = c.date("MedicationRequest.authoredOn", m.authored_on, true);
    if (!m.dispense_request) {
        c.add("MedicationRequest.dispenseRequest", "is required", "required");
    } else {
        const auto& d = *m.dispense_request;
        if (!d.workplace_code.empty() && !is_all_digits(d.workplace_code)) {
            c.add("MedicationRequest.dispenseRequest.extension:NLLWorkplacecode",
                  "an arbetsplatskod is digits only", "arbetsplatskod.format");
        }
        if (!d.validity_period) {
            c.add("MedicationRequest.dispenseRequest.validityPeriod", "is required", "required");
        } else {
            const auto start = c.date("MedicationRequest.dispenseRequest.validityPeriod.start",
                                      d.validity_period->start, true);
            const auto end = c.date("MedicationRequest.dispenseRequest.validityPeriod.end",
                                    d.validity_period->end, true);
            if (end && authored && *end < *authored) {
                c.add("MedicationRequest.dispenseRequest.validityPeriod.end",
                      "sista giltighetsdag is before the issue date (authoredOn)",
                      "dates.validity_end");
            }
            if (start && end && *end < *start) {
                c.add("MedicationRequest.dispenseRequest.validityPeriod", "end is before start",
                      "dates.validity_order");
            }
        }
        if (!d.number_of_dispenses_allowed) {
            c.add("MedicationRequest.dispenseRequest.extension:NLLNumberOfDispensesAllowed",
                  "is required", "required");
        } else {
            if (*d.number_of_dispenses_allowed < 1) {
                c.add("MedicationRequest.dispenseRequest.extension:NLLNumberOfDispensesAllowed",
                      "must be at least 1", "quantity.dispenses");
            }
            if (d.number_of_repeats_allowed &&
                *d.number_of_repeats_allowed + 1 != *d.number_of_dispenses_allowed) {
                c.add("MedicationRequest.dispenseRequest.numberOfRepeatsAllowed",
                      "must be NLLNumberOfDispensesAllowed − 1", "quantity.repeats");
            }
            if (m.remaining_dispenses &&
                (*m.remaining_dispenses < 0 ||
                 *m.remaining_dispenses > *d.number_of_dispenses_allowed)) {
                c.add("MedicationRequest.extension:remaining-dispenses",
                      "must be between 0 and the dispenses allowed", "quantity.remaining");
            }
        }
        if (d.number_of_packages_prescribed && *d.number_of_packages_prescribed < 1) {
            c.add("MedicationRequest.dispenseRequest.extension:NLLNumberOfPackagesPrescribed",
                  "must be at least 1", "quantity.packages");
        }
        if (!d.number_of_packages_prescribed && !d.quantity) {
            c.add("MedicationRequest.dispenseRequest",
                  "needs NLLNumberOfPackagesPrescribed or quantity", "quantity.required");
        }
        if (d.quantity && (!d.quantity->value || *d.quantity->value <= 0)) {
            c.add("MedicationRequest.dispenseRequest.quantity", "must be positive",
                  "quantity.positive");
        }
        if (d.dispense_interval) {
            const auto& i = *d.dispense_interval;
            if (!i.value || *i.value < 0) {
                c.add("MedicationRequest.dispenseRequest.dispenseInterval",
                      "must be zero or more days", "quantity.interval");
            }
            if (i.code != "d") {
                c.add("MedicationRequest.dispenseRequest.dispenseInterval.code",
                      "must be the UCUM unit d (days)", "quantity.interval_unit");
            }
        }
    }
    for (const auto& dosage : m.dosage_instruction) {
        if (dosage.dose_quantity &&
            (!dosage.dose_quantity->value || *dosage.dose_quantity->value <= 0)) {
            c.add("MedicationRequest.dosageInstruction.doseAndRate.doseQuantity",
                  "must be positive", "quantity.positive");
        }
    }
    return report;
}

validation_report validate_medication_dispense(const fhir::medication_dispense& d) {
    validation_report report;
    collector c(report);
    if (d.actor_dispatch_id.empty()) {
        c.add("MedicationDispense.extension:NLLActorDispatchId", "is required",
              "dispense.actor_dispatch_id");
    }
    static constexpr std::array<std::string_view, 8> statuses{
        "preparation", "in-progress",      "cancelled", "on-hold",
        "completed",   "entered-in-error", "stopped",   "declined"};
    if (std::find(statuses.begin(), statuses.end(), d.status) == statuses.end()) {
        c.add("MedicationDispense.status", "is not a FHIR MedicationDispense status",
              "dispense.status");
    }
    if (d.subject.reference.empty()) {
        c.add("MedicationDispense.subject", "is required", "required");
    }
    if (d.medication.coding.empty() && d.medication.text.empty()) {
        c.add("MedicationDispense.medicationCodeableConcept", "is required", "required");
    }
    for (const auto& coding : d.medication.coding) {
        if (coding.system == uris::nplpackid || coding.system == uris::nplpackid_2019) {
            c.check("MedicationDispense.medicationCodeableConcept.coding:nplpackid",
                    validate_npl_pack_id(coding.code));
        } else if (coding.system == uris::nplid || coding.system == uris::nplid_2019) {
            c.check("MedicationDispense.medicationCodeableConcept.coding:nplid",
                    validate_npl_id(coding.code));
        }
    }
    if (!d.quantity || !d.quantity->value) {
        c.add("MedicationDispense.quantity", "is required", "required");
    } else if (*d.quantity->value <= 0) {
        c.add("MedicationDispense.quantity", "must be positive", "quantity.positive");
    }
    if (d.number_of_packages_dispensed && *d.number_of_packages_dispensed < 1) {
        c.add("MedicationDispense.extension:NLLNumberOfPackagesDispensed", "must be at least 1",
              "quantity.packages");
    }
    if (d.deducted_quantity && *d.deducted_quantity < 0) {
        c.add("MedicationDispense.extension:NLLDeductedQuantity", "must not be negative",
              "quantity.deducted");
    }
    const auto handed = c.date("MedicationDispense.whenHandedOver", d.when_handed_over, true);
    if (handed && d.when_handed_over.size() == 10) {
        c.add("MedicationDispense.whenHandedOver", "must be a dateTime, not only a date",
              "date.time");
    }
    if (!d.location) {
        c.add("MedicationDispense.location", "is required (the pharmacy)", "required");
    } else {
        constexpr std::string_view prefix = "Location/";
        const auto& ref = d.location->reference;
        // A foreign pharmacy of a cross-border dispense has no GLN: it is a contained Location.
        const bool contained_foreign_pharmacy =
            d.cross_border.value_or(false) && ref.starts_with("#") &&
            std::any_of(d.other_contained.begin(), d.other_contained.end(),
                        [&ref](const boost::json::object& r) {
                            const auto* type = r.if_contains("resourceType");
                            const auto* id = r.if_contains("id");
                            return type && id && type->is_string() && id->is_string() &&
                                   type->get_string() == "Location" &&
                                   "#" + std::string(id->get_string()) == ref;
                        });
        if (!contained_foreign_pharmacy && !ref.starts_with(prefix)) {
            c.add("MedicationDispense.location",
                  "must be Location/<GLN> (or, for a cross-border dispense, a contained Location)",
                  "dispense.location");
        } else if (!contained_foreign_pharmacy &&
                   !std::string_view(ref).substr(prefix.size()).starts_with("foreign-")) {
            c.check("MedicationDispense.location", validate_gln(ref.substr(prefix.size())));
        }
    }
    if (fhir::is_paper_prescription_dispense(d)) {
        if (!d.paper_prescription) {
            c.add("MedicationDispense.extension:paper-prescription-details",
                  "is required for a paper/foreign prescription dispense", "dispense.paper");
        } else {
            const auto& p = *d.paper_prescription;
            const bool resolves =
                std::any_of(d.contained_practitioners.begin(), d.contained_practitioners.end(),
                            [&p](const fhir::practitioner& pr) {
                                return p.prescriber.reference == "#" + pr.id;
                            });
            if (!resolves) {
                c.add("MedicationDispense.extension:paper-prescription-details.prescriber",
                      "must reference a contained Practitioner", "dispense.paper_prescriber");
            }
            const auto issued = c.date(
                "MedicationDispense.extension:paper-prescription-details.issued", p.issued, true);
            if (issued && handed && *issued > *handed) {
                c.add("MedicationDispense.extension:paper-prescription-details.issued",
                      "is after the hand-over", "dates.issued_after_dispense");
            }
        }
        if (!d.authorizing_prescription.empty()) {
            c.add("MedicationDispense.authorizingPrescription",
                  "a paper/foreign prescription dispense has no NLL prescription",
                  "dispense.paper_authorizing");
        }
    } else if (d.authorizing_prescription.empty() ||
               !d.authorizing_prescription.front().reference.starts_with("MedicationRequest/")) {
        c.add("MedicationDispense.authorizingPrescription", "must reference MedicationRequest/<id>",
              "dispense.authorizing");
    }
    return report;
}

validation_report validate_consent(const fhir::consent& con) {
    validation_report report;
    collector c(report);
    static constexpr std::array<std::string_view, 6> statuses{
        "draft", "proposed", "active", "rejected", "inactive", "entered-in-error"};
    if (std::find(statuses.begin(), statuses.end(), con.status) == statuses.end()) {
        c.add("Consent.status", "is not a FHIR Consent status", "consent.status");
    }
    if (!con.patient.reference.starts_with("Patient/")) {
        c.add("Consent.patient", "must reference Patient/<id>", "consent.patient");
    }
    if (!fhir::is_cross_border_consent(con)) {
        c.add("Consent.category", "must carry the cross-border ePrescription category",
              "consent.category");
    }
    if (con.provision_type != "permit" && con.provision_type != "deny") {
        c.add("Consent.provision.type", "must be permit or deny", "consent.provision");
    }
    c.date("Consent.dateTime", con.date_time, false);
    if (con.provision_period) {
        const auto start =
            c.date("Consent.provision.period.start", con.provision_period->start, false);
        const auto end = c.date("Consent.provision.period.end", con.provision_period->end, false);
        if (start && end && *end < *start) {
            c.add("Consent.provision.period", "end is before start", "dates.validity_order");
        }
    }
    return report;
}

}  // namespace ncpeh::translators::sweden
