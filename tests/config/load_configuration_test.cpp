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
    CHECK(p.line == 50);
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
