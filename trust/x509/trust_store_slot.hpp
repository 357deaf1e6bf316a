#pragma once

#include <atomic>
#include <memory>

#include "trust/x509/trust_store.hpp"

namespace ncpeh::trust::x509 {

/// The current trust store of one purpose, replaceable at run time (new anchors, a refreshed
/// CRL) without locking readers out. Each verification takes a snapshot with `current()` and
/// uses it to the end, so a swap never changes the anchors under a running check.
/// shared_ptr because in-flight verifications co-own the store they started with.
class trust_store_slot {
  public:
    explicit trust_store_slot(std::shared_ptr<const trust_store> initial) noexcept
        : current_(std::move(initial)) {}

    std::shared_ptr<const trust_store> current() const noexcept {
        return current_.load(std::memory_order_acquire);
    }

    /// Atomically replaces the store; verifications already running keep the old one.
    void replace(std::shared_ptr<const trust_store> next) noexcept {
        current_.store(std::move(next), std::memory_order_release);
    }

  private:
    std::atomic<std::shared_ptr<const trust_store>> current_;
};

}  // namespace ncpeh::trust::x509
