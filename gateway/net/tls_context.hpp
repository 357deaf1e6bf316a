#pragma once

#include <boost/asio/ssl/context.hpp>

#include <openssl/ssl.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "config/configuration.hpp"
#include "trust/error/error.hpp"

namespace ncpeh::gateway::net {

/// TLS settings for one purpose: our credential, the anchors we accept peers from, and CRLs.
struct tls_settings {
    config::credential credential;
    std::filesystem::path anchors;
    std::vector<std::filesystem::path> crls;
};

/// The context of the cross-border listener (trust-audit-operations.md §1.3): TLS 1.2 minimum,
/// ECDHE + AEAD suites, a client certificate required, verified against `anchors` only, with
/// clientAuth purpose and CRL checks on the whole chain when CRLs are given.
/// Shared by all sessions; built once at start-up.
result<std::unique_ptr<boost::asio::ssl::context>> make_server_tls_context(const tls_settings& s);

/// The context for calling partners and for tests: TLS 1.2 minimum, the server certificate
/// verified against `anchors` with serverAuth purpose, our credential presented when given.
result<std::unique_ptr<boost::asio::ssl::context>> make_client_tls_context(const tls_settings& s);

/// Where a listener or a client takes the TLS context of each new connection: the one in force
/// now. A reload of the trust material (`ops::trust_reloader`) replaces it; a connection keeps
/// the context it started with, co-owning it, until it ends. Thread-safe.
using tls_context_source = std::function<std::shared_ptr<boost::asio::ssl::context>()>;

/// A source that always gives `context`, not owned: it must outlive every connection.
tls_context_source fixed_tls_context(boost::asio::ssl::context& context);

/// Whether `host` is an IPv4 or IPv6 address rather than a name.
bool is_ip_literal(const std::string& host);

/// Before a client handshake: SNI (for names; RFC 6066 forbids IP addresses there) and the name
/// or address the server certificate must carry (RFC 6125: SAN entries, no partial wildcards).
/// False when OpenSSL refuses the settings.
bool expect_server_name(SSL* ssl, const std::string& host);

}  // namespace ncpeh::gateway::net
