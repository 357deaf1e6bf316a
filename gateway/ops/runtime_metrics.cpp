#include "gateway/ops/runtime_metrics.hpp"

#include <fmt/chrono.h>

#include "gateway/ops/resident_memory.hpp"
#include "gateway/version.hpp"

namespace ncpeh::gateway::ops {

namespace {

std::vector<sample> one(double value) {
    return {sample{{}, value}};
}

template <class Duration>
double seconds_since_epoch(std::chrono::time_point<std::chrono::system_clock, Duration> at) {
    return std::chrono::duration<double>(at.time_since_epoch()).count();
}

// A family with one sample per listener (today the cross-border one, "ncp"), read from it.
template <class Count>
sampled_family per_listener(std::string name, std::string help, std::string type,
                            const net::http_server& ncp, Count (net::http_server::*read)() const) {
    return {std::move(name), std::move(help), std::move(type), {"listener"}, [&ncp, read] {
                return std::vector<sample>{{{"ncp"}, static_cast<double>((ncp.*read)())}};
            }};
}

}  // namespace

void add_runtime_metrics(metrics_registry& registry, runtime_sources sources) {
    registry.add_sampled(
        {"ncpeh_build_info", "The running release of ncpeh", "gauge", {"version"}, [] {
             return std::vector<sample>{{{std::string(version)}, 1}};
         }});
    registry.add_sampled(per_listener("ncpeh_connections_open", "Connections open on a listener",
                                      "gauge", sources.ncp, &net::http_server::active_connections));
    registry.add_sampled(per_listener("ncpeh_tls_handshakes_in_progress",
                                      "Connections still in their TLS handshake", "gauge",
                                      sources.ncp, &net::http_server::pending_handshakes));
    registry.add_sampled({"ncpeh_tls_handshake_failures_total",
                          "TLS handshakes that failed, by reason: no_certificate, "
                          "untrusted_certificate, protocol, timeout, cancelled, other",
                          "counter",
                          {"listener", "reason"},
                          [&ncp = sources.ncp] {
                              std::vector<sample> out;
                              for (const auto kind : net::all_handshake_failures) {
                                  out.push_back({{"ncp", std::string(net::name_of(kind))},
                                                 static_cast<double>(ncp.failed_handshakes(kind))});
                              }
                              return out;
                          }});
    registry.add_sampled(per_listener("ncpeh_connections_refused_total",
                                      "Connections refused by the handshake or connection caps",
                                      "counter", sources.ncp,
                                      &net::http_server::refused_connections));
    registry.add_sampled({"ncpeh_replay_cache_entries",
                          "Assertion IDs remembered against replay",
                          "gauge",
                          {},
                          [s = sources] { return one(static_cast<double>(s.replay().entries)); }});
    registry.add_sampled(
        {"ncpeh_replay_cache_bytes",
         "Estimated memory of the replay cache in this process (0 on PostgreSQL)",
         "gauge",
         {},
         [s = sources] { return one(static_cast<double>(s.replay().memory_bytes)); }});
    registry.add_sampled({"ncpeh_audit_writable",
                          "1 when the audit database can be written, else 0",
                          "gauge",
                          {},
                          [s = sources] { return one(s.audit.check_writable() ? 1 : 0); }});
    registry.add_sampled(
        {"ncpeh_resident_memory_bytes", "Resident memory of the process", "gauge", {}, [] {
             const auto bytes = resident_memory_bytes();
             return bytes ? one(static_cast<double>(*bytes)) : std::vector<sample>{};
         }});
    registry.add_sampled(
        {"ncpeh_trust_expiry_seconds",
         "Seconds until a credential or anchor expires, or a CRL passes its nextUpdate "
         "(negative: already)",
         "gauge",
         {"kind", "purpose", "subject", "not_after"},
         [s = sources] {
             const double now = seconds_since_epoch(
                 std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
             std::vector<sample> out;
             const auto inventory = s.trust();
             for (const trust_item& item : *inventory) {
                 // not_after tells apart two anchors of one name (a CA and its successor).
                 out.push_back({{item.kind, item.purpose, item.window.subject,
                                 fmt::format("{:%Y-%m-%d}", item.window.not_after)},
                                seconds_since_epoch(item.window.not_after) - now});
             }
             return out;
         }});
}

}  // namespace ncpeh::gateway::ops
