// ncpeh's PostgreSQL schema: every versioned step of every store, in ONE list, applied by
// `apply_migrations` (at `ncpeh serve` start and by `ncpeh migrate`) and recorded in
// `ncpeh_schema_migrations`.
//
// Adding a step: append it to the section of its store with the next free version of that
// store's range. Never change or remove a step that was released: a database that applied it
// keeps it; write a new step instead. The list stays in ascending version order (checked).
// Versions are in ranges per store so that stores developed side by side do not collide; a
// database applies whatever versions it lacks, in order, so a step added later in a lower range
// still runs.
//
//   100–199  replay cache (trust/saml/replay_cache.hpp, postgres_replay_cache)
//   200–299  audit trail (and the ATNA spool)
//   300–399  dispensation outbox (country B) and the idempotency of incoming XDR dispensations
//   400–499  country-B sessions

#include "gateway/storage/postgres_schema.hpp"

namespace ncpeh::gateway::storage {

const std::vector<postgres_migration>& postgres_schema() {
    static const std::vector<postgres_migration> steps = {
        // --- replay cache (100–199) ----------------------------------------------------------
        // An accepted assertion by the SHA-256 of (issuer, NUL, ID): a fixed-size key whatever
        // the lengths, until it expires (NotOnOrAfter + skew). Expired rows are purged by
        // `postgres_replay_cache::purge_expired`, through the index on expires_at.
        {101, "replay cache",
         "CREATE TABLE ncpeh_replay_cache ("
         " key bytea PRIMARY KEY,"
         " expires_at timestamptz NOT NULL);"
         "CREATE INDEX ncpeh_replay_cache_expires_at ON ncpeh_replay_cache (expires_at);"},

        // --- audit trail (200–299) -----------------------------------------------------------
        // The audit trail of every instance (gateway/audit/postgres_audit_trail.hpp): the
        // columns of the embedded table, plus the instance that wrote the row; seq is the order
        // of the whole trail. The ATNA spool is written in the same transaction; the exporter
        // lease (one row) says which instance sends it, so each message goes out from one.
        // Nothing here is deleted automatically except the delivered spool rows.
        {201, "audit trail and ATNA spool",
         "CREATE TABLE ncpeh_audit_event ("
         " seq bigserial PRIMARY KEY,"
         " instance text NOT NULL,"
         " at_ms bigint NOT NULL,"
         " transaction_name text NOT NULL,"
         " partner_country text NOT NULL,"
         " message_id text NOT NULL,"
         " hcp_assertion_id text NOT NULL,"
         " trc_assertion_id text NOT NULL,"
         " requester text NOT NULL,"
         " requester_role text NOT NULL,"
         " requester_organisation text NOT NULL DEFAULT '',"
         " patient_id text NOT NULL,"
         " document_ids text NOT NULL,"
         " outcome text NOT NULL CHECK (outcome IN ('started', 'success', 'failure')),"
         " error_code text NOT NULL,"
         " error_name text NOT NULL);"
         "CREATE INDEX ncpeh_audit_event_by_patient"
         " ON ncpeh_audit_event (patient_id, at_ms, seq);"
         "CREATE INDEX ncpeh_audit_event_by_time ON ncpeh_audit_event (at_ms);"
         "CREATE INDEX ncpeh_audit_event_by_instance ON ncpeh_audit_event (instance, seq);"
         "CREATE TABLE ncpeh_atna_spool ("
         " seq bigserial PRIMARY KEY,"
         " instance text NOT NULL,"
         " at_ms bigint NOT NULL,"
         " message text NOT NULL);"
         "CREATE TABLE ncpeh_atna_exporter ("
         " id integer PRIMARY KEY CHECK (id = 1),"
         " instance text NOT NULL,"
         " until timestamptz NOT NULL);"},

        // --- dispensation outbox and XDR idempotency (300–399) -------------------------------

        // --- sessions (400–499) --------------------------------------------------------------
    };
    return steps;
}

}  // namespace ncpeh::gateway::storage
