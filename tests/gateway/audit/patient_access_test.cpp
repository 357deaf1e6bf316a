#include "gateway/audit/patient_access.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace ncpeh::gateway::audit;

TEST_CASE("access cursors are written and read back; anything else is refused", "[audit-access]") {
    const access_cursor cursor{1795000000123, 42};
    CHECK(format_access_cursor(cursor) == "1795000000123.42");
    CHECK(parse_access_cursor("1795000000123.42") == cursor);
    CHECK(parse_access_cursor("0.0") == access_cursor{0, 0});
    for (const std::string bad :
         {"", ".", "1795000000123", "1795000000123.", ".42", "-1.42", "1.-42", "1.4 2", " 1.42",
          "1.42 ", "1.2.3", "0x10.1", "1e3.1", "1234567890123456789.1", "1.1234567890123456789",
          "1795000000123%2E42"}) {
        INFO(bad);
        CHECK_FALSE(parse_access_cursor(bad).has_value());
    }
}
