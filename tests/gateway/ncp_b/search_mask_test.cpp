#include "gateway/ncp_b/search_mask.hpp"

#include <catch2/catch.hpp>

using namespace ncpeh;
using namespace ncpeh::gateway::ncp_b;

namespace {

const std::string fi_oid = "2.999.246.10.1";

search_mask finland() {
    return search_mask::compile(
               {{fi_oid, "Personal identity code", "[0-9]{6}[-+A][0-9]{3}[0-9A-Y]", true},
                {"2.999.246.10.2", "Kela card number", "[0-9]{9}", false}})
        .value();
}

}  // namespace

TEST_CASE("identifiers that fit the mask pass", "[country-b]") {
    CHECK(finland().check({{fi_oid, "010190-998X"}}).has_value());
    CHECK(finland().check({{"2.999.246.10.2", "123456789"}, {fi_oid, "311299A9876"}}).has_value());
}

TEST_CASE("identifiers that break the mask are refused, naming the field", "[country-b]") {
    const auto mask = finland();
    struct bad {
        std::vector<given_identifier> given;
        std::string element;
    };
    for (const bad& b :
         {bad{{}, "identifiers"}, bad{{{"1.2.3", "010190-998X"}}, "identifiers[0].oid"},
          bad{{{fi_oid, "010190-998"}}, "identifiers[0].value"},
          bad{{{fi_oid, "x010190-998X"}}, "identifiers[0].value"},
          bad{{{fi_oid, "010190-998X"}, {fi_oid, "010190-998X"}}, "identifiers[1]"},
          bad{{{"2.999.246.10.2", "123456789"}}, "identifiers"},
          bad{{{fi_oid, std::string(300, '1')}}, "identifiers[0].value"}}) {
        INFO(b.element);
        const auto checked = mask.check(b.given);
        REQUIRE_FALSE(checked.has_value());
        CHECK(checked.error().code == errc::search_mask_violation);
        CHECK(checked.error().context_value("element") == b.element);
        // The value identifies a person: it is never repeated in the error.
        CHECK(checked.error().message.find("010190") == std::string::npos);
    }
}

TEST_CASE("a pattern that is not a regular expression is a configuration problem", "[country-b]") {
    const auto mask = search_mask::compile({{fi_oid, "Broken", "[0-9", true}});
    REQUIRE_FALSE(mask.has_value());
    CHECK(mask.error().code == errc::config_invalid);
    CHECK(mask.error().context_value("oid") == fi_oid);
}
