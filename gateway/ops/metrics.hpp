#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace ncpeh::gateway::ops {

/// The values of a series' labels, in the order of its family's label names.
using label_values = std::vector<std::string>;

/// A counter family: monotonically increasing totals, one per combination of label values.
/// Label values must come from bounded sets (never personal data, never free text).
/// Thread-safe.
class counter_family {
  public:
    counter_family(std::string name, std::string help, std::vector<std::string> label_names);
    void add(const label_values& labels, std::uint64_t amount = 1);
    std::uint64_t value(const label_values& labels) const;
    void write(std::string& out) const;

  private:
    std::string name_;
    std::string help_;
    std::vector<std::string> label_names_;
    mutable std::mutex mutex_;
    std::map<label_values, std::uint64_t> values_;
};

/// A histogram family with fixed bucket bounds (in seconds for latencies). Thread-safe.
class histogram_family {
  public:
    /// Bounds for request latencies: 0.5 ms to 10 s.
    static std::vector<double> latency_bounds();

    histogram_family(std::string name, std::string help, std::vector<std::string> label_names,
                     std::vector<double> bounds);
    void observe(const label_values& labels, double value);
    void observe(const label_values& labels, std::chrono::steady_clock::duration elapsed);
    /// Observations so far in the series (0 when it has none).
    std::uint64_t count(const label_values& labels) const;
    void write(std::string& out) const;

  private:
    struct series {
        std::vector<std::uint64_t> buckets;  // per bound, not cumulative
        std::uint64_t count = 0;
        double sum = 0;
    };
    std::string name_;
    std::string help_;
    std::vector<std::string> label_names_;
    std::vector<double> bounds_;
    mutable std::mutex mutex_;
    std::map<label_values, series> values_;
};

/// One sample of a sampled family, read when the metrics are scraped.
struct sample {
    label_values labels;
    double value = 0;
};

/// A family whose samples are read at each scrape by `read` (open connections, seconds until a
/// certificate expires, a total another component keeps, …). `read` must be thread-safe and
/// quick.
struct sampled_family {
    std::string name;
    std::string help;
    /// "gauge", or "counter" for totals kept elsewhere (the name then ends in `_total`).
    std::string type = "gauge";
    std::vector<std::string> label_names = {};
    std::function<std::vector<sample>()> read = {};

    void write(std::string& out) const;
};

/// The metrics of one process, written in the Prometheus text exposition format (0.0.4).
/// Families are registered at start-up; afterwards only their series change. Thread-safe.
class metrics_registry {
  public:
    counter_family& add_counter(std::string name, std::string help,
                                std::vector<std::string> label_names);
    histogram_family& add_histogram(std::string name, std::string help,
                                    std::vector<std::string> label_names,
                                    std::vector<double> bounds);
    void add_sampled(sampled_family family);

    /// Every family in registration order: `# HELP`, `# TYPE`, then its samples.
    std::string write() const;

  private:
    std::vector<std::unique_ptr<counter_family>> counters_;
    std::vector<std::unique_ptr<histogram_family>> histograms_;
    std::vector<sampled_family> sampled_;
    // Registration order across the three kinds: (kind, index).
    std::vector<std::pair<int, std::size_t>> order_;
};

/// The Prometheus content type of `metrics_registry::write`.
inline constexpr std::string_view prometheus_content_type =
    "text/plain; version=0.0.4; charset=utf-8";

}  // namespace ncpeh::gateway::ops
