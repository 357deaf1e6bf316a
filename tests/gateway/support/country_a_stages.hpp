#pragma once

#include <boost/asio/awaitable.hpp>

#include <string>

#include "gateway/ihe/transaction.hpp"
#include "gateway/ncp_a/exchange.hpp"
#include "gateway/ncp_a/responder_settings.hpp"
#include "samples/foreign-ncp/foreign_requests.hpp"
#include "tests/gateway/support/in_memory_national_store.hpp"
#include "tests/gateway/support/recording_audit_trail.hpp"
#include "trust/saml/in_memory_replay_cache.hpp"

namespace ncpeh::testing {

/// `body` in a SOAP envelope with the action of `tx` and assertions freshly signed for
/// `claims` (dev PKI), as the Finnish partner sends it.
std::string partner_envelope(gateway::ihe::transaction tx,
                             const samples::foreign_ncp::caller_claims& claims,
                             const std::string& body);

/// A country-A stage: `xcpd::answer_xcpd`, `xca_query::answer_xca_query`, …
using country_a_stage = boost::asio::awaitable<gateway::net::response> (*)(
    const gateway::ncp_a::responder_settings&, gateway::ncp_a::responder_services&,
    const gateway::ncp_a::exchange&);

/// The country-A stages in-process, with no process or socket: the settings of
/// config/ncpeh.example.toml (home community 2.999.752.1.1, prescription root 2.999.752.1.2,
/// the dev PKI's assertion anchors, the project's terminology, the seed's date), the seed in
/// an in-memory national store, a recording audit trail and a replay cache. Not thread-safe.
struct country_a_stages {
    in_memory_national_store store;
    recording_audit_trail audit;
    trust::saml::in_memory_replay_cache replay;
    gateway::ncp_a::responder_settings settings;
    gateway::ncp_a::responder_services services{store, audit, &replay};

    country_a_stages();

    /// Runs `stage` on a request of the Finnish partner (TLS country FI): `body` in a SOAP
    /// envelope with the action of `tx` and assertions signed for `claims` (dev PKI).
    gateway::net::response answer(country_a_stage stage, gateway::ihe::transaction tx,
                                  const samples::foreign_ncp::caller_claims& claims,
                                  const std::string& body);
    /// Runs `stage` on `envelope` (SOAP 1.2) from the Finnish partner.
    gateway::net::response answer(country_a_stage stage, const std::string& envelope);
    /// Runs `ncp_a::dispatch` on an HTTP request of the Finnish partner.
    gateway::net::response dispatch(gateway::net::request request);
};

}  // namespace ncpeh::testing
