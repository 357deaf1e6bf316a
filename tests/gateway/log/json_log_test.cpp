// Test that the header is self-contained.
#include "gateway/log/json_log.hpp"

#include <catch2/catch.hpp>

namespace logging = ncpeh::gateway::log;

TEST_CASE("a log line is one JSON object with the correlation id and typed fields") {
    const std::string line =
        logging::format_line(logging::level::warn, "2026-11-23T10:00:00.000Z", "urn:uuid:1234",
                             "xca.retrieve", {{"documents", 2}, {"partner", "FI"}, {"ok", false}});
    CHECK(line == R"({"ts":"2026-11-23T10:00:00.000Z","level":"warn","event":"xca.retrieve",)"
                  R"("correlation_id":"urn:uuid:1234","documents":2,"partner":"FI","ok":false})");
}

TEST_CASE("personal data is redacted unless an operator turned it on") {
    logging::configure({logging::level::info, false});
    const logging::personal pnr{"191212121212"};
    CHECK(logging::format_line(logging::level::info, "t", "", "xcpd.match", {{"patient", pnr}}) ==
          R"({"ts":"t","level":"info","event":"xcpd.match","patient":"[redacted]"})");
    logging::configure({logging::level::info, true});
    CHECK(logging::format_line(logging::level::info, "t", "", "xcpd.match", {{"patient", pnr}}) ==
          R"({"ts":"t","level":"info","event":"xcpd.match","patient":"191212121212"})");
    logging::configure({logging::level::info, false});
}

TEST_CASE("level names parse, unknown names fall back to info") {
    CHECK(logging::level_from_name("debug") == logging::level::debug);
    CHECK(logging::level_from_name("error") == logging::level::error);
    CHECK(logging::level_from_name("loud") == logging::level::info);
}
