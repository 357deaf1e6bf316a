// Runs the real `ncpeh` program as a user would.
#include <catch2/catch.hpp>

#include "tests/support/process.hpp"
#include "tests/support/test_files.hpp"

using ncpeh::testing::run_command;

namespace {
const std::string ncpeh_bin = NCPEH_EXECUTABLE;
const std::string example = (ncpeh::testing::source_dir() / "config/ncpeh.example.toml").string();
}  // namespace

TEST_CASE("ncpeh check-config accepts the example configuration") {
    const auto r = run_command({ncpeh_bin, "check-config", example});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("configuration is usable (country SE, 1 partner(s), 2 pharmacy system(s), 1 "
                     "patient e-service(s))") != std::string::npos);
}

TEST_CASE("ncpeh check-config lists every problem of a broken file and exits 1") {
    ncpeh::testing::temp_dir dir;
    const auto file = dir.write("broken.toml", "[node]\ncountry = 5\nunknown = 1\n[listen]\n");
    const auto r = run_command({ncpeh_bin, "check-config", file.string()});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find(file.string() + ":2: node.country: expected a string, found an integer") !=
          std::string::npos);
    CHECK(r.err.find(file.string() + ":3: node.unknown: unknown key") != std::string::npos);
    CHECK(r.err.find("listen.ncp: required key is missing") != std::string::npos);
    CHECK(r.err.find("problem(s) in") != std::string::npos);
}

TEST_CASE("ncpeh check-config --json prints a machine-readable verdict") {
    const auto r = run_command({ncpeh_bin, "check-config", "--json", "/nonexistent.toml"});
    CHECK(r.exit_code == 1);
    CHECK(r.out ==
          R"({"file":"/nonexistent.toml","usable":false,"problems":[{"file":"/nonexistent.toml",)"
          R"("line":0,"key":"","message":"configuration file not found"}]})"
          "\n");
}

TEST_CASE("unimplemented subcommands say so and exit 2, bad usage exits 2") {
    CHECK(run_command({ncpeh_bin, "translate", "--to", "se-view", "/nonexistent.xml"}).exit_code ==
          2);
    CHECK(run_command({ncpeh_bin, "serve", "--config", "/nonexistent.toml"}).exit_code == 2);
    CHECK(run_command({ncpeh_bin, "frobnicate"}).exit_code == 2);
    CHECK(run_command({ncpeh_bin}).exit_code == 2);
    CHECK(run_command({ncpeh_bin, "translate", "--to", "bogus", "x"}).exit_code == 2);
}

TEST_CASE("every subcommand has --help") {
    for (const char* sub :
         {"serve", "check-config", "translate", "verify-assertions", "migrate", "version"}) {
        const auto r = run_command({ncpeh_bin, sub, "--help"});
        INFO(sub);
        CHECK(r.exit_code == 0);
        CHECK(r.out.find("Usage") != std::string::npos);
    }
}

TEST_CASE("ncpeh version names the libraries") {
    const auto r = run_command({ncpeh_bin, "version"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.starts_with("ncpeh 0.1.0\n"));
    CHECK(r.out.find("libxml2 2.9") != std::string::npos);
    CHECK(r.out.find("OpenSSL 3") != std::string::npos);
}
