#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "trust/error/error.hpp"

namespace ncpeh::gateway::ncp_b {

// The dispensation outbox (issue #14): when a Swedish pharmacy reports that it dispensed a
// foreign ePrescription, the eDispensation (or its discard) is committed here before the
// pharmacy gets its answer, and `outbox_delivery` sends it to the foreign NCP-A by XDR (ITI-41),
// retrying until it is delivered or given up. An accepted dispensation is never lost, and one
// (pharmacy GLN, nllActorDispatchId, kind) is never sent as two different eDispensations: the
// record, its eD document id and its CDA bytes are fixed at enqueue, and every attempt sends them.

using outbox_clock = std::chrono::system_clock;
using outbox_time = outbox_clock::time_point;

/// What a record asks the foreign NCP-A to do.
enum class outbox_kind {
    /// Report an eDispensation (XDR formatCode `urn:epSOS:ep:dis:2010`).
    dispensation,
    /// Undo an earlier dispensation of this outbox (XDR formatCode `urn:eHDSI:ed:discard:2020`).
    discard,
};

/// Where a record is in its delivery.
enum class outbox_status {
    /// Waiting for its next attempt (`next_attempt_at`).
    queued,
    /// A deliverer holds it until `next_attempt_at` (its lease); due again once that has passed.
    delivering,
    /// The foreign NCP-A accepted it. Final.
    delivered,
    /// Given up: refused on its content, or not delivered within the outbox's maximum age.
    /// Final; `last_error` says why.
    failed,
};

/// "dispensation", "discard" (the schema, logs, JSON).
std::string_view name_of(outbox_kind kind) noexcept;
/// "queued", "delivering", "delivered", "failed" (the schema, metrics labels, JSON).
std::string_view name_of(outbox_status status) noexcept;
std::optional<outbox_kind> outbox_kind_from_name(std::string_view name) noexcept;
std::optional<outbox_status> outbox_status_from_name(std::string_view name) noexcept;

/// The Swedish pharmacist who dispensed: what fresh HCP assertions are issued from at each
/// delivery attempt (the session that accepted the dispensation is long gone by a retry).
struct outbox_pharmacist {
    std::string legitimationskod;
    std::string name;
    /// The profession code of the pharmacist's licence (e.g. "AP").
    std::string profession_code;

    friend bool operator==(const outbox_pharmacist&, const outbox_pharmacist&) = default;
};

/// Why the last attempt failed: the `errc` name (`name_of(errc)`) and a message without
/// personal data (the context of `ncpeh::error`, such as the foreign "remote_code", included).
struct outbox_error {
    std::string code;
    std::string message;

    friend bool operator==(const outbox_error&, const outbox_error&) = default;
};

/// What the national API hands to `enqueue`: everything an attempt needs, fixed for good.
struct outbox_entry {
    outbox_kind kind = outbox_kind::dispensation;
    /// For a discard: the outbox id of the dispensation it undoes (same pharmacy). Empty for a
    /// dispensation.
    std::string discards_id;
    /// The pharmacy's GLN (from its TLS client certificate): who may see the record.
    std::string pharmacy_gln;
    /// The pharmacy's own id of the dispensation (nllActorDispatchId). With the GLN and the kind,
    /// the idempotency key of `enqueue`.
    std::string dispatch_id;
    outbox_pharmacist pharmacist;
    /// The partner country (ISO 3166-1 alpha-2) whose NCP-A receives it.
    std::string country;
    /// The foreign patient id in HL7 CX form, as the partner's XCPD returned it.
    std::string patient_id;
    /// The XDS document id of the foreign ePrescription, and its prescription id.
    std::string prescription_document_id;
    std::string prescription_id;
    /// The XDS document id of the eDispensation: every attempt sends this same id.
    std::string ed_document_id;
    /// The eDispensation (or discard) CDA, byte for byte what every attempt sends.
    std::string ed_cda;

    friend bool operator==(const outbox_entry&, const outbox_entry&) = default;
};

/// One record of the outbox: the entry and where its delivery stands.
struct outbox_record {
    /// Our dispensation id, random and URL-safe (32 lowercase hex digits): what the national
    /// API returns to the pharmacy and takes in `GET foreign-dispensations/{id}`.
    std::string id;
    outbox_entry entry;
    outbox_time created_at;
    outbox_status status = outbox_status::queued;
    /// Attempts started so far; `claim_due` counts one up. It also identifies a claim: the
    /// `mark_retry` and `mark_failed` of a deliverer whose lease expired change nothing.
    int attempts = 0;
    std::optional<outbox_time> last_attempt_at;
    /// Queued: when the next attempt is due. Delivering: when the lease ends.
    outbox_time next_attempt_at;
    std::optional<outbox_error> last_error;
    std::optional<outbox_time> delivered_at;
};

/// `enqueue`'s answer: the record, and whether it existed already (the same pharmacy sent the
/// same dispatch id and kind before: nothing new was stored, nothing will be sent twice).
struct enqueued {
    outbox_record record;
    bool replayed = false;
};

/// How many records are in each status, for metrics and the dashboard.
struct outbox_counts {
    std::uint64_t queued = 0;
    std::uint64_t delivering = 0;
    std::uint64_t delivered = 0;
    std::uint64_t failed = 0;
    /// How long the oldest record not yet delivered nor failed (queued or delivering) has
    /// waited since its enqueue; nullopt when there is none.
    std::optional<std::chrono::milliseconds> oldest_pending_age;
};

/// The durable outbox of dispensations. The embedded implementation is
/// `sqlite_dispensation_outbox`; `postgres_dispensation_outbox` serves several ncpeh instances
/// on one PostgreSQL database (#16). Implementations are thread-safe and shared by the processes
/// using the same database: a record is claimed by one deliverer at a time. Every operation
/// completes on the awaiting coroutine's executor without blocking its thread meanwhile. Errors of
/// every operation: `errc::storage_unavailable` when the database cannot be used now (locked beyond
/// its busy timeout, unwritable, moved away, disk full), naming the reason.
class dispensation_outbox {
  public:
    virtual ~dispensation_outbox() = default;

    /// Stores `entry` as a new queued record due at `now`, with a fresh id; completes only once
    /// it is durably committed (it survives a crash or a power loss), so the pharmacy can be
    /// answered right after. The same (pharmacy GLN, dispatch id, kind) again returns the first
    /// record with `replayed` set, whatever else the entry holds.
    /// Errors: `errc::invalid_argument` when a key field (GLN, dispatch id, country, eD document
    /// id, CDA) is empty or a discard names no dispensation; `errc::dispensation_not_found` when
    /// a discard names no dispensation of this pharmacy.
    virtual boost::asio::awaitable<result<enqueued>> enqueue(outbox_entry entry,
                                                             outbox_time now) = 0;

    /// Atomically claims up to `limit` due records, oldest due first: queued ones whose
    /// `next_attempt_at` has come, and delivering ones whose lease has expired (a crashed
    /// deliverer's). Each becomes `delivering` until `now + lease`, with `attempts` counted up
    /// and `last_attempt_at = now`. A discard is due only once the dispensation it undoes is
    /// delivered. No two claims, of this or another process, return the same record while its
    /// lease lasts: the lease must outlast an attempt. Records for the partner countries in
    /// `held_countries` are left as they are (their NCP-A is known to be unreachable now).
    virtual boost::asio::awaitable<result<std::vector<outbox_record>>> claim_due(
        outbox_time now, std::size_t limit, std::chrono::milliseconds lease,
        std::vector<std::string> held_countries) = 0;

    /// `claim_due` for the one record `id` (the national API's first, immediate attempt):
    /// nullopt when it is not due (delivered, failed, or held by another deliverer).
    virtual boost::asio::awaitable<result<std::optional<outbox_record>>> claim(
        std::string id, outbox_time now, std::chrono::milliseconds lease) = 0;

    /// The record was delivered at `at`: delivered for good, whoever holds it now (the foreign
    /// NCP-A has it; an attempt of another deliverer under way cannot be taken back).
    /// Returns false when it was already delivered, or does not exist.
    virtual boost::asio::awaitable<result<bool>> mark_delivered(std::string id, outbox_time at) = 0;

    /// The claim `attempt` of `id` failed with `error` and is tried again at `next_attempt_at`.
    /// Returns false, changing nothing, when that claim is no longer the record's (its lease
    /// expired and another deliverer claimed it, or it was delivered meanwhile).
    virtual boost::asio::awaitable<result<bool>> mark_retry(std::string id, int attempt,
                                                            outbox_error error,
                                                            outbox_time next_attempt_at) = 0;

    /// The claim `attempt` of `id` failed with `error`, and the record is given up. Returns
    /// false, changing nothing, when that claim is no longer the record's.
    virtual boost::asio::awaitable<result<bool>> mark_failed(std::string id, int attempt,
                                                             outbox_error error) = 0;

    /// The record `id` if it belongs to the pharmacy `pharmacy_gln`.
    /// Errors: `errc::dispensation_not_found` when there is no such record for this pharmacy
    /// (another pharmacy's record is not found either).
    virtual boost::asio::awaitable<result<outbox_record>> find(std::string id,
                                                               std::string pharmacy_gln) = 0;

    /// The records by status, and the age of the oldest pending one at `now`.
    virtual boost::asio::awaitable<result<outbox_counts>> counts(outbox_time now) = 0;
};

/// Whether `enqueue` takes `entry`: its key fields (GLN, dispatch id, country, eD document id,
/// CDA) are set, a discard names the dispensation it undoes and a dispensation names none.
/// Errors: `errc::invalid_argument` naming the field in the context "field".
result<void> check_outbox_entry(const outbox_entry& entry);

/// A fresh record id: 128 random bits as 32 lowercase hex digits (URL-safe as it is).
/// Errors: `errc::internal` when the random generator fails.
result<std::string> make_dispensation_id();

}  // namespace ncpeh::gateway::ncp_b
