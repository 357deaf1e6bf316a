#pragma once

#include <boost/system/error_code.hpp>

#include <array>
#include <string_view>

namespace ncpeh::gateway::net {

/// Why a TLS handshake failed, in a few kinds an operator can act on (a bounded metric label).
enum class handshake_failure {
    no_certificate,         ///< the client presented no certificate
    untrusted_certificate,  ///< it did not verify: unknown CA, expired, revoked, wrong purpose
    protocol,               ///< no common protocol version or cipher, or not TLS at all
    timeout,                ///< the handshake did not finish in time
    cancelled,              ///< evicted to make room, or the server shut down
    other,
};

inline constexpr std::array all_handshake_failures{
    handshake_failure::no_certificate, handshake_failure::untrusted_certificate,
    handshake_failure::protocol,       handshake_failure::timeout,
    handshake_failure::cancelled,      handshake_failure::other};

/// The kind of a failed handshake's error.
handshake_failure handshake_failure_of(const boost::system::error_code& ec) noexcept;

/// "no_certificate", "untrusted_certificate", …
std::string_view name_of(handshake_failure failure) noexcept;

}  // namespace ncpeh::gateway::net
