#pragma once

#include <atomic>
#include <memory>

#include "trust/xmldsig/signing_credential.hpp"

namespace ncpeh::trust::xmldsig {

/// The seal in force, replaceable at run time (a rotated seal certificate and key) without
/// locking signers out: each signature takes a snapshot with `current()` and signs with it, so
/// a swap never changes the key under a running signature (as `x509::trust_store_slot`).
class signing_credential_slot {
  public:
    explicit signing_credential_slot(std::shared_ptr<const signing_credential> initial) noexcept
        : current_(std::move(initial)) {}

    std::shared_ptr<const signing_credential> current() const noexcept {
        return current_.load(std::memory_order_acquire);
    }

    /// Atomically replaces the credential; signatures already running keep the old one.
    void replace(std::shared_ptr<const signing_credential> next) noexcept {
        current_.store(std::move(next), std::memory_order_release);
    }

  private:
    std::atomic<std::shared_ptr<const signing_credential>> current_;
};

}  // namespace ncpeh::trust::xmldsig
