#include "trust/x509/chain_verdict_cache.hpp"

namespace ncpeh::trust::x509 {

std::string chain_verdict_cache::key_of(std::string_view fingerprint, certificate_purpose purpose) {
    std::string key(name_of(purpose));
    key += ' ';
    key += fingerprint;
    return key;
}

std::optional<chain_verdict> chain_verdict_cache::find(std::string_view fingerprint,
                                                       certificate_purpose purpose,
                                                       std::chrono::sys_seconds at) const {
    const std::string key = key_of(fingerprint, purpose);
    const std::lock_guard lock(mutex_);
    const auto found = verdicts_.find(key);
    if (found == verdicts_.end() || !found->second.window.contains(at)) {
        return std::nullopt;
    }
    return found->second.verdict;
}

void chain_verdict_cache::remember(std::string fingerprint, certificate_purpose purpose,
                                   chain_verdict verdict, verdict_window window) const {
    if (fingerprint.empty() || window.until <= window.from) {
        return;
    }
    std::string key = key_of(fingerprint, purpose);
    const std::lock_guard lock(mutex_);
    if (verdicts_.size() >= capacity_) {
        verdicts_.clear();
    }
    verdicts_.insert_or_assign(std::move(key), entry{std::move(verdict), window});
}

std::size_t chain_verdict_cache::size() const {
    const std::lock_guard lock(mutex_);
    return verdicts_.size();
}

}  // namespace ncpeh::trust::x509
