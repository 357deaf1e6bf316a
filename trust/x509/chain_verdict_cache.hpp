#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "trust/x509/certificate_purpose.hpp"
#include "trust/x509/chain_verdict.hpp"

namespace ncpeh::trust::x509 {

/// The span of time over which a successful chain validation gives the same answer: inside every
/// certificate's validity and every consulted CRL's update window, [from, until) in whole
/// seconds as OpenSSL compares them.
struct verdict_window {
    std::chrono::sys_seconds from;
    std::chrono::sys_seconds until;

    bool contains(std::chrono::sys_seconds at) const noexcept { return from <= at && at < until; }
};

/// Remembers successful validations of one trust store, so the few seal certificates that sign
/// every assertion are not re-validated on each request (a chain check costs as much as the
/// assertion's own signature check). This is safe because a validation depends on nothing but
/// the store (immutable: a change of anchors or CRLs is a new store with an empty cache), the
/// certificate's bytes (the key is their SHA-256), the purpose, and the time — and a verdict is
/// reused only for times inside its `verdict_window`. Failures are never remembered.
/// Bounded (cleared when full); thread-safe.
class chain_verdict_cache {
  public:
    explicit chain_verdict_cache(std::size_t capacity = 256) : capacity_(capacity) {}

    /// The remembered verdict for the certificate with DER SHA-256 `fingerprint`, if it was
    /// validated for `purpose` and `at` lies inside its window.
    std::optional<chain_verdict> find(std::string_view fingerprint, certificate_purpose purpose,
                                      std::chrono::sys_seconds at) const;
    void remember(std::string fingerprint, certificate_purpose purpose, chain_verdict verdict,
                  verdict_window window) const;
    std::size_t size() const;

  private:
    struct entry {
        chain_verdict verdict;
        verdict_window window;
    };
    static std::string key_of(std::string_view fingerprint, certificate_purpose purpose);

    std::size_t capacity_;
    mutable std::mutex mutex_;
    mutable std::unordered_map<std::string, entry> verdicts_;
};

}  // namespace ncpeh::trust::x509
