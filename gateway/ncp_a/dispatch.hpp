#pragma once

#include <boost/asio/awaitable.hpp>

#include "gateway/ncp_a/partner_gate.hpp"
#include "gateway/ncp_a/responder_settings.hpp"

namespace ncpeh::gateway::ncp_a {

/// Decodes one HTTP request as SOAP (plain or MTOM) and hands it to its transaction's stages
/// (`xcpd::answer_xcpd`, `xca_query::answer_xca_query`, `xca_retrieve::answer_xca_retrieve`,
/// `xdr_submit::answer_xdr_submit`) by wsa:Action (`ihe::transaction_of_action`). Decoding failures
/// and unknown actions are answered with a SOAP fault; everything later in the transaction's own
/// response shape. Thread-safe.
boost::asio::awaitable<net::response> dispatch(const responder_settings& settings,
                                               responder_services& services, const peer& caller,
                                               net::request&& req);

}  // namespace ncpeh::gateway::ncp_a
