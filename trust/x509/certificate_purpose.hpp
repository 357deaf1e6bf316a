#pragma once

#include <string_view>

namespace ncpeh::trust::x509 {

/// What a trust store vouches for. The gateway keeps one store per kind, never one shared
/// truststore (OpenNCP's single JKS validates everything with everything; architecture.md).
enum class store_kind {
    partner_tls,           ///< anchors of foreign NCPs' TLS certificates (eHDSI TLS)
    assertion_signatures,  ///< anchors of HCP/TRC/NoK assertion signers (eHDSI seal)
    smp,                   ///< anchors of SMP metadata signers
};

/// What a certificate is being accepted for; fixes the key usage / extended key usage rules and
/// which `store_kind` may vouch for it.
enum class certificate_purpose {
    tls_client,         ///< a partner NCP calling us (EKU clientAuth when EKU present)
    tls_server,         ///< a partner NCP we call (EKU serverAuth when EKU present)
    assertion_signing,  ///< signer of SAML assertions (KU digitalSignature or nonRepudiation)
    metadata_signing,   ///< signer of SMP metadata (KU digitalSignature or nonRepudiation)
};

/// The store kind that may vouch for `purpose`.
constexpr store_kind store_for(certificate_purpose purpose) noexcept {
    switch (purpose) {
        case certificate_purpose::tls_client:
        case certificate_purpose::tls_server:
            return store_kind::partner_tls;
        case certificate_purpose::assertion_signing:
            return store_kind::assertion_signatures;
        case certificate_purpose::metadata_signing:
            return store_kind::smp;
    }
    return store_kind::assertion_signatures;
}

std::string_view name_of(store_kind kind) noexcept;
std::string_view name_of(certificate_purpose purpose) noexcept;

}  // namespace ncpeh::trust::x509
