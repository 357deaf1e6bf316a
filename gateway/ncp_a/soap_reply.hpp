#pragma once

#include <string>
#include <string_view>

#include "gateway/ncp_a/exchange.hpp"
#include "gateway/ncp_a/partner_gate.hpp"
#include "gateway/soap/envelope.hpp"
#include "gateway/soap/multipart.hpp"
#include "gateway/soap/response.hpp"

namespace ncpeh::gateway::ncp_a {

/// The WS-Addressing headers of our answer to `ex`: `action`, RelatesTo its MessageID, and
/// `ex.response_message_id` (a fresh MessageID when that is empty).
soap::response_addressing reply_headers(const exchange& ex, std::string action);

/// HTTP 200 with `body_xml` (one element) in a plain SOAP 1.2 envelope.
net::response soap_reply(const exchange& ex, std::string action, std::string_view body_xml);

/// HTTP 200 carrying an MTOM message (ITI-39 answers).
net::response mtom_reply(const exchange& ex, soap::mtom_message message);

/// A SOAP fault for `e` with the HTTP status SOAP 1.2 over HTTP gives its fault code, relating
/// to the request when its headers could be read.
net::response fault_reply(const error& e, const soap::addressing* request_headers,
                          unsigned http_version);

}  // namespace ncpeh::gateway::ncp_a
