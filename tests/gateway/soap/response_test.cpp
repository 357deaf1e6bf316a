// Test that the header is self-contained.
#include "gateway/soap/response.hpp"

#include <catch2/catch.hpp>

#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace soap = ncpeh::gateway::soap;

TEST_CASE("message ids are random (version 4) UUID URNs in lower case") {
    const std::regex shape(
        "urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    for (int i = 0; i < 100; ++i) {
        const std::string id = soap::make_uuid_urn();
        INFO(id);
        REQUIRE(std::regex_match(id, shape));
    }
}

TEST_CASE("message ids do not repeat across random blocks and threads") {
    // 4,000 ids per thread draw 64,000 bytes each: well past many 512-byte blocks.
    constexpr int per_thread = 4000;
    std::vector<std::vector<std::string>> drawn(4);
    std::vector<std::thread> threads;
    for (auto& ids : drawn) {
        threads.emplace_back([&ids] {
            for (int i = 0; i < per_thread; ++i) {
                ids.push_back(soap::make_uuid_urn());
            }
        });
    }
    for (auto& t : threads) {
        t.join();
    }
    std::set<std::string> distinct;
    for (const auto& ids : drawn) {
        distinct.insert(ids.begin(), ids.end());
    }
    CHECK(distinct.size() == 4 * per_thread);
}

TEST_CASE("the envelope carries the addressing headers, escaped") {
    soap::response_addressing headers;
    headers.action = "urn:ihe:iti:2007:CrossGatewayRetrieveResponse";
    headers.relates_to = "urn:uuid:a<b";
    headers.message_id = "urn:uuid:00000000-0000-4000-8000-000000000000";
    const std::string envelope = soap::write_envelope(headers, "<x/>");
    CHECK(envelope.find("<wsa:RelatesTo>urn:uuid:a&lt;b</wsa:RelatesTo>") != std::string::npos);
    CHECK(envelope.find("<wsa:MessageID>urn:uuid:00000000-0000-4000-8000-000000000000"
                        "</wsa:MessageID>") != std::string::npos);
    CHECK(envelope.find("<env:Body><x/></env:Body>") != std::string::npos);
}
