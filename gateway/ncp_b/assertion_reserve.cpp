#include "gateway/ncp_b/assertion_reserve.hpp"

#include <boost/asio/post.hpp>

#include <atomic>
#include <mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>

namespace ncpeh::gateway::ncp_b {

namespace {

using clock = std::chrono::system_clock;

struct spare {
    patient_security security;
    clock::time_point signed_at;
};

std::string key_of(const pharmacist_session& session, std::string_view patient_cx) {
    std::string key = session.id;
    key += '\n';
    key += patient_cx;
    return key;
}

}  // namespace

struct assertion_reserve::state : std::enable_shared_from_this<assertion_reserve::state> {
    boost::asio::any_io_executor executor;
    assertion_issuer issuer;
    std::size_t capacity;
    std::chrono::seconds max_age;

    std::mutex mutex;
    std::unordered_map<std::string, spare> spares;  // by session id and patient
    std::unordered_set<std::string> signing;        // keys whose spare is being signed
    std::atomic<std::uint64_t> taken{0};
    std::atomic<std::uint64_t> signed_on_demand{0};

    // Drops the spares too old to be taken (under the mutex).
    void drop_stale(clock::time_point now) {
        std::erase_if(spares,
                      [&](const auto& entry) { return now - entry.second.signed_at >= max_age; });
    }

    static void sign_spare(const std::weak_ptr<state>& weak, const pharmacist_session& session,
                           const std::string& patient_cx) {
        auto self = weak.lock();
        if (!self) {
            return;
        }
        const std::string key = key_of(session, patient_cx);
        const auto now = clock::now();
        auto made = security_for_patient(self->issuer, session, patient_cx, now);
        const std::lock_guard lock(self->mutex);
        self->signing.erase(key);
        if (!made) {
            return;  // the call that needs it will sign, and report the error
        }
        if (self->spares.size() >= self->capacity) {
            self->drop_stale(now);
        }
        if (self->spares.size() < self->capacity) {
            self->spares.insert_or_assign(key, spare{std::move(*made), now});
        }
    }

    void sign_later(const pharmacist_session& session, std::string_view patient_cx) {
        const std::string key = key_of(session, patient_cx);
        {
            const std::lock_guard lock(mutex);
            if (spares.contains(key) || !signing.insert(key).second) {
                return;
            }
        }
        boost::asio::post(executor,
                          [weak = weak_from_this(), session, patient = std::string(patient_cx)] {
                              sign_spare(weak, session, patient);
                          });
    }
};

assertion_reserve::assertion_reserve(boost::asio::any_io_executor executor,
                                     const assertion_issuer& issuer, std::size_t capacity,
                                     std::chrono::seconds max_age)
    : state_(std::make_shared<state>()) {
    state_->executor = std::move(executor);
    state_->issuer = issuer;
    state_->capacity = capacity;
    state_->max_age = max_age;
}

assertion_reserve::~assertion_reserve() = default;

result<patient_security> assertion_reserve::take(const pharmacist_session& session,
                                                 std::string_view patient_cx,
                                                 clock::time_point now) {
    std::optional<patient_security> reserved;
    {
        const std::lock_guard lock(state_->mutex);
        if (const auto found = state_->spares.find(key_of(session, patient_cx));
            found != state_->spares.end()) {
            const bool usable =
                now - found->second.signed_at < state_->max_age && now < session.expires_at;
            if (usable) {
                reserved = std::move(found->second.security);
            }
            state_->spares.erase(found);
        }
    }
    state_->sign_later(session, patient_cx);
    if (reserved) {
        state_->taken.fetch_add(1, std::memory_order_relaxed);
        return std::move(*reserved);
    }
    state_->signed_on_demand.fetch_add(1, std::memory_order_relaxed);
    return security_for_patient(state_->issuer, session, patient_cx, now);
}

void assertion_reserve::prepare(const pharmacist_session& session, std::string_view patient_cx) {
    state_->sign_later(session, patient_cx);
}

std::uint64_t assertion_reserve::taken() const noexcept {
    return state_->taken.load(std::memory_order_relaxed);
}

std::uint64_t assertion_reserve::signed_on_demand() const noexcept {
    return state_->signed_on_demand.load(std::memory_order_relaxed);
}

result<patient_security> security_for_call(assertion_reserve* reserve,
                                           const assertion_issuer& issuer,
                                           const pharmacist_session& session,
                                           std::string_view patient_cx, clock::time_point now) {
    return reserve != nullptr ? reserve->take(session, patient_cx, now)
                              : security_for_patient(issuer, session, patient_cx, now);
}

}  // namespace ncpeh::gateway::ncp_b
