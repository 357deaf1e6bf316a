// Test that the header is self-contained.
#include "gateway/national/national_store_client.hpp"

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

#include <string>

namespace national = ncpeh::gateway::national;
using ncpeh::errc;

namespace {

std::string patient_entry(const std::string& id) {
    return R"({"fullUrl":"Patient/)" + id + R"(","search":{"mode":"match"},"resource":)" +
           R"({"resourceType":"Patient","id":")" + id + R"("}})";
}

std::string consent_entry(const std::string& id, const std::string& patient,
                          const std::string& mode = "include") {
    return R"({"fullUrl":"Consent/)" + id + R"(","search":{"mode":")" + mode +
           R"("},"resource":{"resourceType":"Consent","id":")" + id +
           R"(","status":"active","patient":{"reference":")" + patient + R"("}}})";
}

boost::json::value searchset(const std::string& entries) {
    return boost::json::parse(R"({"resourceType":"Bundle","type":"searchset","entry":[)" + entries +
                              "]}");
}

}  // namespace

TEST_CASE("a revinclude searchset splits into the matched patient and its consents") {
    auto split = national::patient_with_consents_of(
        searchset(patient_entry("p1") + "," + consent_entry("c2", "Patient/p1") + "," +
                  consent_entry("c1", "Patient/p1")));
    REQUIRE(split.has_value());
    CHECK(split->patient.id == "p1");
    REQUIRE(split->consents.size() == 2);
    CHECK(split->consents[0].id == "c2");
    CHECK(split->consents[1].id == "c1");

    auto without = national::patient_with_consents_of(searchset(patient_entry("p1")));
    REQUIRE(without.has_value());
    CHECK(without->consents.empty());
}

TEST_CASE("a revinclude searchset with a consent of another patient is a bad answer") {
    auto split = national::patient_with_consents_of(
        searchset(patient_entry("p1") + "," + consent_entry("c1", "Patient/p1") + "," +
                  consent_entry("c9", "Patient/p2")));
    REQUIRE_FALSE(split.has_value());
    CHECK(split.error().code == errc::national_data_access_failure);
}

TEST_CASE("a revinclude searchset with no or several patients, or odd entries, is refused") {
    auto none = national::patient_with_consents_of(searchset(""));
    REQUIRE_FALSE(none.has_value());
    CHECK(none.error().code == errc::patient_not_found);

    auto several = national::patient_with_consents_of(
        searchset(patient_entry("p1") + "," + patient_entry("p2")));
    REQUIRE_FALSE(several.has_value());
    CHECK(several.error().code == errc::patient_multiple_matches);

    // A Consent presented as a match is not what was asked for.
    auto consent_match = national::patient_with_consents_of(
        searchset(patient_entry("p1") + "," + consent_entry("c1", "Patient/p1", "match")));
    REQUIRE_FALSE(consent_match.has_value());
    CHECK(consent_match.error().code == errc::national_data_access_failure);

    auto not_a_bundle = national::patient_with_consents_of(boost::json::parse(R"({"a":1})"));
    REQUIRE_FALSE(not_a_bundle.has_value());
    CHECK(not_a_bundle.error().code == errc::national_data_access_failure);
}
