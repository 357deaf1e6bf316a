#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "config/configuration.hpp"
#include "gateway/audit/audit_trail.hpp"
#include "gateway/national_store/national_store.hpp"
#include "gateway/ncp_b/call_partner.hpp"
#include "gateway/ncp_b/dispensation_outbox.hpp"
#include "gateway/ncp_b/outbox_delivery.hpp"
#include "gateway/ncp_b/pharmacist_assertions.hpp"
#include "gateway/ncp_b/search_mask.hpp"
#include "gateway/ops/gateway_metrics.hpp"
#include "translators/sweden_dispense_to_edispensation/make_edispensation.hpp"
#include "translators/terminology/terminology.hpp"
#include "trust/xml/document.hpp"

namespace ncpeh::gateway::ncp_b {

/// A partner country whose NCP-A Swedish pharmacies may dispense from: where its services
/// are, how long we wait for them, and how its patients are identified.
struct partner_country {
    std::string country;            ///< ISO 3166-1 alpha-2
    std::string home_community_id;  ///< bare OID
    std::string xcpd_url;
    std::string xca_url;
    std::string xdr_url;
    std::chrono::milliseconds timeout{10000};
    ncp_b::search_mask search_mask;

    /// The endpoint of one of its services.
    partner_endpoint endpoint(const std::string& url) const { return {country, url, timeout}; }
};

/// What the country-B transactions read, built once at start-up from the configuration and
/// shared read-only. The pointed-to tables outlive the listener.
struct country_b_settings {
    assertion_issuer issuer;
    std::string home_community_id;  ///< ours, bare OID (XCPD sender)
    std::vector<partner_country> partners;
    trust::xml::parse_limits xml_limits;
    const translators::terminology::terminology* tables = nullptr;
    /// How long a pharmacist's session (and its HCP assertion) lasts; at most 4 h.
    std::chrono::seconds session_duration = std::chrono::hours(4);
    /// The Swedish calendar date for the view's validity warnings; nullopt = today.
    std::optional<std::chrono::year_month_day> fixed_today;
    /// Supply id root, custodian and mapping policy of the SE dispense → eD translation.
    translators::sweden_dispense_to_edispensation::edispensation_settings edispensation;
    /// The pharmacies whose systems may call (their HCP assertions name them).
    std::vector<pharmacy> pharmacies;
    /// How long a new dispensation waits for the foreign NCP-A before it is answered as queued.
    std::chrono::milliseconds delivery_deadline{3000};
};

/// The settings of `c` (partners with a search mask, pharmacies, the eD translation, the session
/// length), signing with `seal`. Errors: `errc::config_invalid` for a search mask whose pattern
/// does not compile (check-config reports it first).
result<country_b_settings> country_b_settings_of(
    const config::configuration& c, const translators::terminology::terminology& tables,
    const trust::xmldsig::signing_credential_slot& seal);

/// The outbox delivery's settings of `c`.
delivery_settings delivery_settings_of(const config::configuration& c);

/// The pharmacy with this GLN, or null.
const pharmacy* pharmacy_by_gln(const country_b_settings& settings, std::string_view gln) noexcept;

/// The partner called `country`. Errors: `errc::country_unknown`.
result<const partner_country*> partner_for(const country_b_settings& settings,
                                           std::string_view country);

/// The shared, thread-safe services the country-B transactions call.
class assertion_reserve;

struct country_b_services {
    national_store::store& store;
    audit::audit_trail& audit;
    /// Mutual-TLS connections to the partners' NCP-A, kept alive.
    net::http_client& partners;
    /// Accepted dispensations, committed before the pharmacy is answered, and their delivery.
    dispensation_outbox& outbox;
    outbox_delivery* delivery = nullptr;
    /// Assertions signed ahead of the next call (null: each call signs its own).
    assertion_reserve* assertions = nullptr;
    /// The calls to foreign NCP-As counted for `/metrics` (direction "outbound"); none: not
    /// counted.
    ops::gateway_metrics* metrics = nullptr;
};

}  // namespace ncpeh::gateway::ncp_b
