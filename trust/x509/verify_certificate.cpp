#include "trust/x509/verify_certificate.hpp"

#include <openssl/err.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <optional>

#include "trust/x509/asn1_time.hpp"

namespace ncpeh::trust::x509 {

namespace {

std::chrono::sys_seconds to_sys_seconds(const ASN1_TIME* time) {
    return time_of(time).value_or(std::chrono::sys_seconds{});
}

error chain_error(X509_STORE_CTX* ctx) {
    const int code = X509_STORE_CTX_get_error(ctx);
    const int depth = X509_STORE_CTX_get_error_depth(ctx);
    X509* failing = X509_STORE_CTX_get_current_cert(ctx);
    std::string who;
    if (failing != nullptr) {
        X509_up_ref(failing);
        who = certificate(x509_ptr(failing)).subject();
    }
    errc kind = errc::certificate_untrusted;
    std::string what;
    switch (code) {
        case X509_V_ERR_CERT_HAS_EXPIRED:
            kind = errc::certificate_expired;
            what = "certificate has expired";
            break;
        case X509_V_ERR_CERT_NOT_YET_VALID:
            kind = errc::certificate_not_yet_valid;
            what = "certificate is not yet valid";
            break;
        case X509_V_ERR_CERT_REVOKED:
            kind = errc::certificate_revoked;
            what = "certificate is revoked";
            break;
        case X509_V_ERR_CRL_HAS_EXPIRED:
        case X509_V_ERR_CRL_NOT_YET_VALID:
            what = std::string("revocation cannot be established: ") +
                   X509_verify_cert_error_string(code);
            break;
        default:
            what =
                std::string("certificate is not trusted: ") + X509_verify_cert_error_string(code);
            break;
    }
    return make_error(kind, what)
        .with("subject", who)
        .with("depth", std::to_string(depth))
        .with("openssl", std::to_string(code));
}

bool has_ku(X509* cert, uint32_t bits) {
    return (X509_get_extension_flags(cert) & EXFLAG_KUSAGE) == 0 ||
           (X509_get_key_usage(cert) & bits) != 0;
}

bool has_eku(X509* cert, uint32_t bit) {
    return (X509_get_extension_flags(cert) & EXFLAG_XKUSAGE) == 0 ||
           (X509_get_extended_key_usage(cert) & bit) != 0;
}

result<void> check_usage(const certificate& leaf, certificate_purpose purpose) {
    X509* cert = leaf.get();
    auto wrong = [&](std::string message) {
        return make_error(errc::certificate_wrong_usage, std::move(message))
            .with("subject", leaf.subject())
            .with("purpose", std::string(name_of(purpose)));
    };
    if ((X509_get_extension_flags(cert) & EXFLAG_CA) != 0) {
        return wrong("a CA certificate may not be used as an end-entity certificate");
    }
    switch (purpose) {
        case certificate_purpose::tls_client:
            if (!has_ku(cert, KU_DIGITAL_SIGNATURE | KU_KEY_AGREEMENT)) {
                return wrong("key usage lacks digitalSignature for TLS");
            }
            if (!has_eku(cert, XKU_SSL_CLIENT)) {
                return wrong("extended key usage lacks clientAuth");
            }
            break;
        case certificate_purpose::tls_server:
            if (!has_ku(cert, KU_DIGITAL_SIGNATURE | KU_KEY_ENCIPHERMENT | KU_KEY_AGREEMENT)) {
                return wrong("key usage does not allow a TLS server key exchange");
            }
            if (!has_eku(cert, XKU_SSL_SERVER)) {
                return wrong("extended key usage lacks serverAuth");
            }
            break;
        case certificate_purpose::assertion_signing:
        case certificate_purpose::metadata_signing:
            if (!has_ku(cert, KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION)) {
                return wrong("key usage lacks digitalSignature and nonRepudiation");
            }
            break;
    }
    return {};
}

// The times at which this successful validation would come out the same: every certificate
// of the chain valid, and the issuer's CRLs (when consulted) current.
verdict_window window_of(X509_STORE_CTX* ctx, const trust_store& store, const X509_NAME* issuer,
                         bool crl_checked) {
    verdict_window window{std::chrono::sys_seconds::min(), std::chrono::sys_seconds::max()};
    bool unreadable = false;
    auto narrow = [&](const ASN1_TIME* from, const ASN1_TIME* until) {
        const auto start = time_of(from);
        if (!start) {
            unreadable = true;
            return;
        }
        window.from = std::max(window.from, *start);
        if (until != nullptr) {  // a CRL without nextUpdate never goes stale
            const auto end = time_of(until);
            if (!end) {
                unreadable = true;
                return;
            }
            window.until = std::min(window.until, *end);
        }
    };
    STACK_OF(X509)* chain = X509_STORE_CTX_get0_chain(ctx);
    if (chain == nullptr || sk_X509_num(chain) == 0) {
        return {};  // empty: nothing to remember
    }
    for (int i = 0; i < sk_X509_num(chain); ++i) {
        X509* cert = sk_X509_value(chain, i);
        narrow(X509_get0_notBefore(cert), X509_get0_notAfter(cert));
    }
    if (crl_checked) {
        for (const x509_crl_ptr& crl : store.crls()) {
            if (X509_NAME_cmp(X509_CRL_get_issuer(crl.get()), issuer) == 0) {
                narrow(X509_CRL_get0_lastUpdate(crl.get()), X509_CRL_get0_nextUpdate(crl.get()));
            }
        }
    }
    return unreadable ? verdict_window{} : window;
}

}  // namespace

std::string_view name_of(revocation_status status) noexcept {
    return status == revocation_status::checked_not_revoked ? "checked, not revoked"
                                                            : "revocation not checked";
}

result<chain_verdict> verify_certificate(const trust_store& store, const certificate& leaf,
                                         certificate_purpose purpose,
                                         std::chrono::system_clock::time_point at,
                                         std::span<const certificate> intermediates) {
    if (store.kind() != store_for(purpose)) {
        return make_error(errc::internal, "trust store of the wrong kind for this purpose")
            .with("store", std::string(name_of(store.kind())))
            .with("purpose", std::string(name_of(purpose)));
    }
    // Path building with helper certificates is not cached: the key would have to cover them.
    const bool cacheable = intermediates.empty();
    const auto at_seconds = std::chrono::floor<std::chrono::seconds>(at);
    if (cacheable) {
        if (auto known = store.verified_chains().find(leaf, purpose, at_seconds)) {
            return std::move(*known);
        }
    }
    x509_stack_ptr untrusted(sk_X509_new_null());
    if (!untrusted) {
        return make_error(errc::internal, "OpenSSL could not allocate a certificate stack");
    }
    for (const certificate& extra : intermediates) {
        X509_up_ref(extra.get());
        if (sk_X509_push(untrusted.get(), extra.get()) == 0) {
            X509_free(extra.get());
            return make_error(errc::internal, "OpenSSL could not grow a certificate stack");
        }
    }
    x509_store_ctx_ptr ctx(X509_STORE_CTX_new());
    if (!ctx || X509_STORE_CTX_init(ctx.get(), store.get(), leaf.get(), untrusted.get()) != 1) {
        ERR_clear_error();
        return make_error(errc::internal, "OpenSSL could not initialise a verification context");
    }
    X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(ctx.get());
    X509_VERIFY_PARAM_set_time(param, std::chrono::system_clock::to_time_t(at));
    const bool crl_available = store.has_crl_from(X509_get_issuer_name(leaf.get()));
    if (crl_available) {
        X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_CRL_CHECK);
    }
    if (X509_verify_cert(ctx.get()) != 1) {
        error failure = chain_error(ctx.get());
        ERR_clear_error();
        return failure;
    }
    if (auto usage = check_usage(leaf, purpose); !usage) {
        return usage.error();
    }
    chain_verdict verdict;
    verdict.subject = leaf.subject();
    verdict.issuer = leaf.issuer();
    verdict.country = leaf.country();
    verdict.not_before = to_sys_seconds(X509_get0_notBefore(leaf.get()));
    verdict.not_after = to_sys_seconds(X509_get0_notAfter(leaf.get()));
    verdict.revocation =
        crl_available ? revocation_status::checked_not_revoked : revocation_status::not_checked;
    if (cacheable) {
        store.verified_chains().remember(
            leaf, purpose, verdict,
            window_of(ctx.get(), store, X509_get_issuer_name(leaf.get()), crl_available));
    }
    return verdict;
}

}  // namespace ncpeh::trust::x509
