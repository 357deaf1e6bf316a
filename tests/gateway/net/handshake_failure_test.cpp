#include "gateway/net/handshake_failure.hpp"

#include <catch2/catch.hpp>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/error.hpp>

using namespace ncpeh::gateway::net;

namespace {

boost::system::error_code ssl_error(int reason) {
    return {static_cast<int>(ERR_PACK(ERR_LIB_SSL, 0, reason)),
            boost::asio::error::get_ssl_category()};
}

}  // namespace

TEST_CASE("failed handshakes are sorted into the kinds an operator acts on") {
    CHECK(handshake_failure_of(ssl_error(SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE)) ==
          handshake_failure::no_certificate);
    CHECK(handshake_failure_of(ssl_error(SSL_R_CERTIFICATE_VERIFY_FAILED)) ==
          handshake_failure::untrusted_certificate);
    CHECK(handshake_failure_of(ssl_error(SSL_R_HTTP_REQUEST)) == handshake_failure::protocol);
    CHECK(handshake_failure_of(ssl_error(SSL_R_UNSUPPORTED_PROTOCOL)) ==
          handshake_failure::protocol);
    CHECK(handshake_failure_of(boost::beast::error::timeout) == handshake_failure::timeout);
    CHECK(handshake_failure_of(boost::asio::error::operation_aborted) ==
          handshake_failure::cancelled);
    CHECK(handshake_failure_of(boost::asio::error::connection_reset) == handshake_failure::other);
    CHECK(name_of(handshake_failure::untrusted_certificate) == "untrusted_certificate");
}
