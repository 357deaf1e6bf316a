#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace ncpeh::trust::x509 {

/// Whether revocation was established. `not_checked` is an honest verdict, not a failure: the
/// store holds no CRL from the certificate's issuer (the real eHDSI test CA ships none).
enum class revocation_status { checked_not_revoked, not_checked };

std::string_view name_of(revocation_status status) noexcept;

/// What a successful chain validation established.
struct chain_verdict {
    std::string subject;
    std::string issuer;
    std::string country;  ///< subject C=, upper case, empty when absent
    std::chrono::sys_seconds not_before;
    std::chrono::sys_seconds not_after;
    revocation_status revocation = revocation_status::not_checked;
};

}  // namespace ncpeh::trust::x509
