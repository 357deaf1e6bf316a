#pragma once

#include <boost/json/object.hpp>

#include <chrono>
#include <filesystem>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/storage/sqlite_connection.hpp"
#include "samples/national-store/store_error.hpp"

namespace ncpeh::samples::national_store {

using gateway::storage::sqlite_connection;
using gateway::storage::sqlite_statement;
using gateway::storage::sqlite_transaction;

/// A dispense as recorded: the stored resource and whether this call replayed an earlier one
/// (same actor dispatch id) instead of applying it.
struct recorded_dispense {
    boost::json::object dispense;
    bool replayed = false;
};

/// A Patient search with `_revinclude=Consent:patient`: the matching patients, then the
/// consents that reference any of them (each patient's newest first).
struct patients_with_consents {
    std::vector<boost::json::object> patients;
    std::vector<boost::json::object> consents;
};

/// The reference national prescription store: NLL-style resources in SQLite (WAL), with the
/// dispensing rules enforced inside one transaction per write. Resources are kept as their
/// FHIR JSON plus the indexed columns the searches need. Not thread-safe: the server calls it
/// from one thread, and SQLite transactions make every write all-or-nothing.
class prescription_store {
  public:
    /// Opens (creating the schema when needed) `db_file`. `today` overrides the calendar date
    /// used for validity and interval rules (tests, demos); otherwise the UTC date is used.
    /// Throws `std::runtime_error` when the database cannot be opened.
    prescription_store(const std::filesystem::path& db_file,
                       std::optional<std::chrono::year_month_day> today);

    /// Loads every `*.json` Bundle in `dir` (Patients, MedicationRequests, MedicationDispenses,
    /// Consents, Medications, Practitioners) when the database holds no patient yet; returns the
    /// number of resources loaded (0 when the database was already seeded). Every resource is
    /// validated; a bad seed throws `std::runtime_error` naming the file and the problem.
    ///
    /// A Practitioner is a person of the practitioner register (HOSP-style): exactly one
    /// legitimationskod identifier (digits only, at most 20), a name, and per licence one
    /// `qualification` whose code is a profession code (AP, RC, LK, …) with an optional
    /// `period` (valid dates, start ≤ end: `end` is when a withdrawn licence ended); `active`,
    /// when present, is a boolean. Legitimationskod are unique in the register.
    std::size_t load_seed(const std::filesystem::path& dir);

    /// Patients whose personnummer/samordningsnummer matches `identifier` ("system|value" or
    /// "value"; both the URI and the OID system are accepted). Invalid numbers are refused.
    store_result<std::vector<boost::json::object>> search_patients(std::string_view identifier);
    /// `search_patients` plus the patients' consents, read in the same request.
    store_result<patients_with_consents> search_patients_with_consents(std::string_view identifier);
    store_result<boost::json::object> read_patient(std::string_view id);
    /// The patient's prescriptions, optionally only those whose Swedish status (aktiv, …) or
    /// FHIR status (active, …) is in `statuses`.
    store_result<std::vector<boost::json::object>> search_prescriptions(
        std::string_view patient_id, const std::vector<std::string>& statuses);
    store_result<boost::json::object> read_prescription(std::string_view id);
    store_result<boost::json::object> read_medication(std::string_view npl_pack_id);
    /// The products whose ATC code (code.coding system `http://www.whocc.no/atc`) is `code`
    /// ("system|value" or "value"; only the ATC system is accepted), ordered by NPL-pack-id.
    /// The code must be a full (level 5) ATC code such as `C08CA01`.
    store_result<std::vector<boost::json::object>> search_medications_by_atc(std::string_view code);
    /// The register's practitioners with this legitimationskod ("system|value" or "value"; the
    /// legitimationskod URI and `urn:oid:` + its OID are accepted): none or one.
    store_result<std::vector<boost::json::object>> search_practitioners(
        std::string_view identifier);
    store_result<boost::json::object> read_practitioner(std::string_view id);
    store_result<boost::json::object> read_dispense(std::string_view id);
    store_result<std::vector<boost::json::object>> search_dispenses(
        std::string_view prescription_id);
    /// Records a dispense (POST MedicationDispense). The checks, in order: a valid resource;
    /// idempotency by the actor's dispatch id (the same id with another content is a conflict);
    /// the prescription's patient, validity, uttag left, status and dispense interval; the
    /// product (the prescribed one unless substituted where substitution is allowed) and the
    /// quantity (at most the packages prescribed per uttag). Then one uttag is used.
    store_result<recorded_dispense> record_dispense(std::string_view body);
    /// Reverses (discards) a dispense: status entered-in-error, the uttag is given back.
    /// Reversing twice returns the reversed dispense again.
    store_result<boost::json::object> reverse_dispense(std::string_view id);
    /// The patient's cross-border consents (newest first).
    store_result<std::vector<boost::json::object>> search_consents(std::string_view patient_id);
    /// Records a cross-border consent; earlier active ones of the patient become inactive.
    store_result<boost::json::object> record_consent(std::string_view body);

    /// The calendar date the rules use.
    std::chrono::year_month_day today() const;

  private:
    std::string new_id();
    std::vector<boost::json::object> consents_of(std::string_view patient_id);
    void insert_resource(const boost::json::object& resource);

    sqlite_connection db_;
    std::optional<std::chrono::year_month_day> today_;
    std::mt19937_64 random_;
};

}  // namespace ncpeh::samples::national_store
