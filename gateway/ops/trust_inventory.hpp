#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "config/configuration.hpp"
#include "trust/error/error.hpp"
#include "trust/x509/validity.hpp"

namespace ncpeh::gateway::ops {

/// One certificate or CRL the gateway relies on, with what it is for.
struct trust_item {
    /// "credential" (our own certificates), "anchor" or "crl".
    std::string kind;
    /// The configuration key it comes from: "tls_server", "seal", "partner_tls", "crls", …
    std::string purpose;
    trust::x509::validity_window window;
};

/// Every certificate and CRL of the configuration, read at start-up and again by each reload
/// of the trust material (`trust_reloader`): our credentials' leaf certificates, every anchor
/// of every trust store (the ATNA repository's client credential and anchors too, when
/// `[audit.atna]` is set), every CRL.
/// Errors: the first file that cannot be read.
result<std::vector<trust_item>> read_trust_inventory(const config::configuration& c);

/// The inventory of the trust material in force now (a reload replaces it). Thread-safe.
using trust_inventory_source = std::function<std::shared_ptr<const std::vector<trust_item>>()>;

/// Whether `item` may be used at `now`: a certificate inside its validity, a CRL before its
/// nextUpdate. Empty when it may, else why not.
std::string why_unusable(const trust_item& item, std::chrono::sys_seconds now);

}  // namespace ncpeh::gateway::ops
