// Test that the header is self-contained.
#include "gateway/ihe/patient_id.hpp"

#include <catch2/catch.hpp>

namespace ihe = ncpeh::gateway::ihe;
using ncpeh::errc;

TEST_CASE("a quoted slot CX parses into root and extension") {
    auto id = ihe::parse_patient_id("'041082-995W^^^&2.16.17.710.811&ISO'");
    REQUIRE(id.has_value());
    CHECK(id->id.extension == "041082-995W");
    CHECK(id->id.root == "2.16.17.710.811");
    CHECK_FALSE(id->root_extension_swapped);
}

TEST_CASE("an unquoted CX with surrounding white space and trailing components parses") {
    auto id = ihe::parse_patient_id("  199001012380^^^&1.2.752.129.2.1.3.1&ISO^PI \n");
    REQUIRE(id.has_value());
    CHECK(id->id == ihe::patient_id{"1.2.752.129.2.1.3.1", "199001012380"});
}

TEST_CASE("the swapped SE form is read the right way round and flagged") {
    auto id = ihe::parse_patient_id("2.16.17.710.811^^^&199604092388&ISO");
    REQUIRE(id.has_value());
    CHECK(id->id.root == "2.16.17.710.811");
    CHECK(id->id.extension == "199604092388");
    CHECK(id->root_extension_swapped);
}

TEST_CASE("format_patient_id writes the CX form and round-trips") {
    const ihe::patient_id id{"1.2.752.129.2.1.3.1", "191212121212"};
    CHECK(ihe::format_patient_id(id) == "191212121212^^^&1.2.752.129.2.1.3.1&ISO");
    auto back = ihe::parse_patient_id(ihe::format_patient_id(id));
    REQUIRE(back.has_value());
    CHECK(back->id == id);
}

TEST_CASE("malformed CX values are refused without quoting them") {
    for (const char* bad :
         {"", "''", "191212121212", "191212121212^^^", "^^^&1.2.752&ISO", "191212121212^^^&&ISO",
          "191212121212^^^&1.2.752&DNS", "191212121212^^^&not-an-oid&ISO", "abc^^^&def&ISO",
          "191212121212^^^1.2.752"}) {
        INFO(bad);
        auto id = ihe::parse_patient_id(bad);
        REQUIRE_FALSE(id.has_value());
        CHECK(id.error().code == errc::ihe_request_invalid);
        if (std::string(bad).size() > 6) {
            CHECK(id.error().message.find(std::string(bad).substr(0, 6)) == std::string::npos);
        }
    }
}
