#include "gateway/national_api/eservice_directory.hpp"

#include <catch2/catch.hpp>

using namespace ncpeh::gateway::national_api;

TEST_CASE("patient e-services are found by their certificates' fingerprints only",
          "[national-api][access-log]") {
    const std::string first(64, 'a');
    const std::string second(64, 'b');
    const std::string registers(64, 'c');
    const eservice_directory directory(
        {{{"1177 Exempel", false}, {first, second}}, {{"the register", true}, {registers}}});
    CHECK(directory.client_of(first) == eservice_client{"1177 Exempel", false});
    CHECK(directory.client_of(second) == eservice_client{"1177 Exempel", false});
    CHECK(directory.client_of(registers) == eservice_client{"the register", true});
    CHECK_FALSE(directory.client_of(std::string(64, 'd')).has_value());
    CHECK_FALSE(directory.client_of("").has_value());
    CHECK_FALSE(directory.client_of(first.substr(0, 63)).has_value());
    CHECK_FALSE(eservice_directory({}).client_of(first).has_value());
}
