#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "gateway/ncp_b/dispensation_outbox.hpp"
#include "gateway/storage/postgres_pool.hpp"

namespace ncpeh::gateway::ncp_b {

/// The dispensation outbox on PostgreSQL (`[database] url = "postgresql://…"`), shared by every
/// ncpeh instance on the database: the table `ncpeh_dispensation_outbox` (schema steps 3xx of
/// `storage::postgres_schema()`, applied before the outbox is used). Every operation runs as a
/// job of the pool, on one of its worker threads, never on the awaiting I/O thread.
///
/// * `claim_due` and `claim` are one statement each: an UPDATE of the rows a sub-select picks
///   with `FOR UPDATE SKIP LOCKED`, so instances claiming at the same moment each take other
///   records and never wait for one another; a record claimed and committed by one instance is
///   not due for the others until its lease ends, when any instance takes it over (its holder
///   died). `attempts` identifies the claim, as in every implementation.
/// * `enqueue` is one transaction: the record of the same (pharmacy GLN, dispatch id, kind) is
///   returned as a replay; otherwise `INSERT … ON CONFLICT DO NOTHING` on that unique key, and
///   when an instance inserted the same key concurrently, its record is read and returned as the
///   replay. It commits with `synchronous_commit = on` whatever the server's default, so an
///   accepted dispensation is durable before the pharmacy is answered.
///
/// Errors: the pool's `errc::storage_unavailable` (database unreachable or restarting, queue full,
/// a statement failed), and those the interface names. Thread-safe.
class postgres_dispensation_outbox final : public dispensation_outbox {
  public:
    /// The outbox on `database`, which must outlive it. Opens nothing: a database that is down
    /// now fails the operations until it is back.
    explicit postgres_dispensation_outbox(storage::postgres_pool& database);

    boost::asio::awaitable<result<enqueued>> enqueue(outbox_entry entry, outbox_time now) override;
    boost::asio::awaitable<result<std::vector<outbox_record>>> claim_due(
        outbox_time now, std::size_t limit, std::chrono::milliseconds lease,
        std::vector<std::string> held_countries) override;
    boost::asio::awaitable<result<std::optional<outbox_record>>> claim(
        std::string id, outbox_time now, std::chrono::milliseconds lease) override;
    boost::asio::awaitable<result<bool>> mark_delivered(std::string id, outbox_time at) override;
    boost::asio::awaitable<result<bool>> mark_retry(std::string id, int attempt, outbox_error error,
                                                    outbox_time next_attempt_at) override;
    boost::asio::awaitable<result<bool>> mark_failed(std::string id, int attempt,
                                                     outbox_error error) override;
    boost::asio::awaitable<result<outbox_record>> find(std::string id,
                                                       std::string pharmacy_gln) override;
    boost::asio::awaitable<result<outbox_counts>> counts(outbox_time now) override;

  private:
    storage::postgres_pool& database_;
};

}  // namespace ncpeh::gateway::ncp_b
