#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

#include "config/configuration.hpp"
#include "gateway/net/tls_context.hpp"
#include "gateway/ops/metrics.hpp"
#include "gateway/ops/trust_inventory.hpp"
#include "gateway/ops/trust_material.hpp"
#include "trust/error/error.hpp"
#include "trust/x509/trust_store_slot.hpp"
#include "trust/xmldsig/signing_credential_slot.hpp"

namespace ncpeh::gateway::ops {

/// How often `serve` looks at the trust material's files for changes (SIGHUP reloads at once).
inline constexpr std::chrono::seconds trust_files_check_interval{30};

/// The trust material in force, and its rotation without a restart (docs/operations.md,
/// "Rotating certificates and trust material"): `reload` re-reads every credential, anchor set
/// and CRL from the files the configuration names (the configuration itself is not re-read),
/// checks all of it, and only when everything passes swaps the new generation in, atomically.
/// Connections, verifications and signatures that already started keep the generation they
/// started with; new ones take the new one. A refused reload leaves the old generation in
/// force. Each attempt is logged (`trust.reloaded` / `trust.reload_refused`, with the reason
/// and never key material) and counted (`ncpeh_trust_reloads_total{outcome}`); the time the
/// material in force was read is `ncpeh_trust_material_loaded_timestamp_seconds`.
/// Thread-safe.
class trust_reloader {
  public:
    /// Starts with `initial`, read from `c` by `load_trust_material` at start-up; registers the
    /// metrics in `registry`. `c` and `registry` must outlive the reloader.
    trust_reloader(const config::configuration& c, std::shared_ptr<const trust_material> initial,
                   metrics_registry& registry);
    trust_reloader(const trust_reloader&) = delete;
    trust_reloader& operator=(const trust_reloader&) = delete;

    /// The generation in force.
    std::shared_ptr<const trust_material> current() const noexcept;
    /// Reloads so far: 1 at start, +1 for each reload put in force.
    std::uint64_t generation() const noexcept { return generation_.load(); }

    /// The TLS context of one purpose in the generation in force, for each new connection
    /// (`&trust_material::ncp_tls`, …); the context co-owns its whole generation.
    net::tls_context_source tls_source(
        std::shared_ptr<boost::asio::ssl::context> trust_material::*which) const;
    /// The inventory of the generation in force (readiness, the expiry metric).
    trust_inventory_source inventory_source() const;
    /// The assertion anchors and the seal in force, for the country-A and country-B settings.
    const trust::x509::trust_store_slot& assertion_anchors() const noexcept { return anchors_; }
    const trust::xmldsig::signing_credential_slot& seal() const noexcept { return seal_; }

    /// Reads and checks the material again (`load_trust_material`, then `check_in_force` at
    /// `now`) and puts it in force when it passes; `trigger` ("sighup", "file_change") goes to
    /// the log line. Errors: why the new material was refused (the old one stays in force).
    result<void> reload(std::string_view trigger, std::chrono::sys_seconds now);

    /// Whether a file of the material changed (content, size, a file renamed over it, appeared
    /// or vanished) since the material in force was read or a reload was last tried: a refused
    /// replacement is not tried again until its files change again.
    bool files_changed() const;

  private:
    const config::configuration& config_;
    std::atomic<std::shared_ptr<const trust_material>> current_;
    trust::x509::trust_store_slot anchors_;
    trust::xmldsig::signing_credential_slot seal_;
    std::atomic<std::uint64_t> generation_{1};
    counter_family& reloads_;
    mutable std::mutex reload_mutex_;  // one reload at a time; guards last_tried_
    std::vector<file_stamp> last_tried_;
};

}  // namespace ncpeh::gateway::ops
