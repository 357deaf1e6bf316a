#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "trust/x509/certificate.hpp"
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
/// certificate, the purpose, and the time — and a verdict is reused only for times inside its
/// `verdict_window`. Failures are never remembered.
/// The key is the certificate object itself: the store's `certificate_cache` hands out the same
/// decoded X509 for the same ds:X509Certificate text, and each entry holds a reference to it, so
/// the address cannot be reused for another certificate while the entry exists. (Hashing the DER
/// instead cost as much as the chain check it saves.) Bounded (cleared when full); thread-safe.
class chain_verdict_cache {
  public:
    explicit chain_verdict_cache(std::size_t capacity = 256) : capacity_(capacity) {}

    /// The remembered verdict for `leaf`, if it was validated for `purpose` and `at` lies
    /// inside its window.
    std::optional<chain_verdict> find(const certificate& leaf, certificate_purpose purpose,
                                      std::chrono::sys_seconds at) const;
    void remember(const certificate& leaf, certificate_purpose purpose, chain_verdict verdict,
                  verdict_window window) const;
    std::size_t size() const;

  private:
    struct key {
        const X509* leaf;
        certificate_purpose purpose;
        bool operator==(const key&) const = default;
    };
    struct key_hash {
        std::size_t operator()(const key& k) const noexcept {
            return std::hash<const X509*>{}(k.leaf) ^ static_cast<std::size_t>(k.purpose);
        }
    };
    struct entry {
        certificate held;  // keeps the keyed address owned
        chain_verdict verdict;
        verdict_window window;
    };

    std::size_t capacity_;
    mutable std::mutex mutex_;
    mutable std::unordered_map<key, entry, key_hash> verdicts_;
};

}  // namespace ncpeh::trust::x509
