#pragma once

#include <boost/asio/awaitable.hpp>

#include "gateway/ncp_a/exchange.hpp"
#include "gateway/ncp_a/responder_settings.hpp"
#include "trust/saml/transaction.hpp"
#include "trust/saml/verified_assertions.hpp"

namespace ncpeh::gateway::ncp_a {

/// The security stage every transaction runs first, before any national system is touched
/// (architecture.md): the HCP (and, except for XCPD, TRC) assertions of the envelope verified —
/// signature binding, signer chain to the assertion anchors at the time of receipt, eHDSI
/// policy for `tx`, signer country = the TLS partner's country — and remembered in the replay
/// cache. Fails closed with the first error in check order. Logs the outcome without personal
/// data. Runs on `services.heavy_work` when the replay cache waits for a database
/// (`services.replay_blocks`), otherwise right here.
boost::asio::awaitable<result<trust::saml::verified_assertions>> verify_caller(
    const responder_settings& settings, responder_services& services, const exchange& ex,
    trust::saml::transaction tx);

}  // namespace ncpeh::gateway::ncp_a
