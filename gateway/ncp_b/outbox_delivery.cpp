#include "gateway/ncp_b/outbox_delivery.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <array>
#include <exception>
#include <random>
#include <string_view>

#include "gateway/log/json_log.hpp"

namespace ncpeh::gateway::ncp_b {

namespace {

namespace net = boost::asio;
constexpr auto use_tuple = net::as_tuple(net::use_awaitable);

// The remote codes with which a foreign NCP-A says that its own side failed, not the
// eDispensation (ehdsi-protocol.md §6.2): the national registry or its storage unreachable.
constexpr std::array<std::string_view, 7> transient_remote_codes{
    "4103",                                     // ePrescription registry not accessible
    "4104",                                     // data access failure
    "ERROR_GENERIC_CONNECTION_NOT_POSSIBLE",    //
    "ERROR_ED_EDISPENSATION_ACK_NOT_RECEIVED",  // the national system did not acknowledge
    "ERROR_ED_EDISPENSATION_NOT_STORED",        //
    "ERROR_ED_INFORMATION_NOT_STORE",           // sic, OpenNCPErrorCode
    "ERROR_ED_DISCARD_SERVICE_NOT_AVAILABLE",   //
};

bool is_transient_remote_code(std::string_view code) noexcept {
    // SOAP 1.2 part 1 §5.4.6: a Receiver fault "may succeed at a later point in time".
    if (code == "Receiver" || code.ends_with(":Receiver")) {
        return true;
    }
    return std::find(transient_remote_codes.begin(), transient_remote_codes.end(), code) !=
           transient_remote_codes.end();
}

std::string describe_duration(std::chrono::milliseconds d) {
    if (d >= std::chrono::hours(1) && d % std::chrono::hours(1) == std::chrono::milliseconds(0)) {
        return std::to_string(std::chrono::duration_cast<std::chrono::hours>(d).count()) + " h";
    }
    return std::to_string(std::chrono::duration_cast<std::chrono::seconds>(d).count()) + " s";
}

}  // namespace

bool is_transient_delivery_error(const error& e) noexcept {
    switch (e.code) {
        case errc::foreign_ncp_unreachable:
        case errc::foreign_ncp_timeout:
        case errc::foreign_ncp_answer_invalid:
        case errc::storage_unavailable:
        case errc::internal:
            return true;
        case errc::foreign_ncp_refused:
            return is_transient_remote_code(e.context_value("remote_code"));
        default:
            return false;
    }
}

outbox_error outbox_error_of(const error& e) {
    outbox_error out{std::string(name_of(e.code)), e.message};
    for (const error_context_entry& c : e.context) {
        out.message += " [" + c.key + "=" + c.value + "]";
    }
    return out;
}

std::chrono::milliseconds retry_delay(int failed_attempts, std::chrono::milliseconds first_retry,
                                      std::chrono::milliseconds max_retry, double jitter) noexcept {
    const auto cap = std::max(first_retry, max_retry);
    auto base = first_retry;
    for (int i = 1; i < failed_attempts && base < cap; ++i) {
        base *= 2;
    }
    base = std::min(base, cap);
    const double unit = std::clamp(jitter, 0.0, 1.0);
    const auto half = base / 2;
    const auto delay = half + std::chrono::milliseconds(static_cast<std::int64_t>(
                                  static_cast<double>((base - half).count()) * unit));
    return std::clamp(delay, first_retry, cap);
}

/// How a `deliver_now` hears the end of its attempt. Shared by the waiting `deliver_now` and
/// the attempt, which may outlive the wait.
struct outbox_delivery::attempt_waiter {
    explicit attempt_waiter(const net::strand<net::any_io_executor>& strand) : done(strand) {}
    std::optional<delivery_report> report;
    net::steady_timer done;
};

outbox_delivery::outbox_delivery(net::any_io_executor executor, dispensation_outbox& outbox,
                                 outbox_sender sender, delivery_settings settings)
    : strand_(net::make_strand(std::move(executor))),
      outbox_(outbox),
      sender_(std::move(sender)),
      settings_(std::move(settings)),
      wake_(strand_),
      finished_(strand_) {
    settings_.max_in_flight = std::max<std::size_t>(settings_.max_in_flight, 1);
    if (!settings_.jitter) {
        settings_.jitter = [generator = std::mt19937_64(std::random_device{}())]() mutable {
            return std::uniform_real_distribution<double>(0.0, 1.0)(generator);
        };
    }
}

void outbox_delivery::start() {
    net::post(strand_, [this] {
        if (running_ || stopping_) {
            return;
        }
        running_ = true;
        net::co_spawn(strand_, run(), [](const std::exception_ptr& failure) {
            if (failure) {
                try {
                    std::rethrow_exception(failure);
                } catch (const std::exception& e) {
                    log::logger().error("outbox.loop_failed", {{"reason", e.what()}});
                }
            }
        });
    });
}

void outbox_delivery::notify() {
    net::post(strand_, [this] {
        notified_ = true;
        wake_.cancel();
    });
}

std::size_t outbox_delivery::free_slots() const noexcept {
    return in_flight_ >= settings_.max_in_flight ? 0 : settings_.max_in_flight - in_flight_;
}

void outbox_delivery::wake() {
    wake_.cancel();
}

net::awaitable<void> outbox_delivery::stop() {
    // A member coroutine, not a capturing lambda: co_spawn moves its function object, and a
    // lambda coroutine's captures live in that object, not in the coroutine frame.
    co_await net::co_spawn(strand_, stop_on_strand(), net::use_awaitable);
}

net::awaitable<void> outbox_delivery::stop_on_strand() {
    stopping_ = true;
    wake_.cancel();
    while (running_ || in_flight_ > 0) {
        finished_.expires_at(net::steady_timer::time_point::max());
        co_await finished_.async_wait(use_tuple);
    }
}

net::awaitable<void> outbox_delivery::run() {
    const std::size_t half = std::max<std::size_t>(settings_.max_in_flight / 2, 1);
    while (!stopping_) {
        const std::size_t free = free_slots();
        if (free == 0) {
            more_due_ = true;  // unknown: look again once slots are free
        } else {
            notified_ = false;
            const outbox_time now = settings_.clock();
            auto claimed =
                co_await outbox_.claim_due(now, free, settings_.lease, held_countries(now));
            if (!claimed) {
                log::logger().error("outbox.claim_failed", {{"reason", claimed.error().message}});
                more_due_ = false;  // tried again at the next wake-up
            } else {
                more_due_ = claimed->size() == free;
                for (outbox_record& record : *claimed) {
                    spawn_attempt(std::move(record), nullptr);
                }
            }
        }
        if (stopping_) {
            break;
        }
        co_await count_records();
        if (stopping_) {  // asked while counting: its wake-up was before this sleep
            break;
        }
        // Claims in batches: with more due, wait until half the slots are free (an attempt's
        // end wakes the loop then) rather than paying a commit per finished attempt.
        const bool slots_for_more = more_due_ && free_slots() >= half;
        if ((notified_ || slots_for_more) && free_slots() > 0) {
            continue;
        }
        if (notified_) {
            notified_ = false;
            more_due_ = true;
        }
        auto sleep = settings_.poll_interval;
        if (earliest_retry_) {
            const auto until = std::chrono::duration_cast<std::chrono::milliseconds>(
                *earliest_retry_ - settings_.clock());
            sleep = std::clamp(until, std::chrono::milliseconds(0), sleep);
        }
        if (sleep.count() > 0) {
            wake_.expires_after(sleep);
            co_await wake_.async_wait(use_tuple);
        }
        if (earliest_retry_ && *earliest_retry_ <= settings_.clock()) {
            earliest_retry_.reset();
        }
    }
    running_ = false;
    finished_.cancel();
}

void outbox_delivery::spawn_attempt(outbox_record record, std::shared_ptr<attempt_waiter> waiter) {
    ++in_flight_;
    attempts_.fetch_add(1, std::memory_order_relaxed);
    net::co_spawn(strand_, attempt(std::move(record)),
                  [this, waiter = std::move(waiter)](const std::exception_ptr& failure,
                                                     delivery_report report) {
                      --in_flight_;
                      if (failure) {
                          report = {outbox_status::queued,
                                    outbox_error{"internal", "the attempt ended abnormally"}};
                      }
                      if (waiter) {
                          waiter->report = std::move(report);
                          waiter->done.cancel();
                      }
                      if (stopping_) {
                          finished_.cancel();
                      } else if (more_due_ && free_slots() >= std::max<std::size_t>(
                                                                  settings_.max_in_flight / 2, 1)) {
                          wake();
                      }
                  });
}

net::awaitable<delivery_report> outbox_delivery::attempt(outbox_record record) {
    result<void> sent = make_error(errc::internal, "not sent");
    try {
        sent = co_await sender_(record);
    } catch (const std::exception& e) {
        sent = make_error(errc::internal, std::string("the sender failed: ") + e.what());
    }
    co_return co_await record_outcome(record, sent);
}

net::awaitable<void> outbox_delivery::count_records() {
    const auto now = std::chrono::steady_clock::now();
    if (last_counted_ && now - *last_counted_ < std::chrono::seconds(1)) {
        co_return;
    }
    last_counted_ = now;
    auto counted = co_await outbox_.counts(settings_.clock());
    if (counted) {
        const std::lock_guard lock(counts_mutex_);
        counts_ = *counted;
    }
}

std::optional<outbox_counts> outbox_delivery::last_counts() const {
    const std::lock_guard lock(counts_mutex_);
    return counts_;
}

std::vector<std::string> outbox_delivery::held_countries(outbox_time now) {
    std::vector<std::string> held;
    for (auto it = holds_.begin(); it != holds_.end();) {
        if (it->second.until <= now) {
            it = holds_.erase(it);
        } else {
            held.push_back(it->first);
            ++it;
        }
    }
    held_partners_.store(holds_.size(), std::memory_order_relaxed);
    return held;
}

void outbox_delivery::update_hold(const outbox_record& record, const result<void>& sent,
                                  outbox_time now) {
    const std::string& country = record.entry.country;
    if (sent) {
        holds_.erase(country);
        held_partners_.store(holds_.size(), std::memory_order_relaxed);
        return;
    }
    const errc code = sent.error().code;
    if (code != errc::foreign_ncp_unreachable && code != errc::foreign_ncp_timeout) {
        return;
    }
    const outbox_time until = now + settings_.first_retry;
    const auto [held, added] = holds_.try_emplace(country, partner_hold{until, {}});
    if (added || held->second.until < until) {
        held->second = {until, outbox_error_of(sent.error())};
    }
    held_partners_.store(holds_.size(), std::memory_order_relaxed);
    if (added) {
        log::logger().warn(
            "outbox.partner_held",
            {{"country", country},
             {"error", held->second.error.code},
             {"seconds", static_cast<std::int64_t>(
                             std::chrono::duration_cast<std::chrono::seconds>(settings_.first_retry)
                                 .count())}});
    }
    if (!earliest_retry_ || until < *earliest_retry_) {
        earliest_retry_ = until;  // the loop claims again when the hold ends
        wake();
    }
}

net::awaitable<delivery_report> outbox_delivery::record_outcome(const outbox_record& record,
                                                                const result<void>& sent) {
    const outbox_time now = settings_.clock();
    update_hold(record, sent, now);
    if (sent) {
        // Recorded even when this claim's lease has run out: the NCP-A has the eD.
        auto marked = co_await outbox_.mark_delivered(record.id, now);
        if (!marked) {
            log::logger().error("outbox.mark_failed", {{"dispensation", record.id},
                                                       {"outcome", "delivered"},
                                                       {"reason", marked.error().message}});
        }
        delivered_.fetch_add(1, std::memory_order_relaxed);
        co_return delivery_report{outbox_status::delivered, std::nullopt};
    }
    outbox_error why = outbox_error_of(sent.error());
    const auto age = now - record.created_at;
    const bool transient = is_transient_delivery_error(sent.error());
    if (!transient || age >= settings_.max_age) {
        if (transient) {
            why.message = "given up after " + std::to_string(record.attempts) + " attempts in " +
                          describe_duration(settings_.max_age) + "; the last one: " + why.message;
        }
        auto marked = co_await outbox_.mark_failed(record.id, record.attempts, why);
        if (!marked) {
            log::logger().error("outbox.mark_failed", {{"dispensation", record.id},
                                                       {"outcome", "failed"},
                                                       {"reason", marked.error().message}});
        }
        failed_.fetch_add(1, std::memory_order_relaxed);
        log::logger().warn("outbox.failed", {{"dispensation", record.id},
                                             {"country", record.entry.country},
                                             {"error", why.code},
                                             {"attempts", record.attempts}});
        co_return delivery_report{outbox_status::failed, std::move(why)};
    }
    const auto delay = retry_delay(record.attempts, settings_.first_retry, settings_.max_retry,
                                   settings_.jitter());
    const outbox_time next = std::min(now + delay, record.created_at + settings_.max_age);
    auto marked = co_await outbox_.mark_retry(record.id, record.attempts, why, next);
    if (!marked) {
        log::logger().error("outbox.mark_failed", {{"dispensation", record.id},
                                                   {"outcome", "retry"},
                                                   {"reason", marked.error().message}});
    }
    if (!earliest_retry_ || next < *earliest_retry_) {
        earliest_retry_ = next;
        wake();  // to sleep until then, not until the next poll
    }
    co_return delivery_report{outbox_status::queued, std::move(why)};
}

net::awaitable<result<delivery_report>> outbox_delivery::deliver_now(
    std::string id, std::string country, std::chrono::steady_clock::duration wait) {
    co_return co_await net::co_spawn(strand_,
                                     deliver_now_on_strand(std::move(id), std::move(country), wait),
                                     net::use_awaitable);
}

net::awaitable<result<delivery_report>> outbox_delivery::deliver_now_on_strand(
    std::string id, std::string country, std::chrono::steady_clock::duration wait) {
    held_countries(settings_.clock());  // drops an expired hold
    if (const auto held = holds_.find(country); held != holds_.end()) {
        co_return delivery_report{outbox_status::queued, held->second.error};
    }
    auto claimed = co_await outbox_.claim(id, settings_.clock(), settings_.lease);
    if (!claimed) {
        co_return claimed.error();
    }
    if (!*claimed) {
        co_return delivery_report{outbox_status::queued, std::nullopt};
    }
    auto waiter = std::make_shared<attempt_waiter>(strand_);
    spawn_attempt(std::move(**claimed), waiter);
    if (!waiter->report) {
        waiter->done.expires_after(wait);
        co_await waiter->done.async_wait(use_tuple);
    }
    if (waiter->report) {
        co_return std::move(*waiter->report);
    }
    co_return delivery_report{outbox_status::delivering, std::nullopt};
}

}  // namespace ncpeh::gateway::ncp_b
