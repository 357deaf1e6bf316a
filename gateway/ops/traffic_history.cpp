#include "gateway/ops/traffic_history.hpp"

#include <fmt/chrono.h>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace ncpeh::gateway::ops {

void traffic_history::add(std::string_view partner, bool failed,
                          std::chrono::system_clock::time_point at) {
    const auto when = std::chrono::floor<std::chrono::minutes>(at);
    const std::lock_guard lock(mutex_);
    minute& m = minutes_[when];
    m.at = when;
    auto found = m.by_partner.find(partner);
    if (found == m.by_partner.end()) {
        found = m.by_partner.emplace(std::string(partner), counts{}).first;
    }
    ++found->second.all;
    found->second.failed += failed ? 1 : 0;
    // Minutes older than the span are forgotten as new ones come.
    minutes_.erase(minutes_.begin(), minutes_.lower_bound(when - span + std::chrono::minutes(1)));
}

std::vector<traffic_history::minute> traffic_history::minutes(
    std::chrono::system_clock::time_point now) const {
    const auto first =
        std::chrono::floor<std::chrono::minutes>(now) - span + std::chrono::minutes(1);
    const std::lock_guard lock(mutex_);
    std::vector<minute> out;
    for (auto it = minutes_.lower_bound(first); it != minutes_.end(); ++it) {
        out.push_back(it->second);
    }
    return out;
}

std::string traffic_history::json(std::chrono::system_clock::time_point now) const {
    boost::json::array listed;
    for (const minute& m : minutes(now)) {
        boost::json::object partners;
        for (const auto& [partner, c] : m.by_partner) {
            partners[partner] = boost::json::array{c.all, c.failed};
        }
        listed.push_back(boost::json::object{{"at", fmt::format("{:%Y-%m-%dT%H:%M}Z", m.at)},
                                             {"partners", std::move(partners)}});
    }
    return boost::json::serialize(boost::json::object{{"minutes", std::move(listed)}});
}

}  // namespace ncpeh::gateway::ops
