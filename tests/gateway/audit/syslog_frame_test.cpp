#include "gateway/audit/syslog_frame.hpp"

#include <catch2/catch.hpp>

#include <chrono>

namespace {

using namespace ncpeh::gateway::audit;

const auto at = std::chrono::system_clock::time_point(std::chrono::milliseconds(1'795'000'000'123));

}  // namespace

TEST_CASE("syslog: an RFC 5424 header with a computed PRI, the IHE MSGID and the UTF-8 BOM") {
    const syslog_header header{"ncp.se.example", "ncpeh", "4242"};
    CHECK(syslog_message(header, syslog_header::notice, at, "<AuditMessage/>") ==
          "<85>1 2026-11-18T11:06:40.123Z ncp.se.example ncpeh 4242 IHE+RFC-3881 - "
          "\xEF\xBB\xBF<AuditMessage/>");
    // Facility 10 × 8 + severity 4: not OpenNCP's concatenated "<132>".
    CHECK(syslog_message(header, syslog_header::warning, at, "x").starts_with("<84>1 "));
}

TEST_CASE("syslog: empty fields are the NILVALUE; spaces and non-ASCII cannot break the header") {
    const syslog_header header{"", "ncp eh", ""};
    CHECK(syslog_message(header, syslog_header::notice, at, "<x/>") ==
          "<85>1 2026-11-18T11:06:40.123Z - ncp?eh - IHE+RFC-3881 - \xEF\xBB\xBF<x/>");
    const syslog_header long_name{std::string(300, 'h'), std::string(60, 'a'), "1"};
    const std::string m = syslog_message(long_name, 5, at, "");
    CHECK(m.find(std::string(255, 'h') + " ") != std::string::npos);
    CHECK(m.find(std::string(256, 'h')) == std::string::npos);
    CHECK(m.find(" " + std::string(48, 'a') + " 1 ") != std::string::npos);
}

TEST_CASE("syslog: RFC 5425 octet counting counts the bytes, BOM and UTF-8 included") {
    const syslog_header header{"h", "ncpeh", "1"};
    const std::string message = syslog_message(header, 5, at, "<a>Växjö</a>");
    const std::string frame = octet_counted(message);
    CHECK(frame == std::to_string(message.size()) + " " + message);
    // 56 header bytes + 3 BOM + 14 (two letters of two bytes each).
    CHECK(message.size() == 73);
    CHECK(frame.starts_with("73 <85>1 "));
    CHECK(octet_counted("") == "0 ");
}
