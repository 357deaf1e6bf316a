#pragma once

#include <boost/asio/awaitable.hpp>

#include <optional>
#include <string>

#include "gateway/ncp_b/care_setting.hpp"
#include "gateway/ncp_b/country_b.hpp"
#include "translators/fhir/medication_dispense.hpp"

namespace ncpeh::gateway::ncp_b {

/// What a Swedish pharmacy reports: it handed out `dispense` for the foreign ePrescription
/// `document_id` of `patient_id` (identified in this session) from `country`.
struct dispensation_report {
    std::string country;
    std::string patient_id;
    std::string document_id;
    translators::fhir::medication_dispense dispense;
};

/// An accepted dispensation or discard: its outbox record (as it stood after the first
/// attempt), whether the same report was accepted before, and how the first attempt went.
struct accepted_dispensation {
    outbox_record record;
    bool replayed = false;
    std::optional<delivery_report> first_attempt;
};

/// The eDispensation of one report, top to bottom: the dispense must be the session's
/// pharmacist's at the session's pharmacy, it is translated against the retrieved prescription
/// `prescription_cda` (which refuses a dispense that does not fit: more packages, another ATC
/// without substitution, substitution where the prescription forbids it), committed to the
/// outbox (the same pharmacy and NLLActorDispatchId again: the first record, nothing resent),
/// then attempted at once, waiting at most `delivery_deadline`. Errors: `country_unknown`,
/// `invalid_argument` (another pharmacist or pharmacy), the translation's (`ed_*`,
/// `dispense_exceeds_prescription`), the outbox's (`storage_unavailable`).
boost::asio::awaitable<result<accepted_dispensation>> submit_dispensation(
    const country_b_settings& settings, country_b_services& services,
    const pharmacist_session& session, const dispensation_report& report,
    std::string_view prescription_cda);

/// The discard of the dispensation `dispensation_id` of this pharmacy: made from the eD that was
/// sent (same supply id), committed and attempted like a dispensation; the outbox sends it only
/// after the dispensation itself was delivered. Errors: `dispensation_not_found` (no such
/// dispensation of this pharmacy, or it is itself a discard), `ed_discard_failed` (the
/// dispensation failed: there is nothing to undo), the outbox's.
boost::asio::awaitable<result<accepted_dispensation>> submit_discard(
    const country_b_settings& settings, country_b_services& services,
    const pharmacist_session& session, const std::string& dispensation_id);

/// The outbox's sender: XDR (ITI-41) of one record to its country's NCP-A with fresh assertions
/// for the pharmacist who dispensed, the record's eD document id and bytes unchanged at every
/// attempt; the RegistryResponse's Success is the acknowledgement. Audited
/// ("ncp-b-xdr-dispense", "ncp-b-xdr-discard").
outbox_sender xdr_sender(const country_b_settings& settings, country_b_services& services);

}  // namespace ncpeh::gateway::ncp_b
