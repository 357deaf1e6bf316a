#include "gateway/ops/trust_inventory.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

namespace ncpeh::gateway::ops {

namespace {

result<void> add_certificates(std::vector<trust_item>& out, std::string_view kind,
                              std::string_view purpose, const std::filesystem::path& file,
                              bool leaf_only) {
    if (file.empty()) {
        return {};
    }
    auto windows = trust::x509::certificate_windows(file);
    if (!windows) {
        return windows.error();
    }
    for (auto& window : *windows) {
        out.push_back({std::string(kind), std::string(purpose), std::move(window)});
        if (leaf_only) {
            break;
        }
    }
    return {};
}

}  // namespace

result<std::vector<trust_item>> read_trust_inventory(const config::configuration& c) {
    std::vector<trust_item> out;
    const std::pair<std::string_view, const config::credential*> credentials[] = {
        {"tls_server", &c.tls_server}, {"tls_client", &c.tls_client}, {"seal", &c.seal}};
    for (const auto& [purpose, credential] : credentials) {
        if (auto added =
                add_certificates(out, "credential", purpose, credential->certificate, true);
            !added) {
            return added.error();
        }
    }
    const std::pair<std::string_view, const std::filesystem::path*> anchors[] = {
        {"partner_tls", &c.trust.partner_tls},
        {"assertion_signatures", &c.trust.assertion_signatures},
        {"smp", &c.trust.smp},
        {"operator_tls", &c.trust.operator_tls},
        {"pharmacy_tls", &c.trust.pharmacy_tls}};
    for (const auto& [purpose, file] : anchors) {
        if (auto added = add_certificates(out, "anchor", purpose, *file, false); !added) {
            return added.error();
        }
    }
    // The ATNA audit repository's own client credential and anchors, when it is configured.
    if (c.audit.atna) {
        if (auto added = add_certificates(out, "credential", "atna_client",
                                          c.audit.atna->tls_client.certificate, true);
            !added) {
            return added.error();
        }
        if (auto added =
                add_certificates(out, "anchor", "atna_repository", c.audit.atna->anchors, false);
            !added) {
            return added.error();
        }
    }
    for (const auto& file : c.trust.crls) {
        auto windows = trust::x509::crl_windows(file);
        if (!windows) {
            return windows.error();
        }
        for (auto& window : *windows) {
            out.push_back({"crl", "crls", std::move(window)});
        }
    }
    return out;
}

std::string why_unusable(const trust_item& item, std::chrono::sys_seconds now) {
    if (now < item.window.not_before) {
        return fmt::format("not valid before {:%Y-%m-%dT%H:%M:%SZ}", item.window.not_before);
    }
    if (now >= item.window.not_after && item.kind == "crl") {
        return fmt::format("its nextUpdate {:%Y-%m-%dT%H:%M:%SZ} has passed",
                           item.window.not_after);
    }
    if (now >= item.window.not_after) {
        return fmt::format("expired {:%Y-%m-%dT%H:%M:%SZ}", item.window.not_after);
    }
    return {};
}

}  // namespace ncpeh::gateway::ops
