#pragma once

#include <chrono>
#include <span>
#include <string>
#include <string_view>

#include "trust/error/error.hpp"
#include "trust/x509/certificate.hpp"
#include "trust/x509/certificate_purpose.hpp"
#include "trust/x509/trust_store.hpp"

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

/// Validates `leaf` for `purpose` at time `at`: path to an anchor of `store` (whose kind must be
/// the one for `purpose`), every certificate valid at `at`, CRL check when the store has a CRL
/// from the leaf's issuer (an out-of-date CRL fails closed), then key usage / extended key usage.
/// `intermediates` are untrusted helpers for path building.
/// Errors: `certificate_expired`, `certificate_not_yet_valid`, `certificate_revoked`,
/// `certificate_untrusted`, `certificate_wrong_usage`; context names the failing subject.
/// Thread-safe (the store is only read).
result<chain_verdict> verify_certificate(const trust_store& store, const certificate& leaf,
                                         certificate_purpose purpose,
                                         std::chrono::system_clock::time_point at,
                                         std::span<const certificate> intermediates = {});

}  // namespace ncpeh::trust::x509
