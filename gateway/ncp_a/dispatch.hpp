#pragma once

#include <boost/asio/awaitable.hpp>

#include "gateway/ncp_a/partner_gate.hpp"
#include "gateway/ncp_a/responder_settings.hpp"

namespace ncpeh::gateway::ncp_a {

/// The cross-border transactions Sweden answers as country A, keyed by wsa:Action
/// (ehdsi-protocol.md §1): XCPD ITI-55, XCA ITI-38 / ITI-39, XDR ITI-41.
enum class transaction { xcpd, xca_query, xca_retrieve, xdr_submit, unknown };

transaction transaction_of(std::string_view action) noexcept;

/// Decodes one HTTP request as SOAP (plain or MTOM) and hands it to its transaction's stages
/// (`xcpd::answer_xcpd`, `xca_query::answer_xca_query`, `xca_retrieve::answer_xca_retrieve`,
/// `xdr_submit::answer_xdr_submit`) by wsa:Action. Decoding failures and unknown actions are
/// answered with a SOAP fault; everything later in the transaction's own response shape.
/// Thread-safe.
boost::asio::awaitable<net::response> dispatch(const responder_settings& settings,
                                               responder_services& services, const peer& caller,
                                               net::request&& req);

}  // namespace ncpeh::gateway::ncp_a
