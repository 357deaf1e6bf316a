#include "gateway/net/handshake_failure.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/error.hpp>

namespace ncpeh::gateway::net {

handshake_failure handshake_failure_of(const boost::system::error_code& ec) noexcept {
    if (ec == boost::beast::error::timeout) {
        return handshake_failure::timeout;
    }
    if (ec == boost::asio::error::operation_aborted) {
        return handshake_failure::cancelled;
    }
    if (ec.category() != boost::asio::error::get_ssl_category()) {
        return handshake_failure::other;
    }
    switch (ERR_GET_REASON(static_cast<unsigned long>(ec.value()))) {
        case SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE:
            return handshake_failure::no_certificate;
        case SSL_R_CERTIFICATE_VERIFY_FAILED:
            return handshake_failure::untrusted_certificate;
        case SSL_R_UNSUPPORTED_PROTOCOL:
        case SSL_R_WRONG_VERSION_NUMBER:
        case SSL_R_NO_SHARED_CIPHER:
        case SSL_R_HTTP_REQUEST:
        case SSL_R_VERSION_TOO_LOW:
        case SSL_R_NO_PROTOCOLS_AVAILABLE:
            return handshake_failure::protocol;
        default:
            return handshake_failure::other;
    }
}

std::string_view name_of(handshake_failure failure) noexcept {
    switch (failure) {
        case handshake_failure::no_certificate:
            return "no_certificate";
        case handshake_failure::untrusted_certificate:
            return "untrusted_certificate";
        case handshake_failure::protocol:
            return "protocol";
        case handshake_failure::timeout:
            return "timeout";
        case handshake_failure::cancelled:
            return "cancelled";
        case handshake_failure::other:
            return "other";
    }
    return "other";
}

}  // namespace ncpeh::gateway::net
