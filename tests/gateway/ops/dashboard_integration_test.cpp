// The operators' dashboard in a real browser: ncpeh serve with partner traffic, the page loaded
// by headless Chromium (Debian's chromium package), the rendered DOM compared with the numbers
// /metrics gives, and a screenshot kept under the build folder (dashboard.png).
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "gateway/audit/sqlite_audit_trail.hpp"
#include "tests/gateway/support/country_a.hpp"
#include "tests/gateway/support/partner_calls.hpp"
#include "tests/support/plain_http.hpp"
#include "tests/support/process.hpp"
#include "tests/support/test_files.hpp"
#include "tests/support/text.hpp"
#include "trust/x509/validity.hpp"

namespace http = boost::beast::http;
using namespace ncpeh::testing;

namespace {

// Chromium without a display, sandbox (the tests may run as root) or profile outside `dir`.
command_result chromium(const temp_dir& dir, std::vector<std::string> arguments) {
    std::vector<std::string> argv{"/usr/bin/chromium",
                                  "--headless",
                                  "--no-sandbox",
                                  "--disable-gpu",
                                  "--disable-dev-shm-usage",
                                  "--hide-scrollbars",
                                  "--virtual-time-budget=8000"};
    argv.insert(argv.end(), arguments.begin(), arguments.end());
    return run_command(argv, std::chrono::seconds(60), {"HOME=" + dir.path().string()});
}

}  // namespace

TEST_CASE("the dashboard shows what the metrics and the audit trail say, identities masked") {
    REQUIRE(std::filesystem::exists("/usr/bin/chromium"));  // scripts/bootstrap installs it
    temp_dir dir;
    auto store = start_national_store(dir);
    auto gateway = start_gateway(dir, {.store_url = store.fhir_url()});
    REQUIRE(identifies_tolvan(gateway.port));
    REQUIRE(identifies_tolvan(gateway.port));
    identify_tolvan_with_expired_seal(gateway.port);

    const std::string page = "http://127.0.0.1:" + std::to_string(gateway.ops_port) + "/";
    const auto dom = chromium(dir, {"--dump-dom", page});
    INFO(dom.err);
    REQUIRE(dom.exit_code == 0);
    const std::string& html = dom.out;
    INFO(html);
    CHECK(contains(html, R"(data-loaded="true")"));
    CHECK(contains(html, R"(<p id="total-transactions">3</p>)"));
    CHECK(contains(html, R"(<p id="failed-transactions">1</p>)"));
    CHECK(contains(html, R"(<p id="assertion-refusals">1</p>)"));
    CHECK(contains(html, R"(<span id="day-total">3</span>)"));  // the 24-hour chart's total
    CHECK(contains(html, R"(<tr data-partner="FI" data-transaction="xcpd" data-total="3">)"));
    CHECK(contains(html, R"(<span id="ready" class="state ok">ready</span>)"));
    // Our seal, with its days left as the certificate says, green (more than 30).
    const auto seal =
        ncpeh::trust::x509::certificate_windows(source_dir() / "samples/pki/generated/se-seal.pem");
    REQUIRE(seal.has_value());
    const auto days_left = std::chrono::floor<std::chrono::days>(seal->front().not_after -
                                                                 std::chrono::system_clock::now());
    CHECK(contains(html, R"(data-purpose="seal" data-kind="credential" data-days=")" +
                             std::to_string(days_left.count()) + R"(" data-level="ok")"));
    // The partner's last failure and its error.
    CHECK(contains(html, "<td>certificate_expired</td>"));
    // The newest transactions with the patient masked, and nobody's personnummer on the page.
    CHECK(contains(html, "********^^^&amp;1.2.752.129.2.1.3.1&amp;ISO"));
    CHECK_FALSE(contains(html, "191212121212"));
    CHECK(contains(html, "<td>Testiapteekki</td>"));  // the pharmacy abroad, from its assertion
    // The dispensation outbox (country B) is empty; no ATNA export is configured, so no spool.
    CHECK(contains(html, R"(<tr data-queue="outbox" data-waiting="0" data-failed="0">)"));
    CHECK_FALSE(contains(html, R"(data-queue="atna")"));
    // This month's KPIs: two successful identifications with Finland, one failed.
    CHECK(contains(html, "<td>FI</td><td class=\"number\">2</td>"));

    const auto screenshot = std::filesystem::path(NCPEH_EXECUTABLE).parent_path() / "dashboard.png";
    std::filesystem::remove(screenshot);
    const auto shot =
        chromium(dir, {"--window-size=1280,1600", "--screenshot=" + screenshot.string(), page});
    CHECK(shot.exit_code == 0);
    REQUIRE(std::filesystem::exists(screenshot));
    CHECK(std::filesystem::file_size(screenshot) > 20000);

    // Unmasking shows the identities, and the access is itself in the audit trail.
    auto [masked_status, masked] =
        plain_http(gateway.ops_port, http::verb::get, "/api/transactions?limit=5");
    CHECK(masked_status == 200);
    CHECK_FALSE(contains(masked, "191212121212"));
    auto [status, unmasked] =
        plain_http(gateway.ops_port, http::verb::get, "/api/transactions?limit=5&unmask=true");
    CHECK(status == 200);
    CHECK(contains(unmasked, R"("unmasked":true)"));
    CHECK(contains(unmasked, "191212121212^^^&1.2.752.129.2.1.3.1&ISO"));
    gateway.process->stop();
    auto trail = ncpeh::gateway::audit::sqlite_audit_trail::open(dir.path() / "ncpeh.db");
    REQUIRE(trail.has_value());
    const auto newest = (*trail)->newest(1).value();
    REQUIRE(newest.size() == 1);
    CHECK(newest.front().transaction == "ops-unmask");
    CHECK(newest.front().requester == "loopback 127.0.0.1");
}
