#pragma once

#include <boost/asio/ssl/context.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "config/configuration.hpp"
#include "gateway/ops/trust_inventory.hpp"
#include "trust/error/error.hpp"
#include "trust/x509/trust_store.hpp"
#include "trust/xmldsig/signing_credential.hpp"

namespace ncpeh::gateway::ops {

/// What `serve` knows of one file it read: enough to notice that it was replaced or rewritten.
struct file_stamp {
    std::filesystem::path file;
    bool exists = false;
    std::int64_t modified_ns = 0;  ///< st_mtim
    std::int64_t size = 0;
    std::uint64_t inode = 0;  ///< a file renamed over it (the usual atomic replacement)

    bool operator==(const file_stamp&) const = default;
};

/// Every file the trust material is read from, in a fixed order: the credentials (TLS server,
/// TLS client, seal, the ATNA client), the anchors of every store, the CRLs.
std::vector<std::filesystem::path> trust_material_files(const config::configuration& c);

/// The stamps of `files`, now (a missing file is a stamp too).
std::vector<file_stamp> stamp_files(const std::vector<std::filesystem::path>& files);

/// One generation of every credential, anchor set and CRL `serve` works with, read from the
/// files the configuration names and checked together. Immutable once built; co-owned by the
/// connections, verifications and signatures that started with it.
struct trust_material {
    /// The cross-border listener: our TLS server credential, the partners' TLS anchors, CRLs.
    std::shared_ptr<boost::asio::ssl::context> ncp_tls;
    /// The national listener: our TLS server credential, the pharmacy systems' anchors.
    std::shared_ptr<boost::asio::ssl::context> national_tls;
    /// The ops listener: our TLS server credential, the operators' anchors; null without
    /// `[trust] operator_tls` (the listener then serves plain HTTP on loopback).
    std::shared_ptr<boost::asio::ssl::context> ops_tls;
    /// Calls to the partners' NCP-A: our TLS client credential, the partners' anchors, CRLs.
    std::shared_ptr<boost::asio::ssl::context> partner_client_tls;
    /// The ATNA audit repository: its client credential and anchors; null without
    /// `[audit.atna]`.
    std::shared_ptr<boost::asio::ssl::context> atna_tls;
    /// The anchors (and CRLs) of assertion signatures.
    std::shared_ptr<const trust::x509::trust_store> assertion_anchors;
    /// The seal that signs the assertions we issue as country B.
    std::shared_ptr<const trust::xmldsig::signing_credential> seal;
    /// Every certificate and CRL above with its validity (`/readyz`, the expiry metric).
    std::shared_ptr<const std::vector<trust_item>> inventory;
    /// The files as they were just before they were read (`trust_reloader::files_changed`).
    std::vector<file_stamp> stamps;
    /// When it was read.
    std::chrono::system_clock::time_point loaded_at;
};

/// Reads every credential, anchor set and CRL that `c` names and checks them as `serve` does at
/// start-up: each PEM file parses, each private key matches its certificate (OpenSSL refuses a
/// context otherwise; the seal checks its own), each CRL is signed by one of the partner TLS or
/// assertion anchors it is checked with. Errors: the first problem, naming the file (never key
/// material), with the part it was for ("ncp listener", "partner client", "seal", "crls", …)
/// first in the message.
result<std::shared_ptr<const trust_material>> load_trust_material(const config::configuration& c);

/// What a replacement must also pass before it is put in force (a reload): each of our own
/// certificates (TLS server and client, seal, ATNA client) is inside its validity at `now`.
/// At start-up such a certificate does not stop `serve`; `/readyz` shows it failing. Anchors
/// may hold expired CAs beside their successors and are not checked here, nor are CRLs past
/// their nextUpdate (the one in force would be older still). Errors: `errc::config_invalid`
/// naming the credential and why.
result<void> check_in_force(const trust_material& material, std::chrono::sys_seconds now);

}  // namespace ncpeh::gateway::ops
