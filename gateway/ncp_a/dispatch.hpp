#pragma once

#include <boost/asio/awaitable.hpp>

#include "gateway/server/https_server.hpp"
#include "trust/xml/document.hpp"

namespace ncpeh::gateway::ncp_a {

/// The cross-border transactions Sweden answers as country A, keyed by wsa:Action
/// (ehdsi-protocol.md §1): XCPD ITI-55, XCA ITI-38 / ITI-39, XDR ITI-41.
enum class transaction { xcpd, xca_query, xca_retrieve, xdr_submit, unknown };

transaction transaction_of(std::string_view action) noexcept;

/// Everything the dispatcher needs, built once at start-up and shared read-only.
struct dispatch_settings {
    trust::xml::parse_limits xml_limits;
};

/// Decodes one HTTP request as SOAP (plain or MTOM) and routes it by wsa:Action. Decoding
/// failures and unknown actions are answered with a SOAP fault. Thread-safe.
boost::asio::awaitable<server::response> dispatch(const dispatch_settings& settings,
                                                  const server::peer& caller,
                                                  server::request&& req);

}  // namespace ncpeh::gateway::ncp_a
