#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <string>
#include <vector>

#include "gateway/ihe/transaction.hpp"
#include "gateway/net/http_client.hpp"
#include "gateway/soap/multipart.hpp"
#include "gateway/soap/response.hpp"
#include "trust/error/error.hpp"
#include "trust/xml/document.hpp"

namespace ncpeh::gateway::ncp_b {

/// Where one service of a foreign NCP-A listens (from the configuration, later from SMP).
struct partner_endpoint {
    std::string country;                       ///< ISO 3166-1 alpha-2, for logs and errors
    std::string url;                           ///< https://HOST[:PORT]/PATH, the wsa:To of requests
    std::chrono::milliseconds timeout{30000};  ///< the whole exchange: connect to last byte
};

/// One request to send: the transaction (its request action), our `<wsse:Security>` header
/// (`soap::write_security_header`), the IHE body (one element, no XML declaration) and, for MTOM,
/// the parts its xop:Include elements name.
struct soap_call {
    ihe::transaction transaction;
    std::string security_header;
    std::string body;
    std::vector<soap::mime_part> attachments;
    /// The wsa:MessageID to send (the caller audits it); empty: a fresh one.
    std::string message_id = {};
};

/// A partner's answer, with what the ATNA audit says about who gave it.
struct partner_answer : soap::decoded_response {
    /// CN of the partner's TLS server certificate.
    std::string server_certificate_cn = {};
};

/// How answers are read.
struct call_limits {
    /// The hardened parser's limits for the answer envelope; room for a plain-SOAP retrieve
    /// answer with the documents inline (base64) up to the client's 32 MiB body limit.
    trust::xml::parse_limits xml{.max_bytes = 32 * 1024 * 1024};
    /// Accept http:// URLs (tests against plain servers); partners are always https.
    bool allow_plain_http_for_test = false;
};

/// One SOAP 1.2 exchange with a foreign NCP-A, in order:
/// 1. the URL (Boost.URL): https only, no user info;
/// 2. the envelope: a fresh wsa:MessageID, wsa:Action = `ihe::request_action(tx)`, wsa:To = the
///    URL, wsa:ReplyTo anonymous, the security header verbatim; sent as application/soap+xml
///    (with the action parameter), or as MTOM when there are attachments;
/// 3. POST through `client` (mutual TLS, kept-alive connections) within `partner.timeout`;
/// 4. the answer decoded through the hardened parser (plain SOAP 1.2 or MTOM);
/// 5. a SOAP fault, whatever the HTTP status, is the partner's refusal (`soap::fault_of`);
/// 6. any other answer must be a 2xx, carry wsa:Action = `ihe::response_action(tx)` and, when it
///    carries wsa:RelatesTo, our MessageID (OpenNCP peers sometimes omit it).
/// Errors: `foreign_ncp_unreachable` (also for an unusable URL), `foreign_ncp_timeout`,
/// `foreign_ncp_answer_invalid` (context "http_status", "action" or "cause" as relevant),
/// `foreign_ncp_refused` (context "remote_code"); each also has context "country" and
/// "message_id". Logs one line per call ("partner.call"): MessageID, country, action, HTTP
/// status, elapsed µs and the error code — never the bodies or the partner's fault text.
/// `client` and `partner` must outlive the call (co_await it; do not co_spawn it detached).
boost::asio::awaitable<result<partner_answer>> call_partner(net::http_client& client,
                                                            const partner_endpoint& partner,
                                                            soap_call call,
                                                            call_limits limits = {});

/// The host of a partner URL (the ATNA audit's network access point of the partner); empty
/// when the URL has none.
std::string host_of(const partner_endpoint& partner);

}  // namespace ncpeh::gateway::ncp_b
