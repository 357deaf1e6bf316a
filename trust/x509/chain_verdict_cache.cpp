#include "trust/x509/chain_verdict_cache.hpp"

namespace ncpeh::trust::x509 {

std::optional<chain_verdict> chain_verdict_cache::find(const certificate& leaf,
                                                       certificate_purpose purpose,
                                                       std::chrono::sys_seconds at) const {
    const std::lock_guard lock(mutex_);
    const auto found = verdicts_.find(key{leaf.get(), purpose});
    if (found == verdicts_.end() || !found->second.window.contains(at)) {
        return std::nullopt;
    }
    return found->second.verdict;
}

void chain_verdict_cache::remember(const certificate& leaf, certificate_purpose purpose,
                                   chain_verdict verdict, verdict_window window) const {
    if (leaf.get() == nullptr || window.until <= window.from) {
        return;
    }
    const std::lock_guard lock(mutex_);
    if (verdicts_.size() >= capacity_) {
        verdicts_.clear();
    }
    verdicts_.insert_or_assign(key{leaf.get(), purpose},
                               entry{leaf.share(), std::move(verdict), window});
}

std::size_t chain_verdict_cache::size() const {
    const std::lock_guard lock(mutex_);
    return verdicts_.size();
}

}  // namespace ncpeh::trust::x509
