#pragma once

#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace ncpeh::gateway::net {

/// Who may start a TLS handshake. A connection that has not finished its handshake has not shown
/// a certificate, so it must not take capacity from the partners that have: it is admitted into
/// a pool of its own, bounded in all (`max_pending`) and per source address
/// (`max_pending_per_address`). When the pool is full the oldest pending handshake makes room,
/// so sockets that merely sit there cannot keep the door shut: a partner's handshake takes
/// milliseconds, an idle socket would take the whole handshake timeout. Thread-safe.
class handshake_admission {
  public:
    struct limits {
        unsigned max_pending = 128;
        unsigned max_pending_per_address = 32;
    };

    /// The answer for one new connection.
    struct verdict {
        /// False when the address already has `max_pending_per_address` handshakes under way:
        /// the connection is closed at once.
        bool admitted = false;
        /// A pending handshake to end now to make room (the oldest), if any.
        std::optional<std::uint64_t> evicted;
    };

    explicit handshake_admission(limits l) : limits_(l) {}

    /// Asks to start the handshake of connection `id` from `address`.
    verdict admit(std::uint64_t id, const std::string& address);

    /// The handshake of `id` ended (done, failed or evicted); unknown ids are ignored.
    void finish(std::uint64_t id);

    /// Handshakes under way.
    unsigned pending() const;

  private:
    struct entry {
        std::uint64_t id;
        std::string address;
    };

    void forget(std::list<entry>::iterator it);

    limits limits_;
    mutable std::mutex mutex_;
    std::list<entry> oldest_first_;
    std::unordered_map<std::uint64_t, std::list<entry>::iterator> by_id_;
    std::unordered_map<std::string, unsigned> per_address_;
};

}  // namespace ncpeh::gateway::net
