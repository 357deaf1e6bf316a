#include "config/load_configuration.hpp"

#include <arpa/inet.h>

#include <boost/url/parse.hpp>

#include <cstdlib>
#include <map>
#include <set>

#include "config/search_pattern.hpp"
#include "config/table_reader.hpp"
#include "translators/sweden/identifier_formats.hpp"
#include "trust/encoding/oid.hpp"
#include "trust/files/read_whole_file.hpp"
#include "trust/x509/fingerprint.hpp"
#include "trust/x509/pem_file.hpp"

namespace ncpeh::config {

namespace fs = std::filesystem;
using trust::encoding::is_oid;

namespace {

bool is_country_code(std::string_view text) {
    return text.size() == 2 && text[0] >= 'A' && text[0] <= 'Z' && text[1] >= 'A' && text[1] <= 'Z';
}

bool is_ip_address(const std::string& text) {
    unsigned char buffer[16];
    return inet_pton(AF_INET, text.c_str(), buffer) == 1 ||
           inet_pton(AF_INET6, text.c_str(), buffer) == 1;
}

// 127.0.0.0/8, ::1 or "localhost": reachable from this machine only.
bool is_loopback(const std::string& text) {
    unsigned char v4[4];
    if (inet_pton(AF_INET, text.c_str(), v4) == 1) {
        return v4[0] == 127;
    }
    return text == "::1" || text == "localhost";
}

std::string lower_hex(std::string text) {
    std::string out;
    for (char c : text) {
        if (c == ':') {
            continue;
        }
        out += (c >= 'A' && c <= 'F') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return out;
}

bool is_sha256_hex(std::string_view text) {
    return text.size() == 64 &&
           text.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

/// Checks an absolute http(s) URL with a host; returns an explanation when it is not one.
std::optional<std::string> url_problem(const std::string& text, bool https_only) {
    auto parsed = boost::urls::parse_absolute_uri(text);
    if (!parsed) {
        return "malformed URL '" + text + "' (" + parsed.error().message() + ")";
    }
    const auto scheme = parsed->scheme();
    if (scheme != "https" && (https_only || scheme != "http")) {
        return "URL '" + text + "' must use " + (https_only ? "https" : "http or https");
    }
    if (parsed->host().empty()) {
        return "URL '" + text + "' has no host";
    }
    if (parsed->has_userinfo()) {
        return "URL '" + text + "' carries credentials; name a secret source instead";
    }
    return std::nullopt;
}

class loader {
  public:
    loader(const fs::path& file, const environment_lookup& environment, loaded_configuration& out)
        : file_(file.string()),
          base_(file.parent_path().empty() ? fs::path(".") : file.parent_path()),
          environment_(environment),
          out_(out) {}

    void load(const toml::table& root) {
        table_reader reader(root, "", file_, out_.problems);
        configuration& c = out_.value;
        if (const toml::table* node = reader.table("node")) {
            read_node(table_reader(*node, "node", file_, out_.problems), c);
        }
        if (const toml::table* trust = reader.table("trust")) {
            trust_table_ = trust;
            read_trust(table_reader(*trust, "trust", file_, out_.problems), c.trust);
        }
        if (const toml::table* listen = reader.table("listen")) {
            table_reader listeners(*listen, "listen", file_, out_.problems);
            read_listener(listeners, "ncp", c.ncp_listener);
            read_listener(listeners, "national", c.national_listener);
            read_listener(listeners, "ops", c.ops_listener);
            listeners.finish();
            check_distinct_ports(listeners);
            if (listen->contains("national") && trust_table_ != nullptr &&
                !trust_table_->contains("pharmacy_tls")) {
                table_reader(*trust_table_, "trust", file_, out_.problems)
                    .report("pharmacy_tls",
                            "required key is missing: [listen.national] serves Swedish pharmacy "
                            "systems, whose client certificates are checked against these anchors "
                            "(never partner_tls)");
            }
            if (!is_loopback(c.ops_listener.address) && c.trust.operator_tls.empty()) {
                listeners.report("ops",
                                 "the ops listener serves health, metrics and the audit trail: on "
                                 "a non-loopback address it needs [trust] operator_tls, the "
                                 "anchors of the operators' client certificates");
            }
        }
        if (const toml::table* credentials = reader.table("credentials")) {
            table_reader creds(*credentials, "credentials", file_, out_.problems);
            read_credential(creds, "tls_server", c.tls_server);
            read_credential(creds, "tls_client", c.tls_client);
            read_credential(creds, "seal", c.seal);
            creds.finish();
        }
        if (const toml::table* store = reader.table("national_store")) {
            table_reader r(*store, "national_store", file_, out_.problems);
            if (auto url = r.string("url")) {
                if (auto why = url_problem(*url, false)) {
                    r.report("url", *why);
                }
                c.national_store.url = *url;
            }
            if (auto ms = r.optional_integer("timeout_ms", 1, 600000)) {
                c.national_store.timeout = std::chrono::milliseconds(*ms);
            }
            r.finish();
        }
        if (const toml::table* database = reader.table("database")) {
            read_database(table_reader(*database, "database", file_, out_.problems), c.database);
        }
        if (const toml::table* audit = reader.optional_table("audit")) {
            table_reader r(*audit, "audit", file_, out_.problems);
            if (const toml::table* atna = r.optional_table("atna")) {
                read_atna(table_reader(*atna, "audit.atna", file_, out_.problems), c);
            }
            r.finish();
        }
        if (const toml::table* terminology = reader.table("terminology")) {
            table_reader r(*terminology, "terminology", file_, out_.problems);
            if (auto dir = r.file("directory", base_)) {
                if (!fs::is_directory(*dir)) {
                    r.report("directory", "not a directory: " + dir->string());
                }
                c.terminology_dir = *dir;
            }
            r.finish();
        }
        if (const toml::table* logging = reader.optional_table("logging")) {
            read_logging(table_reader(*logging, "logging", file_, out_.problems), c.logging);
        }
        if (const toml::table* limits = reader.optional_table("limits")) {
            read_limits(table_reader(*limits, "limits", file_, out_.problems), c.limits);
        }
        if (const toml::array* partners = reader.optional_array("partner")) {
            read_partners(reader, *partners, c);
        }
        if (const toml::array* pharmacies = reader.optional_array("pharmacy")) {
            read_pharmacies(reader, *pharmacies, c);
        }
        if (const toml::array* eservices = reader.optional_array("patient_eservice")) {
            read_patient_eservices(reader, *eservices, c);
        }
        check_fingerprints_unique();
        if (const toml::table* country_b = reader.optional_table("country_b")) {
            read_country_b(table_reader(*country_b, "country_b", file_, out_.problems),
                           c.country_b);
        }
        reader.finish();
    }

  private:
    void read_node(table_reader r, configuration& c) {
        if (auto country = r.string("country")) {
            if (!is_country_code(*country)) {
                r.report("country",
                         "'" + *country + "' is not an ISO 3166-1 alpha-2 code (e.g. SE)");
            }
            c.country = *country;
        }
        if (auto id = r.string("home_community_id")) {
            if (!id->starts_with("urn:oid:") || !is_oid(id->substr(8))) {
                r.report("home_community_id", "'" + *id + "' is not of the form urn:oid:<OID>");
            }
            c.home_community_id = *id;
        }
        if (auto root = r.string("prescription_id_root")) {
            if (!is_oid(*root)) {
                r.report("prescription_id_root", "'" + *root + "' is not an OID");
            }
            c.prescription_id_root = *root;
        }
        r.finish();
    }

    void read_listener(table_reader& parent, std::string_view name, listener& out) {
        const toml::table* table = parent.table(name);
        if (table == nullptr) {
            return;
        }
        table_reader r(*table, parent.path_of(name), file_, out_.problems);
        if (auto address = r.string("address")) {
            if (*address != "localhost" && !is_ip_address(*address)) {
                r.report("address", "'" + *address + "' is not an IP address");
            }
            out.address = *address;
        }
        if (auto port = r.integer("port", 0, 65535)) {
            out.port = static_cast<std::uint16_t>(*port);
        }
        r.finish();
    }

    void check_distinct_ports(table_reader& listeners) {
        const configuration& c = out_.value;
        const std::pair<std::string_view, const listener*> all[] = {
            {"ncp", &c.ncp_listener}, {"national", &c.national_listener}, {"ops", &c.ops_listener}};
        for (std::size_t i = 0; i < std::size(all); ++i) {
            for (std::size_t j = i + 1; j < std::size(all); ++j) {
                if (all[i].second->port != 0 && all[i].second->port == all[j].second->port &&
                    all[i].second->address == all[j].second->address) {
                    listeners.report(all[j].first, "port " + std::to_string(all[j].second->port) +
                                                       " is already used by listen." +
                                                       std::string(all[i].first));
                }
            }
        }
    }

    std::optional<secret> read_secret(table_reader& r, std::string_view name) {
        const std::string inline_key(name);
        const std::string env_key = inline_key + "_env";
        const std::string file_key = inline_key + "_file";
        r.known(inline_key);
        if (r.optional_string(inline_key)) {
            r.report(inline_key,
                     "secrets must not be written in the configuration; name them with " + env_key +
                         " or " + file_key);
        }
        auto env = r.optional_string(env_key);
        auto file = r.optional_file(file_key, base_, true);
        if (env && file) {
            r.report(env_key, "give either " + env_key + " or " + file_key + ", not both");
            return std::nullopt;
        }
        if (env) {
            secret s{*env, {}, {}};
            if (auto value = environment_(*env)) {
                s.value = *value;
            } else {
                r.report(env_key, "environment variable " + *env + " is not set");
            }
            return s;
        }
        if (file) {
            secret s{{}, *file, {}};
            auto text = trust::files::read_whole_file(*file);
            if (!text) {
                r.report(file_key, text.error().message);
                return s;
            }
            s.value = std::move(*text);
            while (!s.value.empty() && (s.value.back() == '\n' || s.value.back() == '\r')) {
                s.value.pop_back();
            }
            return s;
        }
        return std::nullopt;
    }

    void read_credential(table_reader& parent, std::string_view name, credential& out) {
        const toml::table* table = parent.table(name);
        if (table == nullptr) {
            return;
        }
        table_reader r(*table, parent.path_of(name), file_, out_.problems);
        auto cert = r.file("certificate", base_);
        auto key = r.file("private_key", base_);
        out.key_password = read_secret(r, "key_password");
        if (cert) {
            out.certificate = *cert;
            if (auto count = trust::x509::check_certificate_file(*cert); !count) {
                r.report("certificate", count.error().message + ": " + cert->string());
                cert.reset();
            }
        }
        if (key) {
            out.private_key = *key;
        }
        const bool password_missing = out.key_password && out.key_password->value.empty();
        if (cert && key && !password_missing) {
            std::optional<std::string> password;
            if (out.key_password) {
                password = out.key_password->value;
            }
            if (auto match = trust::x509::check_key_matches_certificate(*cert, *key, password);
                !match) {
                r.report("private_key", match.error().message + ": " + key->string());
            }
        }
        r.finish();
    }

    void read_anchor_file(table_reader& r, std::string_view key, fs::path& out) {
        if (auto path = r.file(key, base_)) {
            out = *path;
            if (auto count = trust::x509::check_certificate_file(*path); !count) {
                r.report(key, count.error().message + ": " + path->string());
            }
        }
    }

    void read_trust(table_reader r, trust_stores& out) {
        read_anchor_file(r, "partner_tls", out.partner_tls);
        read_anchor_file(r, "assertion_signatures", out.assertion_signatures);
        read_anchor_file(r, "smp", out.smp);
        for (auto [key, target] : {std::pair{"operator_tls", &out.operator_tls},
                                   std::pair{"pharmacy_tls", &out.pharmacy_tls}}) {
            if (auto path = r.optional_file(key, base_, true)) {
                *target = *path;
                if (auto count = trust::x509::check_certificate_file(*path); !count) {
                    r.report(key, count.error().message + ": " + path->string());
                }
            }
        }
        check_pharmacy_anchors_apart(r, out);
        read_crls(r, out);
        r.finish();
    }

    /// The pharmacy anchors must not let a partner's or an operator's certificate onto the
    /// national API: not the same file, and not the same (first) anchor.
    void check_pharmacy_anchors_apart(table_reader& r, const trust_stores& out) {
        if (out.pharmacy_tls.empty()) {
            return;
        }
        const auto pharmacy = trust::x509::sha256_fingerprint_of_file(out.pharmacy_tls);
        for (auto [key, other] : {std::pair{"partner_tls", &out.partner_tls},
                                  std::pair{"operator_tls", &out.operator_tls}}) {
            if (other->empty()) {
                continue;
            }
            std::error_code ec;
            if (fs::equivalent(*other, out.pharmacy_tls, ec) ||
                (pharmacy && trust::x509::sha256_fingerprint_of_file(*other) == pharmacy)) {
                r.report("pharmacy_tls", std::string("the pharmacy systems' anchors must be "
                                                     "their own, not the same as ") +
                                             key + "'s");
            }
        }
    }

    void read_crls(table_reader& r, trust_stores& out) {
        const toml::array* crls = r.optional_array("crls");
        if (crls == nullptr) {
            return;
        }
        for (const toml::node& entry : *crls) {
            const auto* text = entry.as_string();
            if (text == nullptr) {
                r.report("crls", "every entry must be a file name");
                continue;
            }
            fs::path path(**text);
            if (path.is_relative()) {
                path = (base_ / path).lexically_normal();
            }
            if (!fs::exists(path)) {
                r.report("crls", "file not found: " + path.string());
                continue;
            }
            if (auto ok = trust::x509::check_crl_file(path); !ok) {
                r.report("crls", ok.error().message + ": " + path.string());
                continue;
            }
            out.crls.push_back(path);
        }
    }

    void read_database(table_reader r, database_settings& out) {
        if (auto url = r.string("url")) {
            out.url = *url;
            if (url->starts_with("sqlite:")) {
                const fs::path path(url->substr(7));
                if (path.empty()) {
                    r.report("url", "sqlite: URL needs a file name, e.g. sqlite:var/ncpeh.db");
                } else {
                    const fs::path resolved =
                        path.is_relative() ? (base_ / path).lexically_normal() : path;
                    out.url = "sqlite:" + resolved.string();
                    const fs::path folder = resolved.parent_path();
                    if (!folder.empty() && fs::exists(folder) && !fs::is_directory(folder)) {
                        r.report("url",
                                 "folder of the database is not a directory: " + folder.string());
                    }
                }
            } else if (url->starts_with("postgresql://") || url->starts_with("postgres://")) {
                auto parsed = boost::urls::parse_absolute_uri(*url);
                if (!parsed) {
                    r.report("url", "malformed PostgreSQL URL");
                } else if (parsed->has_password()) {
                    r.report("url",
                             "the URL carries a password; use password_env or password_file");
                }
            } else {
                r.report("url", "unsupported database URL '" + *url +
                                    "' (expected sqlite:PATH or postgresql://HOST/DB)");
            }
        }
        out.password = read_secret(r, "password");
        if (auto size = r.optional_integer("pool_size", 1, 256)) {
            out.pool_size = static_cast<unsigned>(*size);
        }
        if (auto limit = r.optional_integer("queue_limit", 1, 100000)) {
            out.queue_limit = static_cast<unsigned>(*limit);
        }
        r.finish();
    }

    void read_atna(table_reader r, configuration& c) {
        atna_settings out;
        if (auto host = r.string("host")) {
            if (host->empty() ||
                (!is_ip_address(*host) && host->find_first_of(" /:@") != std::string::npos)) {
                r.report("host", "'" + *host + "' is not a host name or IP address");
            }
            out.host = *host;
        }
        if (auto port = r.optional_integer("port", 1, 65535)) {
            out.port = static_cast<std::uint16_t>(*port);
        }
        read_anchor_file(r, "anchors", out.anchors);
        read_credential(r, "tls_client", out.tls_client);
        if (auto site = r.optional_string("site_id")) {
            out.site_id = *site;
        }
        if (auto hostname = r.optional_string("hostname")) {
            out.hostname = *hostname;
        }
        if (auto v = r.optional_integer("first_retry_ms", 10, 3600000)) {
            out.first_retry = std::chrono::milliseconds(*v);
        }
        if (auto v = r.optional_integer("max_retry_ms", 10, 86400000)) {
            out.max_retry = std::chrono::milliseconds(*v);
        }
        if (out.first_retry > out.max_retry) {
            r.report("first_retry_ms", "the first retry must not wait longer than max_retry_ms");
        }
        r.finish();
        c.audit.atna = std::move(out);
    }

    void read_logging(table_reader r, logging_settings& out) {
        if (auto level = r.optional_string("level")) {
            static const std::set<std::string, std::less<>> levels = {"trace", "debug", "info",
                                                                      "warn", "error"};
            if (!levels.contains(*level)) {
                r.report("level", "'" + *level + "' is not one of trace, debug, info, warn, error");
            }
            out.level = *level;
        }
        if (auto personal = r.optional_boolean("log_personal_data")) {
            out.log_personal_data = *personal;
        }
        if (auto v = r.optional_integer("stats_interval_s", 0, 86400)) {
            out.stats_interval = std::chrono::seconds(*v);
        }
        r.finish();
    }

    void read_limits(table_reader r, limits_settings& out) {
        if (auto v = r.optional_integer("max_request_bytes", 1024, 1LL << 30)) {
            out.max_request_bytes = static_cast<std::size_t>(*v);
        }
        if (auto v = r.optional_integer("max_xml_depth", 8, 4096)) {
            out.max_xml_depth = static_cast<unsigned>(*v);
        }
        if (auto v = r.optional_integer("max_connections", 1, 100000)) {
            out.max_connections = static_cast<unsigned>(*v);
        }
        if (auto v = r.optional_integer("read_timeout_ms", 100, 600000)) {
            out.read_timeout = std::chrono::milliseconds(*v);
        }
        if (auto v = r.optional_integer("handshake_timeout_ms", 100, 60000)) {
            out.handshake_timeout = std::chrono::milliseconds(*v);
        }
        if (auto v = r.optional_integer("max_handshakes", 1, 100000)) {
            out.max_handshakes = static_cast<unsigned>(*v);
        }
        if (auto v = r.optional_integer("max_handshakes_per_address", 1, 100000)) {
            out.max_handshakes_per_address = static_cast<unsigned>(*v);
        }
        r.finish();
    }

    void read_partners(table_reader& parent, const toml::array& partners, configuration& c) {
        std::set<std::string> seen;
        for (std::size_t i = 0; i < partners.size(); ++i) {
            const toml::table* table = partners[i].as_table();
            const std::string path = "partner[" + std::to_string(i) + "]";
            if (table == nullptr) {
                parent.report("partner", "every [[partner]] entry must be a table");
                continue;
            }
            table_reader r(*table, path, file_, out_.problems);
            partner p;
            if (auto country = r.string("country")) {
                p.country = *country;
                if (!is_country_code(*country)) {
                    r.report("country", "'" + *country + "' is not an ISO 3166-1 alpha-2 code");
                } else if (*country == c.country) {
                    r.report("country", "our own country cannot be a partner");
                } else if (!seen.insert(*country).second) {
                    r.report("country", "partner " + *country + " is configured twice");
                }
            }
            if (auto id = r.string("home_community_id")) {
                if (!id->starts_with("urn:oid:") || !is_oid(id->substr(8))) {
                    r.report("home_community_id", "'" + *id + "' is not of the form urn:oid:<OID>");
                }
                p.home_community_id = *id;
            }
            read_pins(r, p.tls_certificate_sha256, "partner", "partner " + p.country);
            if (auto ms = r.optional_integer("timeout_ms", 1, 600000)) {
                p.timeout = std::chrono::milliseconds(*ms);
            }
            if (const toml::array* fields = r.optional_array("search_field")) {
                read_search_mask(r, *fields, p);
            }
            for (auto [key, target] :
                 {std::pair{"xcpd_url", &p.xcpd_url}, std::pair{"xca_url", &p.xca_url},
                  std::pair{"xdr_url", &p.xdr_url}}) {
                if (auto url = r.optional_string(key)) {
                    if (auto why = url_problem(*url, false)) {
                        r.report(key, *why);
                    }
                    *target = *url;
                }
            }
            r.finish();
            c.partners.push_back(std::move(p));
        }
    }

    /// `[[partner.search_field]]`: the International Search Mask. When present it needs at
    /// least one mandatory identifier field, since an XCPD query without `livingSubjectId` is
    /// refused (DemographicsQueryNotAllowed, ehdsi-protocol.md §2).
    void read_search_mask(table_reader& parent, const toml::array& fields, partner& p) {
        std::set<std::string> oids;
        bool every_field_read = true;
        for (std::size_t i = 0; i < fields.size(); ++i) {
            const toml::table* table = fields[i].as_table();
            if (table == nullptr) {
                parent.report("search_field",
                              "every [[partner.search_field]] entry must be a table");
                continue;
            }
            table_reader r(*table, parent.path_of("search_field") + "[" + std::to_string(i) + "]",
                           file_, out_.problems);
            search_field f;
            if (auto oid = r.string("oid")) {
                if (!is_oid(*oid)) {
                    r.report("oid", "'" + *oid + "' is not an OID (the identifier domain, bare)");
                } else if (!oids.insert(*oid).second) {
                    r.report("oid", "identifier domain " + *oid + " is in the mask twice");
                }
                f.oid = *oid;
            }
            if (auto label = r.string("label")) {
                f.label = *label;
            }
            if (auto pattern = r.string("pattern")) {
                if (auto compiled = compile_search_pattern(*pattern); !compiled) {
                    r.report("pattern", "'" + *pattern + "': " + compiled.error().message);
                }
                f.pattern = *pattern;
            }
            if (auto mandatory = r.boolean("mandatory")) {
                f.mandatory = *mandatory;
            } else {
                every_field_read = false;
            }
            if (auto kind = r.optional_string("kind")) {
                if (*kind != "identifier") {
                    r.report("kind",
                             "'" + *kind + "' is not a supported kind (only \"identifier\" today)");
                }
            }
            r.finish();
            p.search_mask.push_back(std::move(f));
        }
        if (every_field_read && !p.search_mask.empty() &&
            std::none_of(p.search_mask.begin(), p.search_mask.end(), [](const search_field& f) {
                return f.mandatory && f.kind == search_field_kind::identifier;
            })) {
            parent.report("search_field",
                          "the search mask needs at least one mandatory identifier field (XCPD "
                          "finds patients by identifier)");
        }
    }

    void read_pharmacies(table_reader& parent, const toml::array& pharmacies, configuration& c) {
        std::set<std::string> glns;
        for (std::size_t i = 0; i < pharmacies.size(); ++i) {
            const toml::table* table = pharmacies[i].as_table();
            if (table == nullptr) {
                parent.report("pharmacy", "every [[pharmacy]] entry must be a table");
                continue;
            }
            table_reader r(*table, "pharmacy[" + std::to_string(i) + "]", file_, out_.problems);
            pharmacy p;
            if (auto gln = r.string("gln")) {
                if (auto valid = translators::sweden::validate_gln(*gln); !valid) {
                    r.report("gln", "'" + *gln + "' is not a GLN (" + valid.error().message + ")");
                } else if (!glns.insert(*gln).second) {
                    r.report("gln", "pharmacy " + *gln + " is configured twice");
                }
                p.gln = *gln;
            }
            if (auto name = r.string("name")) {
                p.name = *name;
            }
            read_pins(r, p.tls_certificate_sha256, "pharmacy system", "pharmacy " + p.gln);
            // Both are claims of the pharmacists' HCP assertions: peers require the locality,
            // and the organisation id for a discard.
            if (auto id = r.string("organization_id")) {
                if (!id->starts_with("urn:oid:") || !is_oid(id->substr(8))) {
                    r.report("organization_id", "'" + *id + "' is not of the form urn:oid:<OID>");
                }
                p.organization_id = *id;
            }
            if (auto locality = r.string("locality")) {
                p.locality = *locality;
            }
            r.finish();
            c.pharmacies.push_back(std::move(p));
        }
    }

    void read_patient_eservices(table_reader& parent, const toml::array& eservices,
                                configuration& c) {
        std::set<std::string> names;
        for (std::size_t i = 0; i < eservices.size(); ++i) {
            const toml::table* table = eservices[i].as_table();
            if (table == nullptr) {
                parent.report("patient_eservice",
                              "every [[patient_eservice]] entry must be a table");
                continue;
            }
            table_reader r(*table, "patient_eservice[" + std::to_string(i) + "]", file_,
                           out_.problems);
            patient_eservice e;
            if (auto name = r.string("name")) {
                if (name->empty()) {
                    r.report("name",
                             "the name must not be empty (logs and the audit trail use it)");
                } else if (!names.insert(*name).second) {
                    r.report("name", "patient e-service '" + *name + "' is configured twice");
                }
                e.name = *name;
            }
            read_pins(r, e.tls_certificate_sha256, "patient e-service",
                      "patient e-service " + e.name);
            if (auto v = r.optional_boolean("register_client")) {
                e.register_client = *v;
            }
            r.finish();
            c.patient_eservices.push_back(std::move(e));
        }
    }

    /// A certificate names one party: the same fingerprint for two partners, two pharmacies or
    /// a partner and a pharmacy is refused (on the later entry); one party may list it twice.
    void check_fingerprints_unique() {
        std::map<std::string, const pin*> first;
        for (const auto& p : pins_) {
            auto [it, fresh] = first.emplace(p.sha256, &p);
            if (!fresh && it->second->owner != p.owner) {
                out_.problems.push_back(
                    {file_, p.line, p.key,
                     "the certificate " + p.sha256 + " already identifies " + it->second->owner});
            }
        }
    }

    void read_country_b(table_reader r, country_b_settings& out) {
        if (auto root = r.optional_string("dispensation_id_root")) {
            if (!is_oid(*root)) {
                r.report("dispensation_id_root", "'" + *root + "' is not an OID");
            }
            out.dispensation_id_root = *root;
        }
        // The HCP assertion issued for a session is valid 4 h: a longer session would outlive it.
        if (auto v = r.optional_integer("session_minutes", 1, 240)) {
            out.session = std::chrono::minutes(*v);
        }
        if (const toml::table* outbox = r.optional_table("outbox")) {
            table_reader o(*outbox, "country_b.outbox", file_, out_.problems);
            if (auto v = o.optional_integer("max_age_hours", 1, 24 * 30)) {
                out.outbox.max_age = std::chrono::hours(*v);
            }
            if (auto v = o.optional_integer("first_retry_seconds", 1, 3600)) {
                out.outbox.first_retry = std::chrono::seconds(*v);
            }
            if (auto v = o.optional_integer("max_retry_seconds", 1, 86400)) {
                out.outbox.max_retry = std::chrono::seconds(*v);
            }
            if (auto v = o.optional_integer("delivery_deadline_ms", 0, 60000)) {
                out.outbox.delivery_deadline = std::chrono::milliseconds(*v);
            }
            if (out.outbox.first_retry > out.outbox.max_retry) {
                o.report("first_retry_seconds",
                         "the first retry (" + std::to_string(out.outbox.first_retry.count()) +
                             " s) must not wait longer than max_retry_seconds (" +
                             std::to_string(out.outbox.max_retry.count()) + " s)");
            }
            o.finish();
        }
        r.finish();
    }

    /// Reads `tls_certificate_sha256` and `tls_certificates` (files, mapped to their
    /// fingerprints) into `out`, remembering each for `check_fingerprints_unique`.
    void read_pins(table_reader& r, std::vector<std::string>& out, std::string_view who,
                   const std::string& owner) {
        auto remember = [&](const std::string& hex, std::string_view key) {
            out.push_back(hex);
            pins_.push_back({hex, owner, r.path_of(key), r.line_of(key)});
        };
        if (const toml::array* hashes = r.optional_array("tls_certificate_sha256")) {
            for (const toml::node& entry : *hashes) {
                const auto* text = entry.as_string();
                const std::string hex = text ? lower_hex(**text) : std::string();
                if (!is_sha256_hex(hex)) {
                    r.report("tls_certificate_sha256",
                             "every entry must be a SHA-256 fingerprint (64 hex digits)");
                    continue;
                }
                remember(hex, "tls_certificate_sha256");
            }
        }
        if (const toml::array* files = r.optional_array("tls_certificates")) {
            for (const toml::node& entry : *files) {
                const auto* text = entry.as_string();
                if (text == nullptr) {
                    r.report("tls_certificates", "every entry must be a file name");
                    continue;
                }
                fs::path path(**text);
                if (path.is_relative()) {
                    path = (base_ / path).lexically_normal();
                }
                if (auto hex = trust::x509::sha256_fingerprint_of_file(path)) {
                    remember(*hex, "tls_certificates");
                } else {
                    r.report("tls_certificates",
                             "cannot read a PEM certificate from " + path.string());
                }
            }
        }
        if (out.empty()) {
            r.report("tls_certificates", "no TLS certificate identifies this " + std::string(who) +
                                             " (give tls_certificates or tls_certificate_sha256)");
        }
    }

    std::string file_;
    fs::path base_;
    const toml::table* trust_table_ = nullptr;
    /// Every certificate fingerprint that identifies a partner or a pharmacy, in file order.
    struct pin {
        std::string sha256;
        std::string owner;  ///< "partner FI", "pharmacy 7350…"
        std::string key;
        int line = 0;
    };
    std::vector<pin> pins_;
    const environment_lookup& environment_;
    loaded_configuration& out_;
};

}  // namespace

environment_lookup process_environment() {
    return [](const std::string& name) -> std::optional<std::string> {
        if (const char* value = std::getenv(name.c_str())) {
            return std::string(value);
        }
        return std::nullopt;
    };
}

loaded_configuration load_configuration(const fs::path& file,
                                        const environment_lookup& environment) {
    loaded_configuration out;
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) {
        out.problems.push_back({file.string(), 0, "", "configuration file not found"});
        return out;
    }
    toml::table root;
    try {
        root = toml::parse_file(file.string());
    } catch (const toml::parse_error& e) {
        out.problems.push_back({file.string(), static_cast<int>(e.source().begin.line), "",
                                "syntax error: " + std::string(e.description())});
        return out;
    }
    loader(file, environment, out).load(root);
    return out;
}

}  // namespace ncpeh::config
