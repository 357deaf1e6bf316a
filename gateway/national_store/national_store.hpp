#pragma once

#include <boost/asio/awaitable.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "translators/fhir/consent.hpp"
#include "translators/fhir/medication.hpp"
#include "translators/fhir/medication_dispense.hpp"
#include "translators/fhir/medication_request.hpp"
#include "translators/fhir/patient.hpp"
#include "trust/error/error.hpp"

namespace ncpeh::gateway::national_store {

/// The outcome of recording a dispense.
struct dispense_receipt {
    translators::fhir::medication_dispense dispense;
    /// True when the store had already recorded this actor dispatch id and answered with the
    /// first result (nothing was applied twice).
    bool replayed = false;
};

/// A patient and their cross-border consents (newest first), as one search answers them.
struct patient_with_consents {
    translators::fhir::patient patient;
    std::vector<translators::fhir::consent> consents;
};

/// A patient with their consents and the prescriptions a request named, read in one exchange.
struct patient_with_prescriptions {
    patient_with_consents found;
    /// One per requested id, in the same order: the prescription, or why it could not be read
    /// (as `read_prescription` reports it).
    std::vector<result<translators::fhir::medication_request>> prescriptions;
};

/// A person of the practitioner register (HOSP-style, by legitimationskod), as the national API
/// needs them: may they dispense a foreign ePrescription?
struct practitioner_licence {
    std::string legitimationskod;
    std::string name;  ///< given names and family name, "Alma Apoteksson"
    /// The profession code (HOSP yrkeskod: AP apotekare, RC receptarie, LK läkare, …) of the
    /// licence the verdict rests on: the pharmacist licence in force, else a pharmacist licence,
    /// else the first; empty when the person holds none.
    std::string profession_code;
    /// Licensed now as a pharmacist: profession AP or RC, the licence's period covering today
    /// (a withdrawn licence has ended) and the register entry not inactive.
    bool licensed_pharmacist = false;
    friend bool operator==(const practitioner_licence&, const practitioner_licence&) = default;
};

/// What the country-A and country-B transactions ask of the national prescription store (the
/// NLL-style API of samples/national-store). In production `national_store_pool` (HTTP clients, one
/// per io_context); in unit tests an in-memory store with the reference store's rules.
///
/// Errors (`ncpeh::error`; see `map_store_failure` for the store's own refusals):
/// * the store cannot be reached or does not answer in time → `national_store_unreachable` (4103)
/// * unknown prescription → `no_matching_eprescription` (4105)
/// * all uttag used (slutexpedierad) → `eprescription_already_dispensed` (4106)
/// * expired / not aktiv / interval not passed → `eprescription_not_dispensable`
/// * unknown or no patient → `patient_not_found`
/// * substitution refused → `ed_substitution_not_allowed`
/// * unknown dispense (reverse) → `ed_discard_failed`
/// * no practitioner with the legitimationskod → `pharmacist_not_licensed`
/// * bad input (malformed, invalid identifiers, quantities, rules) → `fhir_invalid`
/// * anything else (5xx, unusable answers) → `national_data_access_failure` (4104)
class store {
  public:
    virtual ~store() = default;

    /// The patient with this personnummer/samordningsnummer (12 digits). No match →
    /// `patient_not_found`; an invalid number → `fhir_invalid`.
    virtual boost::asio::awaitable<result<translators::fhir::patient>> find_patient(
        std::string_view personnummer) = 0;
    /// `find_patient` and the patient's cross-border consents in one exchange.
    virtual boost::asio::awaitable<result<patient_with_consents>> find_patient_with_consents(
        std::string_view personnummer) = 0;
    /// `find_patient_with_consents` and `read_prescription` of each id in one exchange. The
    /// patient's errors fail the call; each prescription carries its own.
    virtual boost::asio::awaitable<result<patient_with_prescriptions>>
    read_patient_and_prescriptions(std::string_view personnummer,
                                   const std::vector<std::string>& prescription_ids) = 0;
    /// The patient's prescriptions, optionally filtered by status (Swedish "aktiv" or FHIR
    /// "active" codes).
    virtual boost::asio::awaitable<result<std::vector<translators::fhir::medication_request>>>
    search_prescriptions(std::string_view patient_id, std::vector<std::string> statuses) = 0;
    virtual boost::asio::awaitable<result<translators::fhir::medication_request>> read_prescription(
        std::string_view id) = 0;
    /// Records a dispense. Idempotent through `actor_dispatch_id`.
    virtual boost::asio::awaitable<result<dispense_receipt>> record_dispense(
        const translators::fhir::medication_dispense& dispense) = 0;
    /// The dispenses recorded against a prescription (reversed ones included).
    virtual boost::asio::awaitable<result<std::vector<translators::fhir::medication_dispense>>>
    search_dispenses(std::string_view prescription_id) = 0;
    /// Reverses (discards) a dispense; reversing twice is harmless.
    virtual boost::asio::awaitable<result<translators::fhir::medication_dispense>> reverse_dispense(
        std::string_view id) = 0;
    /// The register's entry for a legitimationskod and whether it is a pharmacist licensed now
    /// (country B: who may dispense). Not in the register → `pharmacist_not_licensed`; a
    /// malformed code → `fhir_invalid`. A found person who may not dispense is a success with
    /// `licensed_pharmacist` false: the caller decides.
    virtual boost::asio::awaitable<result<practitioner_licence>> find_practitioner(
        std::string_view legitimationskod) = 0;
    /// The Swedish products with this (level 5) ATC code, ordered by NPL-pack-id; none is an
    /// empty list (country B: the candidates for a foreign prescription). A malformed code →
    /// `fhir_invalid`.
    virtual boost::asio::awaitable<result<std::vector<translators::fhir::medication>>>
    find_products_by_atc(std::string_view atc) = 0;
};

}  // namespace ncpeh::gateway::national_store
