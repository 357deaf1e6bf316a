#include "trust/x509/certificate_purpose.hpp"

namespace ncpeh::trust::x509 {

std::string_view name_of(store_kind kind) noexcept {
    switch (kind) {
        case store_kind::partner_tls:
            return "partner-tls";
        case store_kind::assertion_signatures:
            return "assertion-signatures";
        case store_kind::smp:
            return "smp";
    }
    return "unknown";
}

std::string_view name_of(certificate_purpose purpose) noexcept {
    switch (purpose) {
        case certificate_purpose::tls_client:
            return "tls-client";
        case certificate_purpose::tls_server:
            return "tls-server";
        case certificate_purpose::assertion_signing:
            return "assertion-signing";
        case certificate_purpose::metadata_signing:
            return "metadata-signing";
    }
    return "unknown";
}

}  // namespace ncpeh::trust::x509
