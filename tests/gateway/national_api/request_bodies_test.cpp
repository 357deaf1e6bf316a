#include "gateway/national_api/request_bodies.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <catch2/catch.hpp>

#include <string>

#include "tests/support/test_files.hpp"

using namespace ncpeh;
using namespace ncpeh::gateway::national_api;
namespace json = boost::json;

namespace {

constexpr const char* json_type = "application/json";

// The dispensation body the integration test sends: a Swedish NLL MedicationDispense of the
// fictional pharmacist 9900001 for a Finnish test patient.
std::string dispensation_body(const json::object& changes = {}) {
    json::object body{
        {"country", "FI"},
        {"patientId", "010170-902L^^^&2.999.246.10.1&ISO"},
        {"documentId", "2.999.246.3^rx-metformin-1"},
        {"medicationDispense", json::parse(ncpeh::testing::read_file(
                                   ncpeh::testing::source_dir() /
                                   "tests/gateway/national_api/metformin-dispense.json"))}};
    for (const auto& [key, value] : changes) {
        if (value.is_null()) {
            body.erase(key);
        } else {
            body[key] = value;
        }
    }
    return json::serialize(body);
}

}  // namespace

TEST_CASE("json_body takes a JSON object of the JSON media types only", "[national-api]") {
    const auto plain = json_body("application/json", R"({"a": 1})");
    REQUIRE(plain.has_value());
    CHECK(plain->at("a").as_int64() == 1);
    // Parameters and case do not matter; FHIR's own media type is accepted too.
    CHECK(json_body("Application/JSON; charset=utf-8", "{}").has_value());
    CHECK(json_body("application/fhir+json", "{}").has_value());

    for (const char* type : {"", "text/plain", "application/xml", "application/json-patch+json",
                             "json", "application/x-www-form-urlencoded"}) {
        INFO(type);
        const auto refused = json_body(type, "{}");
        REQUIRE_FALSE(refused.has_value());
        CHECK(refused.error().code == errc::invalid_argument);
    }
    for (const char* body : {"", "{not json", R"({"a": 1} trailing)", "[]", "\"text\"", "42",
                             "null", R"({"a": "\ud800"})"}) {
        INFO(body);
        const auto refused = json_body(json_type, body);
        REQUIRE_FALSE(refused.has_value());
        CHECK(refused.error().code == errc::fhir_malformed);
    }
}

TEST_CASE("a session body names the pharmacist with three strings", "[national-api]") {
    const auto read = read_session_request(
        json_type,
        R"({"legitimationskod": "9900001", "name": "Alma Apoteksson", "profession": "AP"})");
    REQUIRE(read.has_value());
    CHECK(read->legitimationskod == "9900001");
    CHECK(read->name == "Alma Apoteksson");
    CHECK(read->profession == "AP");

    SECTION("members of another type") {
        const auto number = read_session_request(
            json_type, R"({"legitimationskod": 9900001, "name": "A", "profession": "AP"})");
        REQUIRE_FALSE(number.has_value());
        CHECK(number.error().code == errc::fhir_malformed);
        CHECK(number.error().message == "session: legitimationskod must be a string");
        CHECK(number.error().context_value("element") == "session");
        const auto list = read_session_request(
            json_type, R"({"legitimationskod": "9900001", "name": ["A"], "profession": "AP"})");
        REQUIRE_FALSE(list.has_value());
        CHECK(list.error().code == errc::fhir_malformed);
    }
    SECTION("missing or empty members name the element") {
        const auto missing =
            read_session_request(json_type, R"({"legitimationskod": "9900001", "name": "A"})");
        REQUIRE_FALSE(missing.has_value());
        CHECK(missing.error().code == errc::invalid_argument);
        CHECK(missing.error().message == "profession is required");
        CHECK(missing.error().context_value("element") == "session.profession");
        const auto empty = read_session_request(
            json_type, R"({"legitimationskod": "", "name": "A", "profession": "AP"})");
        REQUIRE_FALSE(empty.has_value());
        CHECK(empty.error().context_value("element") == "session.legitimationskod");
        const auto nothing = read_session_request(json_type, "{}");
        REQUIRE_FALSE(nothing.has_value());
        CHECK(nothing.error().context_value("element") == "session.legitimationskod");
    }
    SECTION("the body's form") {
        const auto type = read_session_request(
            "text/plain", R"({"legitimationskod": "9900001", "name": "A", "profession": "AP"})");
        REQUIRE_FALSE(type.has_value());
        CHECK(type.error().code == errc::invalid_argument);
        const auto truncated = read_session_request(json_type, R"({"legitimationskod": "99)");
        REQUIRE_FALSE(truncated.has_value());
        CHECK(truncated.error().code == errc::fhir_malformed);
    }
}

TEST_CASE("an identify body gives the identifiers and the demographics in HL7 form",
          "[national-api]") {
    const auto read = read_identify_request(json_type, R"({"country": "SE",
                       "identifiers": [{"oid": "1.2.752.129.2.1.3.1", "value": "191212121212"},
                                       {"oid": "2.999.1", "value": "x-1"}],
                       "name": {"family": "Tolvansson", "given": ["Tolvan", "Test"]},
                       "birthDate": "1912-12-12", "gender": "male"})");
    REQUIRE(read.has_value());
    CHECK(read->country == "SE");
    REQUIRE(read->identifiers.size() == 2);
    CHECK(read->identifiers[0].oid == "1.2.752.129.2.1.3.1");
    CHECK(read->identifiers[0].value == "191212121212");
    CHECK(read->identifiers[1].value == "x-1");
    REQUIRE(read->name.has_value());
    CHECK(read->name->family == "Tolvansson");
    CHECK(read->name->given == std::vector<std::string>{"Tolvan", "Test"});
    CHECK(read->birth_date == std::optional<std::string>("19121212"));
    CHECK(read->gender == std::optional<std::string>("M"));

    SECTION("only the country is required") {
        const auto bare = read_identify_request(json_type, R"({"country": "FI"})");
        REQUIRE(bare.has_value());
        CHECK(bare->identifiers.empty());
        CHECK_FALSE(bare->name.has_value());
        CHECK_FALSE(bare->birth_date.has_value());
        CHECK_FALSE(bare->gender.has_value());
        const auto none = read_identify_request(json_type, R"({"identifiers": []})");
        REQUIRE_FALSE(none.has_value());
        CHECK(none.error().code == errc::invalid_argument);
        CHECK(none.error().context_value("element") == "identify.country");
    }
    SECTION("genders map to HL7's M, F and UN") {
        for (const auto& [fhir, hl7] :
             {std::pair{"female", "F"}, std::pair{"other", "UN"}, std::pair{"unknown", "UN"}}) {
            const auto r = read_identify_request(
                json_type, std::string(R"({"country": "FI", "gender": ")") + fhir + "\"}");
            REQUIRE(r.has_value());
            CHECK(r->gender == std::optional<std::string>(hl7));
        }
        for (const char* odd : {"M", "Male", "man", " male"}) {
            INFO(odd);
            const auto r = read_identify_request(
                json_type, std::string(R"({"country": "FI", "gender": ")") + odd + "\"}");
            REQUIRE_FALSE(r.has_value());
            CHECK(r.error().code == errc::invalid_argument);
            CHECK(r.error().context_value("element") == "identify.gender");
        }
    }
    SECTION("birth dates must be full FHIR dates") {
        for (const char* odd : {"19121212", "1912-12", "1912", "1912-13-12", "1912-02-30",
                                "1912-12-12T00:00:00Z", "12/12/1912", "1912-12-1x"}) {
            INFO(odd);
            const auto r = read_identify_request(
                json_type, std::string(R"({"country": "FI", "birthDate": ")") + odd + "\"}");
            REQUIRE_FALSE(r.has_value());
            CHECK(r.error().code == errc::invalid_argument);
            CHECK(r.error().context_value("element") == "identify.birthDate");
        }
    }
    SECTION("members of another type name the element") {
        const auto identifier = read_identify_request(
            json_type,
            R"({"country": "FI", "identifiers": [{"oid": "2.999", "value": 191212121212}]})");
        REQUIRE_FALSE(identifier.has_value());
        CHECK(identifier.error().code == errc::fhir_malformed);
        CHECK(identifier.error().context_value("element") == "identify.identifiers[0]");
        const auto not_object =
            read_identify_request(json_type, R"({"country": "FI", "identifiers": [{}, "x"]})");
        REQUIRE_FALSE(not_object.has_value());
        CHECK(not_object.error().context_value("element") == "identify.identifiers[1]");
        const auto not_array =
            read_identify_request(json_type, R"({"country": "FI", "identifiers": {"oid": "2"}})");
        REQUIRE_FALSE(not_array.has_value());
        CHECK(not_array.error().code == errc::fhir_malformed);
        const auto given = read_identify_request(
            json_type, R"({"country": "FI", "name": {"family": "T", "given": "Tolvan"}})");
        REQUIRE_FALSE(given.has_value());
        CHECK(given.error().context_value("element") == "identify.name");
        const auto country = read_identify_request(json_type, R"({"country": ["FI"]})");
        REQUIRE_FALSE(country.has_value());
        CHECK(country.error().code == errc::fhir_malformed);
    }
    SECTION("the body's form") {
        const auto type = read_identify_request("application/xml", R"({"country": "FI"})");
        REQUIRE_FALSE(type.has_value());
        CHECK(type.error().code == errc::invalid_argument);
        const auto array = read_identify_request(json_type, R"([{"country": "FI"}])");
        REQUIRE_FALSE(array.has_value());
        CHECK(array.error().code == errc::fhir_malformed);
    }
}

TEST_CASE("a dispensation body carries the identifiers and the MedicationDispense",
          "[national-api]") {
    const auto read = read_dispensation_request("application/fhir+json", dispensation_body());
    REQUIRE(read.has_value());
    CHECK(read->country == "FI");
    CHECK(read->patient_id == "010170-902L^^^&2.999.246.10.1&ISO");
    CHECK(read->document_id == "2.999.246.3^rx-metformin-1");
    CHECK(read->dispense.actor_dispatch_id == "SE-FI-000001");
    CHECK(read->dispense.number_of_packages_dispensed == std::optional<long long>(1));
    CHECK(read->dispense.status == "completed");
    CHECK(read->dispense.when_handed_over == "2026-11-23T14:02:00+01:00");

    SECTION("missing or empty members name the element") {
        for (const char* key : {"country", "patientId", "documentId"}) {
            INFO(key);
            const auto missing =
                read_dispensation_request(json_type, dispensation_body({{key, nullptr}}));
            REQUIRE_FALSE(missing.has_value());
            CHECK(missing.error().code == errc::invalid_argument);
            CHECK(missing.error().context_value("element") == std::string("dispensation.") + key);
            const auto empty = read_dispensation_request(json_type, dispensation_body({{key, ""}}));
            REQUIRE_FALSE(empty.has_value());
            CHECK(empty.error().context_value("element") == std::string("dispensation.") + key);
        }
        const auto no_dispense = read_dispensation_request(
            json_type, dispensation_body({{"medicationDispense", nullptr}}));
        REQUIRE_FALSE(no_dispense.has_value());
        CHECK(no_dispense.error().code == errc::invalid_argument);
        CHECK(no_dispense.error().context_value("element") == "dispensation.medicationDispense");
    }
    SECTION("members of another type") {
        const auto number =
            read_dispensation_request(json_type, dispensation_body({{"country", 46}}));
        REQUIRE_FALSE(number.has_value());
        CHECK(number.error().code == errc::fhir_malformed);
        CHECK(number.error().message == "dispensation: country must be a string");
        const auto text = read_dispensation_request(
            json_type, dispensation_body({{"medicationDispense", "MedicationDispense"}}));
        REQUIRE_FALSE(text.has_value());
        CHECK(text.error().code == errc::fhir_malformed);
    }
    SECTION("the dispense's own errors come through") {
        const auto other = read_dispensation_request(
            json_type,
            dispensation_body({{"medicationDispense", json::object{{"resourceType", "Patient"}}}}));
        REQUIRE_FALSE(other.has_value());
        CHECK(other.error().code == errc::fhir_malformed);
        CHECK(other.error().context_value("element") == "MedicationDispense");
    }
    SECTION("the body's form") {
        const auto type = read_dispensation_request("text/json", dispensation_body());
        REQUIRE_FALSE(type.has_value());
        CHECK(type.error().code == errc::invalid_argument);
        std::string cut = dispensation_body();
        cut.resize(cut.size() / 2);
        const auto truncated = read_dispensation_request(json_type, cut);
        REQUIRE_FALSE(truncated.has_value());
        CHECK(truncated.error().code == errc::fhir_malformed);
    }
}
