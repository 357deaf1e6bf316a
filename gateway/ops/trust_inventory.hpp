#pragma once

#include <chrono>
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

/// Every certificate and CRL of the configuration, read once at start-up (the material in use
/// until the next start): our credentials' leaf certificates, every anchor of every trust store
/// (the ATNA repository's client credential and anchors too, when `[audit.atna]` is set), every
/// CRL.
/// Errors: the first file that cannot be read.
result<std::vector<trust_item>> read_trust_inventory(const config::configuration& c);

/// Whether `item` may be used at `now`: a certificate inside its validity, a CRL before its
/// nextUpdate. Empty when it may, else why not.
std::string why_unusable(const trust_item& item, std::chrono::sys_seconds now);

}  // namespace ncpeh::gateway::ops
