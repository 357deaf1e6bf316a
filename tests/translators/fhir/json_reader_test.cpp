// Test that the header is self-contained.
#include "translators/fhir/json_reader.hpp"

#include <catch2/catch.hpp>

#include <boost/json/parse.hpp>

namespace fhir = ncpeh::translators::fhir;
namespace json = boost::json;
using ncpeh::errc;

TEST_CASE("the members nobody read are kept, whatever was read, skipped or missing") {
    const json::value value =
        json::parse(R"({"resourceType":"Patient","id":"p1","active":null,"x-kept":{"a":1},)"
                    R"("gender":"female","x-also":[1,2]})");
    fhir::json_reader r(value, "Patient");
    CHECK(r.string("id") == "p1");
    CHECK_FALSE(r.boolean("active").has_value());  // null reads as absent, but was read
    CHECK(r.string("birthDate").empty());          // missing: nothing to mark
    r.skip("resourceType");
    r.skip("not-there");
    CHECK(r.string("gender") == "female");
    CHECK_FALSE(r.failed());

    const json::object rest = r.unread_members();
    CHECK(rest.size() == 2);
    CHECK(rest.at("x-kept").at("a").as_int64() == 1);
    CHECK(rest.at("x-also").as_array().size() == 2);
}

TEST_CASE("a reader that read nothing keeps every member in order") {
    const json::value value = json::parse(R"({"b":1,"a":2})");
    const fhir::json_reader r(value, "X");
    const json::object rest = r.unread_members();
    REQUIRE(rest.size() == 2);
    CHECK(rest.begin()->key() == "b");
}

TEST_CASE("a type mismatch is recorded with the element path, and the first error wins") {
    const json::value value = json::parse(R"({"id":5,"active":"yes"})");
    fhir::json_reader r(value, "Patient");
    CHECK(r.string("id").empty());
    CHECK_FALSE(r.boolean("active").has_value());
    REQUIRE(r.failed());
    const auto e = r.take_error();
    CHECK(e.code == errc::fhir_malformed);
    CHECK(e.message == "Patient: id must be a string");
}

TEST_CASE("a value that is not an object fails the reader and reads as empty") {
    const json::value value = json::parse(R"([1,2])");
    fhir::json_reader r(value, "Bundle.entry.resource");
    CHECK(r.failed());
    CHECK(r.string("id").empty());
    CHECK(r.unread_members().empty());
}
