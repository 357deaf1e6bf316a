#include "gateway/net/tls_context.hpp"

#include <boost/asio/ip/address.hpp>

#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

namespace ncpeh::gateway::net {

namespace ssl = boost::asio::ssl;

namespace {

// TLS 1.2 suites: forward secrecy and AEAD only. TLS 1.3 suites are OpenSSL's defaults.
constexpr const char* tls12_ciphers =
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES128-GCM-SHA256:"
    "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

error tls_error(std::string what, const std::filesystem::path& file) {
    return make_error(errc::config_invalid, std::move(what)).with("file", file.string());
}

result<void> load_crls(SSL_CTX* ctx, const std::vector<std::filesystem::path>& crls) {
    if (crls.empty()) {
        return {};
    }
    X509_STORE* store = SSL_CTX_get_cert_store(ctx);
    for (const auto& file : crls) {
        std::unique_ptr<FILE, decltype(&std::fclose)> handle(std::fopen(file.c_str(), "rb"),
                                                             &std::fclose);
        if (!handle) {
            return tls_error("cannot read CRL", file);
        }
        std::unique_ptr<X509_CRL, decltype(&X509_CRL_free)> crl(
            PEM_read_X509_CRL(handle.get(), nullptr, nullptr, nullptr), &X509_CRL_free);
        if (!crl || X509_STORE_add_crl(store, crl.get()) != 1) {
            return tls_error("cannot load CRL", file);
        }
    }
    X509_STORE_set_flags(store, X509_V_FLAG_CRL_CHECK | X509_V_FLAG_CRL_CHECK_ALL);
    return {};
}

result<void> configure_common(ssl::context& context, const tls_settings& s, bool is_server) {
    SSL_CTX* ctx = context.native_handle();
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    context.set_options(ssl::context::default_workarounds | ssl::context::no_compression |
                        ssl::context::single_dh_use);
    if (SSL_CTX_set_cipher_list(ctx, tls12_ciphers) != 1) {
        return make_error(errc::internal, "OpenSSL refused the TLS 1.2 cipher list");
    }
    boost::system::error_code ec;
    if (!s.credential.certificate.empty()) {
        if (s.credential.key_password) {
            context.set_password_callback(
                [password = s.credential.key_password->value](
                    std::size_t, ssl::context::password_purpose) { return password; });
        }
        context.use_certificate_chain_file(s.credential.certificate.string(), ec);
        if (ec) {
            return tls_error("cannot load certificate: " + ec.message(), s.credential.certificate);
        }
        context.use_private_key_file(s.credential.private_key.string(), ssl::context::pem, ec);
        if (ec) {
            return tls_error("cannot load private key: " + ec.message(), s.credential.private_key);
        }
    }
    context.load_verify_file(s.anchors.string(), ec);
    if (ec) {
        return tls_error("cannot load trust anchors: " + ec.message(), s.anchors);
    }
    // The peer's certificate must be fit for its role in this connection.
    SSL_CTX_set_purpose(ctx, is_server ? X509_PURPOSE_SSL_CLIENT : X509_PURPOSE_SSL_SERVER);
    return load_crls(ctx, s.crls);
}

}  // namespace

result<std::unique_ptr<ssl::context>> make_server_tls_context(const tls_settings& s) {
    auto context = std::make_unique<ssl::context>(ssl::context::tls_server);
    if (auto ok = configure_common(*context, s, true); !ok) {
        return ok.error();
    }
    context->set_verify_mode(ssl::verify_peer | ssl::verify_fail_if_no_peer_cert);
    return context;
}

result<std::unique_ptr<ssl::context>> make_client_tls_context(const tls_settings& s) {
    auto context = std::make_unique<ssl::context>(ssl::context::tls_client);
    if (auto ok = configure_common(*context, s, false); !ok) {
        return ok.error();
    }
    context->set_verify_mode(ssl::verify_peer);
    return context;
}

tls_context_source fixed_tls_context(ssl::context& context) {
    return [&context] { return std::shared_ptr<ssl::context>(std::shared_ptr<void>(), &context); };
}

bool is_ip_literal(const std::string& host) {
    boost::system::error_code ec;
    boost::asio::ip::make_address(host, ec);
    return !ec;
}

bool expect_server_name(SSL* ssl, const std::string& host) {
    X509_VERIFY_PARAM* param = SSL_get0_param(ssl);
    X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
    if (is_ip_literal(host)) {
        return X509_VERIFY_PARAM_set1_ip_asc(param, host.c_str()) == 1;
    }
    // SSL_set_tlsext_host_name, without its macro's C-style cast.
    const bool sni = SSL_ctrl(ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                              const_cast<char*>(host.c_str())) == 1;
    return sni && X509_VERIFY_PARAM_set1_host(param, host.c_str(), host.size()) == 1;
}

}  // namespace ncpeh::gateway::net
