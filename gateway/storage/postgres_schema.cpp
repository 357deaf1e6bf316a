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
        // The country-B dispensation outbox (gateway/ncp_b/postgres_dispensation_outbox.hpp), as
        // the SQLite one: times in milliseconds since the Unix epoch (UTC), exactly the instants
        // the deliverers' clocks gave; `next_attempt_at_ms` is the due time of a queued record
        // and the end of the lease of a delivering one, so one partial index serves every claim.
        // The CDA stays in the row: PostgreSQL keeps a value this large out of line (TOAST) and
        // an update of the other columns does not copy it.
        {301, "dispensation outbox",
         "CREATE TABLE ncpeh_dispensation_outbox ("
         " id text PRIMARY KEY,"
         " kind text NOT NULL CHECK (kind IN ('dispensation', 'discard')),"
         " discards_id text REFERENCES ncpeh_dispensation_outbox (id),"
         " pharmacy_gln text NOT NULL,"
         " dispatch_id text NOT NULL,"
         " pharmacist_legitimationskod text NOT NULL,"
         " pharmacist_name text NOT NULL,"
         " pharmacist_profession_code text NOT NULL,"
         " country text NOT NULL,"
         " patient_id text NOT NULL,"
         " prescription_document_id text NOT NULL,"
         " prescription_id text NOT NULL,"
         " ed_document_id text NOT NULL,"
         " ed_cda text NOT NULL,"
         " created_at_ms bigint NOT NULL,"
         " status text NOT NULL"
         "  CHECK (status IN ('queued', 'delivering', 'delivered', 'failed')),"
         " attempts integer NOT NULL DEFAULT 0,"
         " last_attempt_at_ms bigint,"
         " next_attempt_at_ms bigint NOT NULL,"
         " last_error_code text,"
         " last_error_message text,"
         " delivered_at_ms bigint,"
         " CONSTRAINT ncpeh_dispensation_outbox_once UNIQUE (pharmacy_gln, dispatch_id, kind));"
         "CREATE INDEX ncpeh_dispensation_outbox_due ON ncpeh_dispensation_outbox"
         " (next_attempt_at_ms, created_at_ms) WHERE status IN ('queued', 'delivering');"
         "CREATE INDEX ncpeh_dispensation_outbox_status ON ncpeh_dispensation_outbox"
         " (status, created_at_ms);"},

        // --- sessions (400–499) --------------------------------------------------------------
        // The country-B pharmacist sessions (gateway/national_api/postgres_session_registry.hpp):
        // by the SHA-256 of the bearer token (never the token), with what the session identified
        // and retrieved, which go with it. `expires_at_ns`: nanoseconds since the Unix epoch
        // (UTC), the end of the session's HCP assertion. `seq` orders the kept documents.
        {401, "pharmacist sessions",
         "CREATE TABLE ncpeh_sessions ("
         " id text PRIMARY KEY,"
         " token_sha256 bytea NOT NULL UNIQUE,"
         " client_certificate_sha256 text NOT NULL,"
         " pharmacy_gln text NOT NULL,"
         " pharmacy_name text NOT NULL,"
         " pharmacy_organization_id text NOT NULL,"
         " pharmacy_locality text NOT NULL,"
         " pharmacist_legitimationskod text NOT NULL,"
         " pharmacist_name text NOT NULL,"
         " pharmacist_profession text NOT NULL,"
         " hcp_assertion text NOT NULL,"
         " hcp_assertion_id text NOT NULL,"
         " expires_at_ns bigint NOT NULL);"
         "CREATE INDEX ncpeh_sessions_expires_at ON ncpeh_sessions (expires_at_ns);"
         "CREATE TABLE ncpeh_session_patients ("
         " session_id text NOT NULL REFERENCES ncpeh_sessions (id) ON DELETE CASCADE,"
         " country text NOT NULL,"
         " patient_id text NOT NULL,"
         " PRIMARY KEY (session_id, country, patient_id));"
         "CREATE TABLE ncpeh_session_documents ("
         " session_id text NOT NULL REFERENCES ncpeh_sessions (id) ON DELETE CASCADE,"
         " country text NOT NULL,"
         " document_id text NOT NULL,"
         " patient_id text NOT NULL,"
         " cda text NOT NULL,"
         " seq bigint GENERATED ALWAYS AS IDENTITY,"
         " PRIMARY KEY (session_id, country, document_id));"},
    };
    return steps;
}

}  // namespace ncpeh::gateway::storage
