#pragma once

#include <chrono>
#include <span>
#include <string>
#include <string_view>

#include "trust/error/error.hpp"
#include "trust/x509/certificate.hpp"
#include "trust/x509/certificate_purpose.hpp"
#include "trust/x509/chain_verdict.hpp"
#include "trust/x509/trust_store.hpp"

namespace ncpeh::trust::x509 {

/// Validates `leaf` for `purpose` at time `at`: path to an anchor of `store` (whose kind must be
/// the one for `purpose`), every certificate valid at `at`, CRL check when the store has a CRL
/// from the leaf's issuer (an out-of-date CRL fails closed), then key usage / extended key usage.
/// `intermediates` are untrusted helpers for path building.
/// Errors: `certificate_expired`, `certificate_not_yet_valid`, `certificate_revoked`,
/// `certificate_untrusted`, `certificate_wrong_usage`; context names the failing subject.
/// A success (without `intermediates`) is remembered in `store.verified_chains()` and reused for
/// times inside its window, where a fresh check gives the same answer.
/// Thread-safe (the store is only read; its caches lock).
result<chain_verdict> verify_certificate(const trust_store& store, const certificate& leaf,
                                         certificate_purpose purpose,
                                         std::chrono::system_clock::time_point at,
                                         std::span<const certificate> intermediates = {});

}  // namespace ncpeh::trust::x509
