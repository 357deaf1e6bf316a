#include "trust/saml/in_memory_replay_cache.hpp"

#include <iterator>

namespace ncpeh::trust::saml {

result<void> in_memory_replay_cache::remember(std::string_view issuer, std::string_view id,
                                              std::chrono::system_clock::time_point expires_at,
                                              std::chrono::system_clock::time_point now) {
    // Issuer and ID cannot contain a NUL, so it separates them unambiguously.
    std::string key;
    key.reserve(issuer.size() + id.size() + 1);
    key.append(issuer).push_back('\0');
    key.append(id);
    const std::lock_guard lock(mutex_);
    const auto found = seen_.find(key);
    if (found != seen_.end() && found->second >= now) {
        return make_error(errc::assertion_replayed, "the assertion was already used")
            .with("id", std::string(id));
    }
    seen_.insert_or_assign(std::move(key), expires_at);
    if (seen_.size() >= size_at_last_purge_ + purge_interval_) {
        purge(now);
    }
    return {};
}

std::size_t in_memory_replay_cache::size() const {
    const std::lock_guard lock(mutex_);
    return seen_.size();
}

void in_memory_replay_cache::purge(std::chrono::system_clock::time_point now) {
    for (auto it = seen_.begin(); it != seen_.end();) {
        it = it->second < now ? seen_.erase(it) : std::next(it);
    }
    size_at_last_purge_ = seen_.size();
}

}  // namespace ncpeh::trust::saml
