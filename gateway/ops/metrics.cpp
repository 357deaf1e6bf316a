#include "gateway/ops/metrics.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace ncpeh::gateway::ops {

namespace {

// Label values escape backslash, double quote and line feed (exposition format 0.0.4).
void append_label_value(std::string& out, std::string_view value) {
    for (const char c : value) {
        switch (c) {
            case '\\':
                out += "\\\\";
                break;
            case '"':
                out += "\\\"";
                break;
            case '\n':
                out += "\\n";
                break;
            default:
                out += c;
        }
    }
}

void append_labels(std::string& out, const std::vector<std::string>& names,
                   const label_values& values, std::string_view extra_name = {},
                   std::string_view extra_value = {}) {
    if (names.empty() && extra_name.empty()) {
        return;
    }
    out += '{';
    bool first = true;
    for (std::size_t i = 0; i < names.size() && i < values.size(); ++i) {
        out += first ? "" : ",";
        first = false;
        out += names[i];
        out += "=\"";
        append_label_value(out, values[i]);
        out += '"';
    }
    if (!extra_name.empty()) {
        out += first ? "" : ",";
        out += extra_name;
        out += "=\"";
        out += extra_value;
        out += '"';
    }
    out += '}';
}

std::string format_number(double value) {
    if (std::isnan(value)) {
        return "NaN";
    }
    if (std::isinf(value)) {
        return value > 0 ? "+Inf" : "-Inf";
    }
    return fmt::format("{}", value);
}

void append_header(std::string& out, std::string_view name, std::string_view help,
                   std::string_view type) {
    fmt::format_to(std::back_inserter(out), "# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
}

}  // namespace

counter_family::counter_family(std::string name, std::string help,
                               std::vector<std::string> label_names)
    : name_(std::move(name)), help_(std::move(help)), label_names_(std::move(label_names)) {}

void counter_family::add(const label_values& labels, std::uint64_t amount) {
    std::lock_guard lock(mutex_);
    values_[labels] += amount;
}

std::uint64_t counter_family::value(const label_values& labels) const {
    std::lock_guard lock(mutex_);
    const auto found = values_.find(labels);
    return found == values_.end() ? 0 : found->second;
}

void counter_family::write(std::string& out) const {
    append_header(out, name_, help_, "counter");
    std::lock_guard lock(mutex_);
    for (const auto& [labels, value] : values_) {
        out += name_;
        append_labels(out, label_names_, labels);
        fmt::format_to(std::back_inserter(out), " {}\n", value);
    }
}

std::vector<double> histogram_family::latency_bounds() {
    return {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
}

histogram_family::histogram_family(std::string name, std::string help,
                                   std::vector<std::string> label_names, std::vector<double> bounds)
    : name_(std::move(name)),
      help_(std::move(help)),
      label_names_(std::move(label_names)),
      bounds_(std::move(bounds)) {
    std::sort(bounds_.begin(), bounds_.end());
}

void histogram_family::observe(const label_values& labels, double value) {
    const auto bucket = static_cast<std::size_t>(
        std::lower_bound(bounds_.begin(), bounds_.end(), value) - bounds_.begin());
    std::lock_guard lock(mutex_);
    series& s = values_[labels];
    if (s.buckets.empty()) {
        s.buckets.assign(bounds_.size(), 0);
    }
    if (bucket < bounds_.size()) {
        ++s.buckets[bucket];
    }
    ++s.count;
    s.sum += value;
}

void histogram_family::observe(const label_values& labels,
                               std::chrono::steady_clock::duration elapsed) {
    observe(labels, std::chrono::duration<double>(elapsed).count());
}

std::uint64_t histogram_family::count(const label_values& labels) const {
    std::lock_guard lock(mutex_);
    const auto found = values_.find(labels);
    return found == values_.end() ? 0 : found->second.count;
}

void histogram_family::write(std::string& out) const {
    append_header(out, name_, help_, "histogram");
    std::lock_guard lock(mutex_);
    for (const auto& [labels, s] : values_) {
        std::uint64_t cumulative = 0;
        for (std::size_t i = 0; i < bounds_.size(); ++i) {
            cumulative += s.buckets[i];
            out += name_;
            out += "_bucket";
            append_labels(out, label_names_, labels, "le", format_number(bounds_[i]));
            fmt::format_to(std::back_inserter(out), " {}\n", cumulative);
        }
        out += name_;
        out += "_bucket";
        append_labels(out, label_names_, labels, "le", "+Inf");
        fmt::format_to(std::back_inserter(out), " {}\n", s.count);
        out += name_;
        out += "_sum";
        append_labels(out, label_names_, labels);
        fmt::format_to(std::back_inserter(out), " {}\n", format_number(s.sum));
        out += name_;
        out += "_count";
        append_labels(out, label_names_, labels);
        fmt::format_to(std::back_inserter(out), " {}\n", s.count);
    }
}

void sampled_family::write(std::string& out) const {
    append_header(out, name, help, type);
    for (const sample& each : read()) {
        out += name;
        append_labels(out, label_names, each.labels);
        fmt::format_to(std::back_inserter(out), " {}\n", format_number(each.value));
    }
}

counter_family& metrics_registry::add_counter(std::string name, std::string help,
                                              std::vector<std::string> label_names) {
    order_.emplace_back(0, counters_.size());
    counters_.push_back(
        std::make_unique<counter_family>(std::move(name), std::move(help), std::move(label_names)));
    return *counters_.back();
}

histogram_family& metrics_registry::add_histogram(std::string name, std::string help,
                                                  std::vector<std::string> label_names,
                                                  std::vector<double> bounds) {
    order_.emplace_back(1, histograms_.size());
    histograms_.push_back(std::make_unique<histogram_family>(
        std::move(name), std::move(help), std::move(label_names), std::move(bounds)));
    return *histograms_.back();
}

void metrics_registry::add_sampled(sampled_family family) {
    order_.emplace_back(2, sampled_.size());
    sampled_.push_back(std::move(family));
}

std::string metrics_registry::write() const {
    std::string out;
    out.reserve(16 * 1024);
    for (const auto& [kind, index] : order_) {
        if (kind == 0) {
            counters_[index]->write(out);
        } else if (kind == 1) {
            histograms_[index]->write(out);
        } else {
            sampled_[index].write(out);
        }
    }
    return out;
}

}  // namespace ncpeh::gateway::ops
