#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace ncpeh::config {

/// Where a listener binds. Port 0 asks the OS for a free port (tests use it).
struct listener {
    std::string address = "127.0.0.1";
    std::uint16_t port = 0;
};

/// A secret named by the configuration, never written in it: an environment variable or a file.
/// `value` is filled by the loader once the source was found.
struct secret {
    std::string from_env;
    std::filesystem::path from_file;
    std::string value;
};

/// A certificate with its private key, for one purpose (TLS server, TLS client, seal).
struct credential {
    std::filesystem::path certificate;
    std::filesystem::path private_key;
    std::optional<secret> key_password;
};

/// Separate trust anchors per purpose (trust-audit-operations.md §1): never one shared store.
struct trust_stores {
    std::filesystem::path partner_tls;           ///< anchors for partner NCP TLS client certs
    std::filesystem::path assertion_signatures;  ///< anchors for SAML assertion signers
    std::filesystem::path smp;                   ///< anchors for SMP metadata signatures
    /// Anchors for operators' TLS client certificates on the ops listener; empty: the ops
    /// listener serves plain HTTP and must then be bound to a loopback address.
    std::filesystem::path operator_tls;
    std::vector<std::filesystem::path> crls;  ///< CRL files checked for every store
};

/// A country we exchange with: identified by the SHA-256 fingerprints of its TLS client
/// certificates (mapping by configuration, never by slicing a DN).
struct partner {
    std::string country;  ///< ISO 3166-1 alpha-2, upper case
    std::string home_community_id;
    std::vector<std::string> tls_certificate_sha256;  ///< lower-case hex, no separators
    std::string xcpd_url;
    std::string xca_url;
    std::string xdr_url;
};

struct national_store_settings {
    std::string url;  ///< FHIR base URL of the national prescription store
    std::chrono::milliseconds timeout{5000};
};

struct database_settings {
    /// `sqlite:RELATIVE/OR/ABSOLUTE/PATH` (embedded default) or `postgresql://…`.
    std::string url;
};

struct logging_settings {
    std::string level = "info";  ///< trace, debug, info, warn, error
    /// Clinical and personal data in logs; off unless an operator turns it on on purpose.
    bool log_personal_data = false;
    /// How often `serve` logs its "ncpeh.stats" line (connections, replay cache, memory); 0: never.
    std::chrono::seconds stats_interval{60};
};

struct limits_settings {
    std::size_t max_request_bytes = 16 * 1024 * 1024;
    unsigned max_xml_depth = 128;
    /// Partner connections (after the TLS handshake).
    unsigned max_connections = 512;
    std::chrono::milliseconds read_timeout{15000};
    /// Connections still in the TLS handshake: how long, how many, how many per address.
    std::chrono::milliseconds handshake_timeout{3000};
    unsigned max_handshakes = 128;
    unsigned max_handshakes_per_address = 32;
};

/// The validated configuration of one ncpeh instance, built once at start-up and shared
/// read-only. Relative paths in the file are resolved against the file's folder.
struct configuration {
    std::string country;               ///< our own country, "SE"
    std::string home_community_id;     ///< "urn:oid:…"
    std::string prescription_id_root;  ///< OID under which NLL prescription ids are published

    listener ncp_listener;       ///< cross-border SOAP endpoint (mutual TLS)
    listener national_listener;  ///< REST API for Swedish pharmacies
    listener ops_listener;       ///< health, metrics, dashboard

    credential tls_server;
    credential tls_client;
    credential seal;  ///< signs the assertions we issue

    trust_stores trust;
    national_store_settings national_store;
    database_settings database;
    std::filesystem::path terminology_dir;
    logging_settings logging;
    limits_settings limits;
    std::vector<partner> partners;
};

}  // namespace ncpeh::config
