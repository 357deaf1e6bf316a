// packaging/systemd/ncpeh.service parses: `systemd-analyze verify` reports nothing about it.
#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>
#include <string>

#include "tests/support/process.hpp"
#include "tests/support/test_files.hpp"
#include "tests/support/text.hpp"

namespace {

using namespace ncpeh::testing;

const std::filesystem::path systemd_analyze = "/usr/bin/systemd-analyze";

/// `systemd-analyze verify` of `unit`: its exit code and everything it printed.
command_result verify(const std::filesystem::path& unit) {
    return run_command({systemd_analyze.string(), "verify", unit.string()},
                       std::chrono::seconds(60), {"SYSTEMD_LOG_COLOR=0"});
}

}  // namespace

TEST_CASE("The systemd unit of ncpeh serve passes systemd-analyze verify", "[systemd]") {
    if (!std::filesystem::exists(systemd_analyze)) {
        // Not a skip of the peer-sample kind (scripts/test counts those): said, then passed.
        WARN("systemd-analyze is not installed: packaging/systemd/ncpeh.service was not verified");
        return;
    }
    temp_dir dir;
    // verify checks that ExecStart is an executable: the one just built stands in for
    // /usr/bin/ncpeh. Everything else is the file as shipped.
    std::string unit = read_file(source_dir() / "packaging/systemd/ncpeh.service");
    REQUIRE(contains(unit, "ExecStart=/usr/bin/ncpeh serve --config /etc/ncpeh/ncpeh.toml\n"));
    unit = std::regex_replace(unit, std::regex("ExecStart=/usr/bin/ncpeh "),
                              std::string("ExecStart=") + NCPEH_EXECUTABLE + " ");
    const auto file = dir.write("ncpeh.service", unit);
    const auto verified = verify(file);
    INFO(verified.out + verified.err);
    CHECK(verified.exit_code == 0);
    // Unknown keys and unparsable values are only warnings (exit code 0): none may appear.
    CHECK(verified.out.empty());
    CHECK(verified.err.empty());

    SECTION("the sandbox the issue asks for is in the file") {
        for (const char* line :
             {"User=ncpeh\n", "ProtectSystem=strict\n", "ProtectHome=yes\n", "PrivateTmp=yes\n",
              "NoNewPrivileges=yes\n", "CapabilityBoundingSet=\n",
              "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX\n",
              "SystemCallFilter=@system-service\n", "StateDirectory=ncpeh\n",
              "ExecReload=/bin/kill -HUP $MAINPID\n", "Restart=on-failure\n",
              "LoadCredential=tls.key:/etc/ncpeh/private/tls.key\n"}) {
            INFO(line);
            CHECK(contains(unit, line));
        }
    }
    SECTION("a broken unit is noticed: the check is not blind") {
        const auto broken =
            dir.write("broken.service", std::regex_replace(unit, std::regex("ProtectSystem=strict"),
                                                           "ProtectSystem=sometimes"));
        const auto refused = verify(broken);
        CHECK(contains(refused.out + refused.err, "protect system value"));
    }
}
