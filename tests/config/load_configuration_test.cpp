// Test that the header is self-contained.
#include "config/load_configuration.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <regex>

#include "tests/support/test_files.hpp"

namespace config = ncpeh::config;
using ncpeh::testing::temp_dir;

namespace {

const std::filesystem::path pki = ncpeh::testing::source_dir() / "samples/pki/generated";

/// The example configuration with its relative paths made absolute, written into `dir`.
std::string example_text() {
    std::string text =
        ncpeh::testing::read_file(ncpeh::testing::source_dir() / "config/ncpeh.example.toml");
    const std::string root = ncpeh::testing::source_dir().string() + "/";
    return std::regex_replace(text, std::regex(R"(\.\./)"), root);
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

config::loaded_configuration load(const temp_dir& dir, const std::string& text,
                                  std::map<std::string, std::string> env = {}) {
    const auto file = dir.write("ncpeh.toml", text);
    return config::load_configuration(file,
                                      [env](const std::string& name) -> std::optional<std::string> {
                                          auto it = env.find(name);
                                          if (it == env.end()) {
                                              return std::nullopt;
                                          }
                                          return it->second;
                                      });
}

/// The single problem of a load; fails when there is not exactly one.
config::problem only_problem(const config::loaded_configuration& loaded) {
    for (const auto& p : loaded.problems) {
        UNSCOPED_INFO(p.describe());
    }
    REQUIRE(loaded.problems.size() == 1);
    return loaded.problems.front();
}

}  // namespace

TEST_CASE("the example configuration is usable and fully read") {
    const auto loaded = config::load_configuration(
        ncpeh::testing::source_dir() / "config/ncpeh.example.toml", config::process_environment());
    for (const auto& p : loaded.problems) {
        UNSCOPED_INFO(p.describe());
    }
    REQUIRE(loaded.is_usable());
    const auto& c = loaded.value;
    CHECK(c.country == "SE");
    CHECK(c.home_community_id == "urn:oid:2.999.752.1.1");
    CHECK(c.ncp_listener.port == 8443);
    CHECK(c.national_listener.port == 8080);
    CHECK(c.ops_listener.address == "127.0.0.1");
    CHECK(c.tls_server.certificate.filename() == "se-tls.pem");
    CHECK(c.trust.crls.size() == 1);
    CHECK(c.national_store.url == "http://127.0.0.1:8090/fhir");
    CHECK(c.national_store.timeout == std::chrono::milliseconds(5000));
    CHECK(c.database.url.starts_with("sqlite:/"));
    CHECK(c.database.url.ends_with("/var/ncpeh.db"));
    CHECK_FALSE(c.logging.log_personal_data);
    CHECK(c.limits.max_xml_depth == 128);
    CHECK(c.limits.max_connections == 512);
    CHECK(c.limits.handshake_timeout == std::chrono::milliseconds(3000));
    CHECK(c.limits.max_handshakes == 128);
    CHECK(c.limits.max_handshakes_per_address == 32);
    CHECK(c.logging.stats_interval == std::chrono::seconds(60));
    REQUIRE(c.partners.size() == 1);
    CHECK(c.partners[0].country == "FI");
    REQUIRE(c.partners[0].tls_certificate_sha256.size() == 1);
    CHECK(c.partners[0].tls_certificate_sha256[0].size() == 64);
    REQUIRE(c.patient_eservices.size() == 1);
    CHECK(c.patient_eservices[0].name == "1177 Exempel");
    CHECK(c.patient_eservices[0].tls_certificate_sha256.size() == 1);
    CHECK_FALSE(c.patient_eservices[0].register_client);
}

TEST_CASE("a patient e-service needs a name and a certificate of its own") {
    temp_dir dir;
    const std::string eservice = "name = \"1177 Exempel\"\ntls_certificates = [\"" +
                                 (pki / "eservices.pem").string() + "\"]";
    const std::string text = example_text();
    SECTION("a pharmacy's certificate") {
        const auto p = only_problem(
            load(dir, replaced(text, "generated/eservices.pem", "generated/pharmacy-system.pem")));
        CHECK(p.key == "patient_eservice[0].tls_certificates");
        CHECK(p.message.find("already identifies pharmacy 7350099999994") != std::string::npos);
    }
    SECTION("no certificate") {
        const auto p = only_problem(load(
            dir, replaced(text, "tls_certificates = [\"" + (pki / "eservices.pem").string() + "\"]",
                          "")));
        CHECK(p.key == "patient_eservice[0].tls_certificates");
    }
    SECTION("the same name twice") {
        const auto loaded = load(dir, text + "\n[[patient_eservice]]\n" + eservice + "\n");
        bool twice = false;
        for (const auto& p : loaded.problems) {
            twice = twice || p.message.find("configured twice") != std::string::npos;
        }
        CHECK(twice);
    }
    SECTION("the register's own client") {
        const auto loaded =
            load(dir, replaced(text, "register_client = false", "register_client = true"));
        REQUIRE(loaded.is_usable());
        CHECK(loaded.value.patient_eservices.at(0).register_client);
    }
}

TEST_CASE("a missing certificate file is reported with its line and key") {
    temp_dir dir;
    const std::string text = replaced(example_text(), "se-seal.pem", "no-such-seal.pem");
    const auto p = only_problem(load(dir, text));
    CHECK(p.key == "credentials.seal.certificate");
    CHECK(p.message.find("file not found") != std::string::npos);
    CHECK(p.line == 36);
    CHECK(p.file.ends_with("ncpeh.toml"));
}

TEST_CASE("a malformed URL is reported") {
    temp_dir dir;
    const auto p = only_problem(
        load(dir, replaced(example_text(), "http://127.0.0.1:8090/fhir", "http//127.0.0.1:8090")));
    CHECK(p.key == "national_store.url");
    CHECK(p.message.find("malformed URL") != std::string::npos);
}

TEST_CASE("a URL with a wrong scheme or embedded credentials is reported") {
    temp_dir dir;
    CHECK(only_problem(load(dir, replaced(example_text(), "http://127.0.0.1:8090/fhir",
                                          "ftp://127.0.0.1/fhir")))
              .message.find("must use http or https") != std::string::npos);
    CHECK(only_problem(load(dir, replaced(example_text(), "http://127.0.0.1:8090/fhir",
                                          "http://user:pw@127.0.0.1/fhir")))
              .message.find("credentials") != std::string::npos);
}

TEST_CASE("an unknown key (a typo) is reported with a suggestion") {
    temp_dir dir;
    const auto loaded =
        load(dir, replaced(example_text(), "timeout_ms = 5000", "timeout_msec = 5000"));
    const auto p = only_problem(loaded);
    CHECK(p.key == "national_store.timeout_msec");
    CHECK(p.message == "unknown key (did you mean 'timeout_ms'?)");
    CHECK(p.line == 51);
}

TEST_CASE("a misspelled required key gives both the unknown and the missing key") {
    temp_dir dir;
    const auto loaded = load(dir, replaced(example_text(), "country = \"SE\"", "contry = \"SE\""));
    REQUIRE(loaded.problems.size() == 2);
    CHECK(loaded.problems[0].key == "node.country");
    CHECK(loaded.problems[0].message.find("required key is missing") != std::string::npos);
    CHECK(loaded.problems[1].key == "node.contry");
    CHECK(loaded.problems[1].message == "unknown key (did you mean 'country'?)");
}

TEST_CASE("a port out of range is reported") {
    temp_dir dir;
    const auto p = only_problem(load(dir, replaced(example_text(), "port = 8443", "port = 70000")));
    CHECK(p.key == "listen.ncp.port");
    CHECK(p.message == "70000 is out of range (0-65535)");
    CHECK(p.line == 15);
}

TEST_CASE("two listeners on the same address and port are reported") {
    temp_dir dir;
    const auto p = only_problem(load(dir, replaced(example_text(), "port = 9090", "port = 8080")));
    CHECK(p.key == "listen.ops");
    CHECK(p.message == "port 8080 is already used by listen.national");
}

TEST_CASE("an ops listener off loopback needs the operators' anchors") {
    temp_dir dir;
    const std::string exposed = replaced(example_text(),
                                         "[listen.ops]          # /healthz, /readyz, /metrics: "
                                         "plain HTTP on loopback, or operators' mutual TLS\n"
                                         "address = \"127.0.0.1\"",
                                         "[listen.ops]\naddress = \"0.0.0.0\"");
    const auto p = only_problem(load(dir, exposed));
    CHECK(p.key == "listen.ops");
    CHECK(
        p.message.starts_with("the ops listener serves health, metrics and the audit trail: on "
                              "a non-loopback address it needs [trust] operator_tls"));

    const auto with_anchors = load(dir, replaced(exposed, "# operator_tls = ", "operator_tls = "));
    CHECK(with_anchors.problems.empty());
    CHECK(with_anchors.value.trust.operator_tls == pki / "trust-operator-tls.pem");

    const auto loopback_v6 = load(dir, replaced(exposed, "0.0.0.0", "::1"));
    CHECK(loopback_v6.problems.empty());
}

TEST_CASE("handshake limits out of range are reported") {
    temp_dir dir;
    const auto p = only_problem(
        load(dir, replaced(example_text(), "max_handshakes = 128", "max_handshakes = 0")));
    CHECK(p.key == "limits.max_handshakes");
    CHECK(p.message == "0 is out of range (1-100000)");
}

TEST_CASE("a value of the wrong type is reported") {
    temp_dir dir;
    const auto p =
        only_problem(load(dir, replaced(example_text(), "port = 8443", "port = \"8443\"")));
    CHECK(p.key == "listen.ncp.port");
    CHECK(p.message == "expected an integer, found a string");
}

TEST_CASE("a syntax error is reported with its line") {
    temp_dir dir;
    const std::string text = example_text();
    const auto limits_line =
        1 + std::count(text.begin(),
                       text.begin() + static_cast<std::ptrdiff_t>(text.find("[limits]")), '\n');
    const auto p = only_problem(load(dir, replaced(text, "[limits]", "[limits")));
    CHECK(p.line == limits_line);
    CHECK(p.message.starts_with("syntax error"));
}

TEST_CASE("an inline secret is refused and the secret sources are checked") {
    temp_dir dir;
    const std::string with_inline =
        replaced(example_text(), "[credentials.tls_client]\n",
                 "[credentials.tls_client]\nkey_password = \"hunter2\"\n");
    const auto inline_problem = only_problem(load(dir, with_inline));
    CHECK(inline_problem.key == "credentials.tls_client.key_password");
    CHECK(inline_problem.message.find("must not be written in the configuration") !=
          std::string::npos);

    const std::string with_env =
        replaced(example_text(), "[credentials.tls_client]\n",
                 "[credentials.tls_client]\nkey_password_env = \"NCPEH_TEST_PW\"\n");
    const auto unset = only_problem(load(dir, with_env));
    CHECK(unset.message == "environment variable NCPEH_TEST_PW is not set");
    // The dev key is not encrypted, so with a password it still loads (OpenSSL ignores it).
    CHECK(load(dir, with_env, {{"NCPEH_TEST_PW", "secret"}}).is_usable());

    const std::string with_missing_file =
        replaced(example_text(), "[credentials.tls_client]\n",
                 "[credentials.tls_client]\nkey_password_file = \"/nonexistent/pw\"\n");
    CHECK(only_problem(load(dir, with_missing_file)).key ==
          "credentials.tls_client.key_password_file");
}

TEST_CASE("a private key that does not belong to the certificate is reported") {
    temp_dir dir;
    const std::string text = replaced(example_text(), "se-seal.key", "fi-seal.key");
    const auto p = only_problem(load(dir, text));
    CHECK(p.key == "credentials.seal.private_key");
    CHECK(p.message.starts_with("private key does not match the certificate"));
}

TEST_CASE("a file that is not a certificate is reported") {
    temp_dir dir;
    const auto junk = dir.write("junk.pem", "not a certificate\n");
    const auto p = only_problem(
        load(dir, replaced(example_text(), (pki / "trust-smp.pem").string(), junk.string())));
    CHECK(p.key == "trust.smp");
    CHECK(p.message.starts_with("no PEM certificate in file"));
}

TEST_CASE("bad identifiers, database URLs, levels and partners are each reported") {
    temp_dir dir;
    CHECK(only_problem(load(dir, replaced(example_text(), "country = \"SE\"", "country = \"se\"")))
              .key == "node.country");
    CHECK(
        only_problem(load(dir, replaced(example_text(), "urn:oid:2.999.752.1.1", "2.999.752.1.1")))
            .key == "node.home_community_id");
    CHECK(
        only_problem(load(dir, replaced(example_text(), "\"2.999.752.1.2\"", "\"2.999.x\""))).key ==
        "node.prescription_id_root");
    CHECK(only_problem(load(dir, replaced(example_text(), "address = \"127.0.0.1\"\nport = 8443",
                                          "address = \"not-an-ip\"\nport = 8443")))
              .key == "listen.ncp.address");
    CHECK(
        only_problem(load(dir, replaced(example_text(), "level = \"info\"", "level = \"verbose\"")))
            .key == "logging.level");
    const auto db = only_problem(load(dir, replaced(example_text(), "sqlite:", "mysql://db/")));
    CHECK(db.key == "database.url");
    CHECK(db.message.find("unsupported database URL") != std::string::npos);
    CHECK(only_problem(load(dir, replaced(example_text(),
                                          "\"sqlite:", "\"postgresql://ncpeh:pw@db/ncpeh\" #")))
              .message.find("password") != std::string::npos);

    const std::string second_fi = example_text() + R"(
[[partner]]
country = "FI"
home_community_id = "urn:oid:2.999.246.1.2"
tls_certificate_sha256 = ["AB:CD"]
)";
    const auto loaded = load(dir, second_fi);
    REQUIRE(loaded.problems.size() == 3);
    CHECK(loaded.problems[0].key == "partner[1].country");
    CHECK(loaded.problems[0].message == "partner FI is configured twice");
    CHECK(loaded.problems[1].key == "partner[1].tls_certificate_sha256");
    CHECK(loaded.problems[2].key == "partner[1].tls_certificates");
}

TEST_CASE("a PostgreSQL database keeps its password, pool size and queue limit") {
    temp_dir dir;
    const auto postgres = [](const std::string& settings) {
        return replaced(example_text(), "\"sqlite:",
                        "\"postgresql://ncpeh@db.example.se:5432/ncpeh\"\n" + settings + "\n#");
    };
    const std::string pg =
        postgres("password_env = \"NCPEH_TEST_DB_PW\"\npool_size = 8\nqueue_limit = 32");
    const std::map<std::string, std::string> env{{"NCPEH_TEST_DB_PW", "s3cret"}};
    const auto loaded = load(dir, pg, env);
    for (const auto& p : loaded.problems) {
        UNSCOPED_INFO(p.describe());
    }
    REQUIRE(loaded.is_usable());
    const auto& db = loaded.value.database;
    CHECK(db.url == "postgresql://ncpeh@db.example.se:5432/ncpeh");
    REQUIRE(db.password.has_value());
    CHECK(db.password->from_env == "NCPEH_TEST_DB_PW");
    CHECK(db.password->value == "s3cret");
    CHECK(db.pool_size == 8);
    CHECK(db.queue_limit == 32);

    // The defaults, and a password from a file (its last newline dropped).
    const auto file = dir.write("db-password", "from-file\n");
    const auto defaults = load(dir, postgres("password_file = \"" + file.string() + "\""));
    REQUIRE(defaults.is_usable());
    REQUIRE(defaults.value.database.password.has_value());
    CHECK(defaults.value.database.password->value == "from-file");
    CHECK(defaults.value.database.pool_size == 4);
    CHECK(defaults.value.database.queue_limit == 256);

    CHECK(only_problem(load(dir, replaced(pg, "pool_size = 8", "pool_size = 0"), env)).key ==
          "database.pool_size");
    CHECK(only_problem(load(dir, replaced(pg, "queue_limit = 32", "queue_limit = -1"), env)).key ==
          "database.queue_limit");
    const auto unset = only_problem(load(dir, pg));
    CHECK(unset.key == "database.password_env");
    CHECK(unset.message.find("s3cret") == std::string::npos);
}

TEST_CASE("every problem of a broken file is reported at once") {
    temp_dir dir;
    std::string text = example_text();
    text = replaced(text, "port = 8443", "port = -1");
    text = replaced(text, "http://127.0.0.1:8090/fhir", "not a url");
    text = replaced(text, "se-tls.pem", "gone.pem");
    text = replaced(text, "max_xml_depth = 128", "max_xml_dept = 128");
    text = replaced(text, "[terminology]\ndirectory", "[terminology]\ndirectori");
    const auto loaded = load(dir, text);
    std::vector<std::string> keys;
    for (const auto& p : loaded.problems) {
        keys.push_back(p.key);
    }
    std::sort(keys.begin(), keys.end());
    CHECK(keys == std::vector<std::string>{"credentials.tls_server.certificate",
                                           "limits.max_xml_dept", "listen.ncp.port",
                                           "national_store.url", "terminology.directori",
                                           "terminology.directory"});
}

TEST_CASE("a missing file is one problem, not a crash") {
    const auto loaded =
        config::load_configuration("/nonexistent/ncpeh.toml", config::process_environment());
    const auto p = only_problem(loaded);
    CHECK(p.message == "configuration file not found");
    CHECK(p.describe() == "/nonexistent/ncpeh.toml: configuration file not found");
}

// --- country B: pharmacy systems, search masks, partner timeouts, [country_b] ----------------

namespace {

/// The keys of a load's problems, in order.
std::vector<std::string> problem_keys(const config::loaded_configuration& loaded) {
    std::vector<std::string> keys;
    for (const auto& p : loaded.problems) {
        UNSCOPED_INFO(p.describe());
        keys.push_back(p.key);
    }
    return keys;
}

const std::string fi_mask_pattern =
    "'^(0[1-9]|[12][0-9]|3[01])(0[1-9]|1[0-2])[0-9]{2}[-+A-FU-Y][0-9]{3}[0-9A-FHJ-NPR-Y]$'";

}  // namespace

TEST_CASE("the example's country-B settings are read") {
    temp_dir dir;
    const auto loaded = load(dir, example_text());
    REQUIRE(loaded.is_usable());
    const auto& c = loaded.value;
    CHECK(c.trust.pharmacy_tls == pki / "trust-pharmacy-tls.pem");
    REQUIRE(c.partners.size() == 1);
    const auto& fi = c.partners[0];
    CHECK(fi.timeout == std::chrono::milliseconds(10000));
    REQUIRE(fi.search_mask.size() == 1);
    CHECK(fi.search_mask[0].oid == "2.999.246.10.1");
    CHECK(fi.search_mask[0].label == "Personal identity code");
    CHECK(fi.search_mask[0].mandatory);
    CHECK(fi.search_mask[0].kind == config::search_field_kind::identifier);
    const std::regex fi_code(fi.search_mask[0].pattern, std::regex::ECMAScript);
    CHECK(std::regex_match("010203-123N", fi_code));
    CHECK(std::regex_match("311299A987X", fi_code));
    CHECK_FALSE(std::regex_match("320203-123N", fi_code));  // day 32
    CHECK_FALSE(std::regex_match("010203-123G", fi_code));  // G is no check character
    CHECK_FALSE(std::regex_match("191212121212", fi_code));

    REQUIRE(c.pharmacies.size() == 2);
    CHECK(c.pharmacies[0].gln == "7350099999994");
    CHECK(c.pharmacies[0].name == "Apotek Exempel");
    CHECK(c.pharmacies[0].organization_id == "urn:oid:2.999.752.1.6.1");
    REQUIRE(c.pharmacies[0].tls_certificate_sha256.size() == 1);
    CHECK(c.pharmacies[0].tls_certificate_sha256[0].size() == 64);
    CHECK(c.pharmacies[0].tls_certificate_sha256[0].find_first_not_of("0123456789abcdef") ==
          std::string::npos);
    CHECK(c.pharmacies[1].gln == "7350099999987");
    CHECK(c.pharmacies[1].name == "Apoteket Fiktiv");
    CHECK(c.pharmacies[1].organization_id == "urn:oid:2.999.752.1.6.2");
    CHECK(c.pharmacies[0].locality == "Kalmar");
    CHECK(c.pharmacies[1].locality == "Växjö");
    REQUIRE(c.pharmacies[1].tls_certificate_sha256.size() == 1);
    CHECK(c.pharmacies[1].tls_certificate_sha256[0] != c.pharmacies[0].tls_certificate_sha256[0]);
    CHECK(c.pharmacies[1].tls_certificate_sha256[0] != fi.tls_certificate_sha256[0]);

    CHECK(c.country_b.dispensation_id_root == "2.999.752.1.5");
    CHECK(c.country_b.session == std::chrono::minutes(240));
    CHECK(c.country_b.outbox.max_age == std::chrono::hours(72));
    CHECK(c.country_b.outbox.first_retry == std::chrono::seconds(5));
    CHECK(c.country_b.outbox.max_retry == std::chrono::seconds(600));
    CHECK(c.country_b.outbox.delivery_deadline == std::chrono::milliseconds(3000));
}

TEST_CASE("country-B settings have defaults, and a partner without a search mask is valid") {
    temp_dir dir;
    std::string text = example_text();
    text = text.substr(0, text.find("timeout_ms = 10000"));  // FI without timeout and mask,
    text += "\n";                                            // no pharmacies, no [country_b]
    const auto loaded = load(dir, text);
    CHECK(problem_keys(loaded).empty());
    const auto& c = loaded.value;
    REQUIRE(c.partners.size() == 1);
    CHECK(c.partners[0].timeout == std::chrono::milliseconds(10000));
    CHECK(c.partners[0].search_mask.empty());
    CHECK(c.pharmacies.empty());
    const config::country_b_settings defaults;
    CHECK(c.country_b.dispensation_id_root == "2.999.752.1.5");
    CHECK(c.country_b.session == std::chrono::minutes(240));
    CHECK(c.country_b.outbox.max_age == defaults.outbox.max_age);
    CHECK(c.country_b.outbox.first_retry == std::chrono::seconds(5));
    CHECK(c.country_b.outbox.max_retry == std::chrono::seconds(600));
    CHECK(c.country_b.outbox.delivery_deadline == std::chrono::milliseconds(3000));

    // [country_b] with only some keys keeps the other defaults.
    const auto partial = load(dir, text + "[country_b]\nsession_minutes = 30\n");
    CHECK(problem_keys(partial).empty());
    CHECK(partial.value.country_b.session == std::chrono::minutes(30));
    CHECK(partial.value.country_b.outbox.delivery_deadline == std::chrono::milliseconds(3000));
}

TEST_CASE("trust.pharmacy_tls: required with the national listener, its own anchors") {
    temp_dir dir;
    const std::string line = "pharmacy_tls = \"" + (pki / "trust-pharmacy-tls.pem").string() + "\"";
    auto one = [&](const std::string& replacement) {
        return only_problem(load(dir, replaced(example_text(), line, replacement)));
    };
    const auto missing = one("");
    CHECK(missing.key == "trust.pharmacy_tls");
    CHECK(missing.message.starts_with("required key is missing: [listen.national] serves"));

    const auto wrong_type = one("pharmacy_tls = 5");
    CHECK(wrong_type.key == "trust.pharmacy_tls");
    CHECK(wrong_type.message == "expected a string, found an integer");

    const auto absent = one("pharmacy_tls = \"/nonexistent/pharmacy.pem\"");
    CHECK(absent.key == "trust.pharmacy_tls");
    CHECK(absent.message.find("file not found") != std::string::npos);

    const auto junk = dir.write("junk.pem", "not a certificate\n");
    CHECK(
        one("pharmacy_tls = \"" + junk.string() + "\"").message.starts_with("no PEM certificate"));

    const auto partners =
        one("pharmacy_tls = \"" + (pki / "trust-partner-tls.pem").string() + "\"");
    CHECK(partners.key == "trust.pharmacy_tls");
    CHECK(partners.message ==
          "the pharmacy systems' anchors must be their own, not the same as partner_tls's");
    // Another file holding the partners' CA is caught by its fingerprint.
    const auto operators =
        one("pharmacy_tls = \"" + (pki / "operators-ca.pem").string() + "\"\noperator_tls = \"" +
            (pki / "trust-operator-tls.pem").string() + "\"");
    CHECK(operators.message ==
          "the pharmacy systems' anchors must be their own, not the same as operator_tls's");
    CHECK(one("pharmacy_tls = \"" + (pki / "ca.pem").string() + "\"")
              .message.ends_with("partner_tls's"));
}

TEST_CASE("[[pharmacy]] entries: GLN, name, certificates, organization id") {
    temp_dir dir;
    const std::string text = example_text();
    auto one = [&](const std::string& from, const std::string& to) {
        return only_problem(load(dir, replaced(text, from, to)));
    };
    const auto check_digit = one("gln = \"7350099999994\"", "gln = \"7350099999995\"");
    CHECK(check_digit.key == "pharmacy[0].gln");
    CHECK(check_digit.message.starts_with("'7350099999995' is not a GLN ("));
    CHECK(one("gln = \"7350099999994\"", "gln = \"73500999\"").key == "pharmacy[0].gln");
    CHECK(one("gln = \"7350099999994\"", "gln = 7350099999994").message ==
          "expected a string, found an integer");
    const auto missing_gln = one("gln = \"7350099999994\"", "");
    CHECK(missing_gln.key == "pharmacy[0].gln");
    CHECK(missing_gln.message.starts_with("required key is missing"));
    const auto twice = one("gln = \"7350099999987\"", "gln = \"7350099999994\"");
    CHECK(twice.key == "pharmacy[1].gln");
    CHECK(twice.message == "pharmacy 7350099999994 is configured twice");

    CHECK(one("name = \"Apotek Exempel\"", "").key == "pharmacy[0].name");
    CHECK(one("name = \"Apotek Exempel\"", "name = \"\"").message == "must not be empty");
    CHECK(one("name = \"Apotek Exempel\"", "name = true").message ==
          "expected a string, found a boolean");

    const std::string certs =
        "tls_certificates = [\"" + (pki / "pharmacy-system.pem").string() + "\"]";
    const auto no_cert = one(certs, "");
    CHECK(no_cert.key == "pharmacy[0].tls_certificates");
    CHECK(no_cert.message ==
          "no TLS certificate identifies this pharmacy system (give "
          "tls_certificates or tls_certificate_sha256)");
    const auto unreadable =
        load(dir, replaced(text, certs, "tls_certificates = [\"/nonexistent/cert.pem\"]"));
    REQUIRE(unreadable.problems.size() == 2);
    CHECK(unreadable.problems[0].message ==
          "cannot read a PEM certificate from /nonexistent/cert.pem");
    CHECK(unreadable.problems[1].key == "pharmacy[0].tls_certificates");

    // One certificate, two parties: a partner's, or the other pharmacy's.
    const auto partners =
        one(certs, "tls_certificates = [\"" + (pki / "fi-tls.pem").string() + "\"]");
    CHECK(partners.key == "pharmacy[0].tls_certificates");
    CHECK(partners.message.ends_with(" already identifies partner FI"));
    CHECK(partners.line > 0);
    const auto shared =
        one("tls_certificates = [\"" + (pki / "pharmacy-system-2.pem").string() + "\"]", certs);
    CHECK(shared.key == "pharmacy[1].tls_certificates");
    CHECK(shared.message.ends_with(" already identifies pharmacy 7350099999994"));

    const auto org = one("organization_id = \"urn:oid:2.999.752.1.6.1\"",
                         "organization_id = \"2.999.752.1.6.1\"");
    CHECK(org.key == "pharmacy[0].organization_id");
    CHECK(org.message == "'2.999.752.1.6.1' is not of the form urn:oid:<OID>");

    // The HCP assertions need both: a pharmacy without them is a problem.
    const auto no_org = one("organization_id = \"urn:oid:2.999.752.1.6.1\"", "");
    CHECK(no_org.key == "pharmacy[0].organization_id");
    CHECK(no_org.message.starts_with("required key is missing"));
    const auto no_locality = one("locality = \"Kalmar\"", "");
    CHECK(no_locality.key == "pharmacy[0].locality");
    CHECK(no_locality.message.starts_with("required key is missing"));
    const auto typo = one("locality = \"Kalmar\"", "locality = \"Kalmar\"\nlocalty = \"x\"");
    CHECK(typo.key == "pharmacy[0].localty");
    CHECK(typo.message == "unknown key (did you mean 'locality'?)");
}

TEST_CASE("a partner's timeout and International Search Mask are checked") {
    temp_dir dir;
    const std::string text = example_text();
    auto one = [&](const std::string& from, const std::string& to) {
        return only_problem(load(dir, replaced(text, from, to)));
    };
    CHECK(one("timeout_ms = 10000", "timeout_ms = 0").message == "0 is out of range (1-600000)");
    CHECK(one("timeout_ms = 10000", "timeout_ms = \"10s\"").key == "partner[0].timeout_ms");

    const std::string field = "partner[0].search_field[0].";
    const auto no_oid = one("oid = \"2.999.246.10.1\"", "");
    CHECK(no_oid.key == field + "oid");
    CHECK(no_oid.message.starts_with("required key is missing"));
    CHECK(one("oid = \"2.999.246.10.1\"", "oid = \"urn:oid:2.999.246.10.1\"").message ==
          "'urn:oid:2.999.246.10.1' is not an OID (the identifier domain, bare)");
    CHECK(one("label = \"Personal identity code\"", "").key == field + "label");
    CHECK(one("label = \"Personal identity code\"", "label = \"\"").message == "must not be empty");

    const auto bad_regex = one("pattern = " + fi_mask_pattern, "pattern = '^[0-9'");
    CHECK(bad_regex.key == field + "pattern");
    CHECK(bad_regex.message.starts_with("'^[0-9': not an ECMAScript regular expression ("));
    // Found by fuzzing: a repetition count that overflows inside libstdc++'s regex compiler.
    CHECK(
        one("pattern = " + fi_mask_pattern, "pattern = '^[0-9]{11111111111111111111}$'").message ==
        "'^[0-9]{11111111111111111111}$': search pattern refused: a "
        "repetition count above 100");
    CHECK(one("pattern = " + fi_mask_pattern, "pattern = 12").message ==
          "expected a string, found an integer");

    const auto no_mandatory = one("mandatory = true", "");
    CHECK(no_mandatory.key == field + "mandatory");
    CHECK(no_mandatory.message.starts_with("required key is missing"));
    CHECK(one("mandatory = true", "mandatory = \"yes\"").message ==
          "expected true or false, found a string");

    const auto demographics = one("kind = \"identifier\"", "kind = \"birth_date\"");
    CHECK(demographics.key == field + "kind");
    CHECK(demographics.message ==
          "'birth_date' is not a supported kind (only \"identifier\" today)");

    // An optional identifier alone cannot find anyone over XCPD.
    const auto optional_only = one("mandatory = true", "mandatory = false");
    CHECK(optional_only.key == "partner[0].search_field");
    CHECK(optional_only.message.starts_with("the search mask needs at least one mandatory"));

    // A second field of FI's mask, right after the first, with the same identifier domain.
    const std::string twice = replaced(text, "kind = \"identifier\"\n",
                                       "kind = \"identifier\"\n\n[[partner.search_field]]\n"
                                       "oid = \"2.999.246.10.1\"\nlabel = \"Again\"\n"
                                       "pattern = '^[0-9]+$'\nmandatory = false\n");
    const auto duplicate = only_problem(load(dir, twice));
    CHECK(duplicate.key == "partner[0].search_field[1].oid");
    CHECK(duplicate.message == "identifier domain 2.999.246.10.1 is in the mask twice");

    const auto typo = one("mandatory = true", "mandatory = true\nmandatroy = true");
    CHECK(typo.key == field + "mandatroy");
}

TEST_CASE("[country_b] settings are checked") {
    temp_dir dir;
    const std::string text = example_text();
    auto one = [&](const std::string& from, const std::string& to) {
        return only_problem(load(dir, replaced(text, from, to)));
    };
    const auto root = one("dispensation_id_root = \"2.999.752.1.5\"",
                          "dispensation_id_root = \"urn:oid:2.999.752.1.5\"");
    CHECK(root.key == "country_b.dispensation_id_root");
    CHECK(root.message == "'urn:oid:2.999.752.1.5' is not an OID");
    const auto session = one("session_minutes = 240", "session_minutes = 241");
    CHECK(session.key == "country_b.session_minutes");
    CHECK(session.message == "241 is out of range (1-240)");
    CHECK(one("session_minutes = 240", "session_minutes = \"4h\"").message ==
          "expected an integer, found a string");
    CHECK(one("max_age_hours = 72", "max_age_hours = 0").key == "country_b.outbox.max_age_hours");
    CHECK(one("delivery_deadline_ms = 3000", "delivery_deadline_ms = 3.5").message ==
          "expected an integer, found a number");
    CHECK(one("max_retry_seconds = 600", "max_retry_seconds = 0").key ==
          "country_b.outbox.max_retry_seconds");
    const auto order = one("first_retry_seconds = 5", "first_retry_seconds = 900");
    CHECK(order.key == "country_b.outbox.first_retry_seconds");
    CHECK(order.message ==
          "the first retry (900 s) must not wait longer than max_retry_seconds (600 s)");
    CHECK(one("session_minutes = 240", "session_minute = 240").key == "country_b.session_minute");
    CHECK(one("[country_b.outbox]", "[country_b.outbux]").key == "country_b.outbux");
}

TEST_CASE("[audit.atna]: absent means no export; the example's block is read and checked") {
    temp_dir dir;
    const std::string text = example_text();
    CHECK_FALSE(load(dir, text).value.audit.atna.has_value());

    // The example's commented block, switched on.
    const std::string on = std::regex_replace(
        text,
        std::regex(
            R"(^# (\[audit\.atna|host|port|anchors|site_id|hostname|first_retry_ms|max_retry_ms|certificate = .*se-audit|private_key = .*se-audit))",
            std::regex::multiline),
        "$1");
    const auto loaded = load(dir, on);
    for (const auto& p : loaded.problems) {
        UNSCOPED_INFO(p.describe());
    }
    REQUIRE(loaded.is_usable());
    REQUIRE(loaded.problems.empty());
    const auto& atna = loaded.value.audit.atna;
    REQUIRE(atna.has_value());
    CHECK(atna->host == "127.0.0.1");
    CHECK(atna->port == 6514);
    CHECK(atna->anchors == pki / "trust-audit-repository.pem");
    CHECK(atna->tls_client.certificate == pki / "se-audit-client.pem");
    CHECK(atna->tls_client.private_key == pki / "se-audit-client.key");
    CHECK(atna->site_id == "SE");
    CHECK(atna->hostname == "ncp.se.localhost");
    CHECK(atna->first_retry == std::chrono::milliseconds(1000));
    CHECK(atna->max_retry == std::chrono::milliseconds(60000));

    auto one = [&](const std::string& from, const std::string& to) {
        return only_problem(load(dir, replaced(on, from, to)));
    };
    CHECK(one("host = \"127.0.0.1\"", "host = \"syslog://x\"").key == "audit.atna.host");
    CHECK(one("port = 6514", "port = 0").key == "audit.atna.port");
    const auto order = one("first_retry_ms = 1000", "first_retry_ms = 90000");
    CHECK(order.key == "audit.atna.first_retry_ms");
    CHECK(order.message == "the first retry must not wait longer than max_retry_ms");
    CHECK(problem_keys(
              load(dir, replaced(on, "[audit.atna.tls_client]", "[audit.atna.tls_clint]"))) ==
          std::vector<std::string>{"audit.atna.tls_client", "audit.atna.tls_clint"});
    CHECK(one("anchors = \"" + (pki / "trust-audit-repository.pem").string() + "\"",
              "anchors = \"" + (pki / "missing.pem").string() + "\"")
              .key == "audit.atna.anchors");
    // A key that belongs to another credential is no key of the repository's.
    CHECK(one("site_id = \"SE\"", "site = \"SE\"").key == "audit.atna.site");
}
