#include "gateway/net/handshake_admission.hpp"

namespace ncpeh::gateway::net {

handshake_admission::verdict handshake_admission::admit(std::uint64_t id,
                                                        const std::string& address) {
    const std::lock_guard lock(mutex_);
    const auto count = per_address_.find(address);
    if (count != per_address_.end() && count->second >= limits_.max_pending_per_address) {
        return {};
    }
    verdict answer{true, std::nullopt};
    if (!oldest_first_.empty() && by_id_.size() >= limits_.max_pending) {
        answer.evicted = oldest_first_.front().id;
        forget(oldest_first_.begin());
    }
    oldest_first_.push_back({id, address});
    by_id_.emplace(id, std::prev(oldest_first_.end()));
    ++per_address_[address];
    return answer;
}

void handshake_admission::finish(std::uint64_t id) {
    const std::lock_guard lock(mutex_);
    if (const auto found = by_id_.find(id); found != by_id_.end()) {
        forget(found->second);
    }
}

unsigned handshake_admission::pending() const {
    const std::lock_guard lock(mutex_);
    return static_cast<unsigned>(by_id_.size());
}

void handshake_admission::forget(std::list<entry>::iterator it) {
    const auto count = per_address_.find(it->address);
    if (count != per_address_.end() && --count->second == 0) {
        per_address_.erase(count);
    }
    by_id_.erase(it->id);
    oldest_first_.erase(it);
}

}  // namespace ncpeh::gateway::net
