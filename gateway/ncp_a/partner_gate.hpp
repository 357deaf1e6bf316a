#pragma once

#include <boost/asio/awaitable.hpp>

#include <functional>
#include <string>

#include "gateway/ncp_a/partner_directory.hpp"
#include "gateway/net/http_server.hpp"

namespace ncpeh::gateway::ncp_a {

/// Who is calling: the partner country mapped from its verified TLS client certificate.
struct peer {
    std::string country;
    std::string certificate_sha256;
    std::string remote_address;
    std::string certificate_common_name = {};  ///< CN of the TLS client certificate (audit)
};

using partner_handler =
    std::function<boost::asio::awaitable<net::response>(const peer&, net::request&&)>;

/// The cross-border listener's authentication policy: the TLS layer has verified the client
/// certificate against the partner anchors; this admits only certificates configured for a
/// partner (anything else gets 403 with an eHDSI SOAP fault and the application never sees it),
/// and turns an exception escaping `handler` into a SOAP fault instead of a plain 500.
net::request_handler admit_partners(partner_directory partners, partner_handler handler);

}  // namespace ncpeh::gateway::ncp_a
