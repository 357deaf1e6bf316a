#pragma once

#include <boost/asio/any_io_executor.hpp>

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>

#include "gateway/audit/audit_trail.hpp"
#include "gateway/national_store/national_store.hpp"
#include "gateway/ops/gateway_metrics.hpp"
#include "translators/eprescription_l3/make_eprescription.hpp"
#include "translators/terminology/terminology.hpp"
#include "trust/saml/replay_cache.hpp"
#include "trust/x509/trust_store_slot.hpp"
#include "trust/xml/document.hpp"

namespace ncpeh::gateway::ncp_a {

/// What the country-A transactions read, built once at start-up from the configuration and
/// shared read-only by every request. The pointed-to tables and stores are owned by `serve`
/// and outlive the server.
struct responder_settings {
    trust::xml::parse_limits xml_limits;
    /// Our home community id as a bare OID (XCPD custodian, RegistryError location, `home`).
    std::string home_community_id;
    /// The repository unique id of our on-demand documents (we use the home community id).
    std::string repository_unique_id;
    /// Prescription id root, custodian and mapping policy of the SE → eP translation.
    translators::eprescription_l3::eprescription_settings eprescription;
    const translators::terminology::terminology* tables = nullptr;
    /// Anchors for assertion signatures (never the TLS anchors): each request verifies with the
    /// store in force when it arrives (a reload may replace it).
    const trust::x509::trust_store_slot* assertion_anchors = nullptr;
    /// The Swedish calendar date the prescription rules use; nullopt = today (tests and demos
    /// pin it, as the reference store's `--today`). Assertions are always checked against the
    /// real clock.
    std::optional<std::chrono::year_month_day> fixed_today;
};

/// Requests and documents at least this large are parsed on `responder_services::heavy_work`
/// (at about 100 MB/s, 256 KiB is some milliseconds of one core).
inline constexpr std::size_t heavy_parse_bytes = 256 * 1024;

/// The shared, thread-safe services the transactions call.
struct responder_services {
    national_store::store& store;
    audit::audit_trail& audit;
    trust::saml::replay_cache* replay = nullptr;
    /// Where large inputs are parsed, off the I/O threads; none: parsed where they arrive.
    boost::asio::any_io_executor heavy_work = {};
    /// Transactions and refusals counted for `/metrics`; none: not counted.
    ops::gateway_metrics* metrics = nullptr;
    /// `replay` waits for a database (PostgreSQL): the assertions are then verified on
    /// `heavy_work`, never on an I/O thread.
    bool replay_blocks = false;
};

/// Whether an input of `bytes` is parsed on `services.heavy_work`.
inline bool parses_off_thread(const responder_services& services, std::size_t bytes) {
    return services.heavy_work && bytes >= heavy_parse_bytes;
}

/// The Swedish calendar date for the prescription rules at `now`.
std::chrono::year_month_day today_for(const responder_settings& settings,
                                      std::chrono::system_clock::time_point now);

}  // namespace ncpeh::gateway::ncp_a
