#include "config/search_pattern.hpp"

#include <catch2/catch.hpp>

#include <string>

using ncpeh::config::compile_search_pattern;

TEST_CASE("search patterns of the shape partners publish compile and match", "[config]") {
    const auto fi = compile_search_pattern(
        "^(0[1-9]|[12][0-9]|3[01])(0[1-9]|1[0-2])[0-9]{2}[-+A-FU-Y][0-9]{3}[0-9A-FHJ-NPR-Y]$");
    REQUIRE(fi.has_value());
    CHECK(std::regex_match("010170-902L", *fi));
    CHECK_FALSE(std::regex_match("010170-902", *fi));
    for (const char* pattern :
         {"[0-9]{6}[-+A][0-9]{3}[0-9A-Y]", "(ab)+", "a+?b{2}?", "(?:[0-9]{4})-[0-9]+", "[(+*]+",
          R"(\(+\)*)", "[0-9]{1,100}", "(a|b)(c+|d)", "(?:x[0-9]+)?"}) {
        INFO(pattern);
        CHECK(compile_search_pattern(pattern).has_value());
    }
}

TEST_CASE("search patterns beyond the bounds are refused, saying which bound", "[config]") {
    struct refusal {
        std::string pattern;
        std::string reason;
    };
    for (const refusal& r : {
             refusal{"[0-9]{11111111111111111111}", "a repetition count above 100"},
             refusal{"[0-9]{101}", "a repetition count above 100"},
             refusal{"[0-9]{1,1000}", "a repetition count above 100"},
             refusal{"(a+)+", "a repeated group contains a quantifier"},
             refusal{"(a*)*b", "a repeated group contains a quantifier"},
             refusal{"((ab)*)+", "a repeated group contains a quantifier"},
             refusal{"(a|b+){2}", "a repeated group contains a quantifier"},
             refusal{std::string(9, '(') + "a" + std::string(9, ')'),
                     "groups nested deeper than 8"},
             refusal{std::string(257, 'a'), "longer than 256 characters"},
             refusal{"[0-9", "not an ECMAScript regular expression"},
             refusal{"a{2", "not an ECMAScript regular expression"},
         }) {
        INFO(r.pattern);
        const auto compiled = compile_search_pattern(r.pattern);
        REQUIRE_FALSE(compiled.has_value());
        CHECK(compiled.error().code == ncpeh::errc::config_invalid);
        CHECK(compiled.error().message.find(r.reason) != std::string::npos);
    }
}
