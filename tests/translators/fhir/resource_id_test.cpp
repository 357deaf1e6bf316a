#include "translators/fhir/resource_id.hpp"

#include <catch2/catch.hpp>

#include <string>

using ncpeh::translators::fhir::is_resource_id;

TEST_CASE("FHIR ids: 1 to 64 letters, digits, '-' and '.'") {
    CHECK(is_resource_id("5e020001-0000-4000-8000-000000000001"));
    CHECK(is_resource_id("a"));
    CHECK(is_resource_id("Rx.2026-11.A7"));
    CHECK(is_resource_id(std::string(64, '7')));
    CHECK_FALSE(is_resource_id(""));
    CHECK_FALSE(is_resource_id(std::string(65, '7')));
    for (const char* injected : {"../../Patient/x", "x' OR '1'='1", "x%2F..", "x&patient=1", "x?y",
                                 "x y", "x\r\nX-Injected: 1", "x#y", "åäö", "x_y"}) {
        INFO(injected);
        CHECK_FALSE(is_resource_id(injected));
    }
}
