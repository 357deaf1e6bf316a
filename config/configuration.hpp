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
    /// Anchors for the TLS client certificates of Swedish pharmacy systems and the patient
    /// e-services on the national listener; required with `[listen.national]`. Never the
    /// partners' or the operators' anchors.
    std::filesystem::path pharmacy_tls;
    std::vector<std::filesystem::path> crls;  ///< CRL files checked for every store
};

/// What a search field of an International Search Mask asks for. Only identifiers today; the
/// eHDSI ISM also has demographic fields (name, birth date, sex, address), which come later.
enum class search_field_kind { identifier };

/// One field of a partner's International Search Mask (eHDSI ISM, published in the partner's
/// SMP metadata as `urn:ehealth:ISM::InternationalSearchMask##ehealth-107`): what a Swedish
/// pharmacy types to identify that country's patient in XCPD.
struct search_field {
    std::string oid;      ///< the patient identifier domain (`livingSubjectId/value/@root`)
    std::string label;    ///< English label shown to the pharmacist
    std::string pattern;  ///< ECMAScript regular expression the whole value must match
    bool mandatory = false;
    search_field_kind kind = search_field_kind::identifier;
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
    /// Country B: how long one call to this partner's NCP-A may take.
    std::chrono::milliseconds timeout{10000};
    /// Country B: the partner's International Search Mask. Empty: the country is not offered
    /// to Swedish pharmacies (country A traffic from it is unaffected).
    std::vector<search_field> search_mask;
};

/// A Swedish pharmacy system allowed on the national API, identified like partners by the
/// SHA-256 fingerprints of its TLS client certificates.
struct pharmacy {
    std::string gln;                                  ///< 13 digits, GS1 check digit
    std::string name;                                 ///< e.g. "Apotek Exempel"
    std::vector<std::string> tls_certificate_sha256;  ///< lower-case hex, no separators
    std::string organization_id;                      ///< "urn:oid:…"
    std::string locality;                             ///< the town, e.g. "Kalmar"
};

/// A client of the patient e-services on the national API (`GET patients/{personnummer}/
/// cross-border-access`: a Swedish patient's cross-border access log), identified like pharmacy
/// systems by the SHA-256 fingerprints of its TLS client certificates (from `[trust]
/// pharmacy_tls`). It may call that route only, and pharmacy systems may not call it.
struct patient_eservice {
    std::string name;                                 ///< e.g. "1177", for logs and the audit
    std::vector<std::string> tls_certificate_sha256;  ///< lower-case hex, no separators
    /// The register's own client: the only one answered with the entries of a protected
    /// identity (sekretessmarkering, skyddad folkbokföring). None is by default.
    bool register_client = false;
};

/// The outbox of eDispensations on their way to a foreign NCP-A.
struct outbox_settings {
    /// A dispensation still undelivered after this long is given up (and reported).
    std::chrono::hours max_age{72};
    /// Retries back off from `first_retry` doubling up to `max_retry`.
    std::chrono::seconds first_retry{5};
    std::chrono::seconds max_retry{600};
    /// How long `POST foreign-dispensations` waits for the foreign NCP-A before answering 202
    /// (and leaving the delivery to the outbox).
    std::chrono::milliseconds delivery_deadline{3000};
};

/// Country B: Swedish pharmacies dispensing foreign ePrescriptions.
struct country_b_settings {
    /// OID under which the ids of our eDispensations (supply ids) are published; the default is
    /// `ncpeh translate --to ehdsi-ed`'s.
    std::string dispensation_id_root = "2.999.752.1.5";
    /// A pharmacist's session; at most the 4 h the HCP assertion issued for it is valid.
    std::chrono::minutes session{240};
    outbox_settings outbox;
};

struct national_store_settings {
    std::string url;  ///< FHIR base URL of the national prescription store
    std::chrono::milliseconds timeout{5000};
};

/// The eHDSI audit trail's export to the national ATNA audit record repository: RFC 5424 syslog
/// over TLS (RFC 5425) with a client certificate and anchors of its own.
struct atna_settings {
    std::string host;  ///< name or address; the repository's certificate must carry it
    std::uint16_t port = 6514;
    credential tls_client;          ///< what we present to the repository
    std::filesystem::path anchors;  ///< what the repository's certificate must chain to
    /// `AuditSourceID`: the NCP's ISO 3166 code or subdivision; empty: `[node] country`.
    std::string site_id;
    /// Our host name in the syslog header and `NetworkAccessPointID`; empty: the machine's.
    std::string hostname;
    /// Retries back off from `first_retry` doubling up to `max_retry`; the spool keeps all.
    std::chrono::milliseconds first_retry{1000};
    std::chrono::milliseconds max_retry{60000};
};

/// The audit trail beyond its database.
struct audit_settings {
    std::optional<atna_settings> atna;  ///< none: no ATNA export (the embedded default)
};

struct database_settings {
    /// `sqlite:RELATIVE/OR/ABSOLUTE/PATH` (embedded default) or `postgresql://…`.
    std::string url;
    /// PostgreSQL's password (`password_env` / `password_file`); none: libpq's own sources.
    std::optional<secret> password;
    /// PostgreSQL: connections of this instance, each used by one worker thread.
    unsigned pool_size = 4;
    /// PostgreSQL: requests that may wait for a free connection; more are refused at once
    /// (`storage_unavailable`: a 503 or a SOAP fault) instead of piling up.
    unsigned queue_limit = 256;
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
    audit_settings audit;
    std::filesystem::path terminology_dir;
    logging_settings logging;
    limits_settings limits;
    std::vector<partner> partners;
    std::vector<pharmacy> pharmacies;
    std::vector<patient_eservice> patient_eservices;
    country_b_settings country_b;
};

}  // namespace ncpeh::config
