// The reference store's practitioner register and product search by ATC, on the seed data in an
// in-memory database: the library calls, the routes (also in a batch) and the load-time checks.
#include "samples/national-store/prescription_store.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "samples/national-store/store_routes.hpp"
#include "tests/support/test_files.hpp"
#include "translators/fhir/uris.hpp"

namespace json = boost::json;
namespace store = ncpeh::samples::national_store;
namespace uris = ncpeh::translators::fhir::uris;

namespace {

constexpr std::chrono::year_month_day seed_today{std::chrono::year{2026}, std::chrono::November,
                                                 std::chrono::day{23}};

store::prescription_store seeded() {
    store::prescription_store s(":memory:", seed_today);
    s.load_seed(ncpeh::testing::source_dir() / "samples/national-store/seed");
    return s;
}

std::string legitimationskod_of(const json::object& practitioner) {
    return std::string(practitioner.at("identifier").at(0).at("value").as_string());
}

std::string profession_of(const json::object& practitioner) {
    return std::string(practitioner.at("qualification")
                           .at(0)
                           .at("code")
                           .at("coding")
                           .at(0)
                           .at("code")
                           .as_string());
}

/// A GET through the routes: status and JSON body.
std::pair<unsigned, json::value> get(store::prescription_store& s, const std::string& target) {
    ncpeh::gateway::net::request request{boost::beast::http::verb::get, target, 11};
    auto response = store::handle_store_request(s, std::move(request));
    return {response.result_int(), json::parse(response.body())};
}

std::string store_code(const json::value& outcome) {
    return std::string(
        outcome.at("issue").at(0).at("details").at("coding").at(0).at("code").as_string());
}

/// A seed folder holding one products file and `practitioners` (a JSON array of resources).
std::filesystem::path seed_with(const ncpeh::testing::temp_dir& dir,
                                const std::string& practitioners) {
    dir.write("patient-01.json",
              ncpeh::testing::read_file(ncpeh::testing::source_dir() /
                                        "samples/national-store/seed/patient-01.json"));
    std::string entries;
    const auto resources = json::parse(practitioners);
    for (const auto& r : resources.as_array()) {
        entries +=
            std::string(entries.empty() ? "" : ",") + R"({"resource":)" + json::serialize(r) + "}";
    }
    dir.write("practitioners.json",
              R"({"resourceType":"Bundle","type":"collection","entry":[)" + entries + "]}");
    return dir.path();
}

std::string practitioner(const std::string& id, const std::string& code,
                         const std::string& extra = "") {
    return R"({"resourceType":"Practitioner","id":")" + id +
           R"(","identifier":[{"system":"http://electronichealth.se/identifier/legitimationskod","value":")" +
           code + R"("}],"name":[{"family":"Provsson","given":["Test"]}])" + extra + "}";
}

std::string load_error(const std::string& practitioners) {
    ncpeh::testing::temp_dir dir;
    store::prescription_store s(":memory:", seed_today);
    try {
        s.load_seed(seed_with(dir, practitioners));
    } catch (const std::runtime_error& e) {
        return e.what();
    }
    return "loaded";
}

}  // namespace

TEST_CASE("the practitioner register: search by legitimationskod and read by id") {
    auto s = seeded();
    struct person {
        std::string code, family, profession;
        bool active;
    };
    for (const auto& p : std::vector<person>{{"9900001", "Apoteksson", "AP", true},
                                             {"9900002", "Receptariesson", "RC", true},
                                             {"9900004", "Indragensson", "AP", false},
                                             {"9900005", "Läkarsson", "LK", true},
                                             {"9900006", "Farmaceutsdotter", "AP", true}}) {
        INFO(p.code);
        auto found = s.search_practitioners(std::string(uris::legitimationskod) + "|" + p.code);
        REQUIRE(found.has_value());
        REQUIRE(found->size() == 1);
        const auto& r = found->front();
        CHECK(legitimationskod_of(r) == p.code);
        CHECK(r.at("name").at(0).at("family").as_string() == p.family);
        CHECK(profession_of(r) == p.profession);
        CHECK(r.at("active").as_bool() == p.active);
        auto again = s.read_practitioner(r.at("id").as_string());
        REQUIRE(again.has_value());
        CHECK(*again == r);
    }
    // The withdrawn licence ended on 2025-06-30; the unlicensed person holds no qualification.
    auto withdrawn = s.search_practitioners("9900004");
    REQUIRE(withdrawn.has_value());
    CHECK(withdrawn->front().at("qualification").at(0).at("period").at("end") == "2025-06-30");
    auto unlicensed = s.search_practitioners("urn:oid:2.999.752.1.4.1|9900003");
    REQUIRE(unlicensed.has_value());
    REQUIRE(unlicensed->size() == 1);
    CHECK(unlicensed->front().at("name").at(0).at("family") == "Olegitimerad");
    CHECK_FALSE(unlicensed->front().contains("qualification"));

    auto nobody = s.search_practitioners("9999999");
    REQUIRE(nobody.has_value());
    CHECK(nobody->empty());

    auto unknown = s.read_practitioner("no-such-id");
    REQUIRE_FALSE(unknown.has_value());
    CHECK(unknown.error().code == store::store_error::unknown_practitioner);
}

TEST_CASE("the practitioner search refuses malformed codes and foreign systems") {
    auto s = seeded();
    for (const std::string bad :
         {"", "99A0001", "9900001 OR 1=1", "123456789012345678901", "|-1"}) {
        INFO(bad);
        auto r = s.search_practitioners(bad);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().code == store::store_error::invalid_identifier);
    }
    auto forskrivarkod = s.search_practitioners(std::string(uris::forskrivarkod) + "|9900001");
    REQUIRE_FALSE(forskrivarkod.has_value());
    CHECK(forskrivarkod.error().code == store::store_error::invalid_identifier);
    CHECK(forskrivarkod.error().message ==
          "unsupported identifier system " + std::string(uris::forskrivarkod));
}

TEST_CASE("products by ATC code") {
    auto s = seeded();
    auto amlodipin = s.search_medications_by_atc(std::string(uris::atc) + "|C08CA01");
    REQUIRE(amlodipin.has_value());
    REQUIRE(amlodipin->size() == 1);
    CHECK(amlodipin->front().at("id") == "20990101100010");
    CHECK(amlodipin->front().at("code").at("text").as_string().starts_with("Amlodipin Exempel"));

    auto plain = s.search_medications_by_atc("N02AA05");
    REQUIRE(plain.has_value());
    REQUIRE(plain->size() == 1);

    auto none = s.search_medications_by_atc("C10AA05");  // atorvastatin: not in the register
    REQUIRE(none.has_value());
    CHECK(none->empty());

    for (const std::string bad : {"C08CA", "c08ca01", "C08CA011", "", "C08CA0%"}) {
        INFO(bad);
        auto r = s.search_medications_by_atc(bad);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().code == store::store_error::invalid_identifier);
    }
    auto npl = s.search_medications_by_atc(std::string(uris::nplid) + "|C08CA01");
    REQUIRE_FALSE(npl.has_value());
    CHECK(npl.error().code == store::store_error::invalid_identifier);
}

TEST_CASE("the routes answer Practitioner and Medication searches, alone and in a batch") {
    auto s = seeded();
    auto [status, bundle] = get(
        s, "/fhir/Practitioner?identifier=" + std::string(uris::legitimationskod) + "%7C9900002");
    CHECK(status == 200);
    CHECK(bundle.at("type") == "searchset");
    CHECK(bundle.at("total") == 1);
    const auto id = std::string(bundle.at("entry").at(0).at("resource").at("id").as_string());
    CHECK(bundle.at("entry").at(0).at("fullUrl").as_string() == "Practitioner/" + id);

    auto [read_status, read] = get(s, "/Practitioner/" + id);
    CHECK(read_status == 200);
    CHECK(legitimationskod_of(read.as_object()) == "9900002");

    auto [missing_status, missing] = get(s, "/Practitioner");
    CHECK(missing_status == 422);
    CHECK(store_code(missing) == "rule-violation");
    auto [bad_status, bad] = get(s, "/Practitioner?identifier=abc");
    CHECK(bad_status == 400);
    CHECK(store_code(bad) == "invalid-identifier");
    auto [gone_status, gone] = get(s, "/Practitioner/nobody");
    CHECK(gone_status == 404);
    CHECK(store_code(gone) == "unknown-practitioner");

    auto [atc_status, products] =
        get(s, "/Medication?code=http%3A%2F%2Fwww.whocc.no%2Fatc%7CJ01CA04");
    CHECK(atc_status == 200);
    CHECK(products.at("total") == 1);
    CHECK(products.at("entry").at(0).at("resource").at("resourceType") == "Medication");
    auto [no_code_status, no_code] = get(s, "/Medication");
    CHECK(no_code_status == 422);

    ncpeh::gateway::net::request post{boost::beast::http::verb::post, "/Practitioner", 11};
    CHECK(store::handle_store_request(s, std::move(post)).result_int() == 405);

    ncpeh::gateway::net::request batch{boost::beast::http::verb::post, "/fhir", 11};
    batch.body() = R"({"resourceType":"Bundle","type":"batch","entry":[
        {"request":{"method":"GET","url":"Practitioner?identifier=9900005"}},
        {"request":{"method":"GET","url":"Medication?code=R03AC02"}},
        {"request":{"method":"GET","url":"Practitioner?identifier=x"}}]})";
    batch.prepare_payload();
    auto answer = store::handle_store_request(s, std::move(batch));
    REQUIRE(answer.result_int() == 200);
    const auto entries = json::parse(answer.body()).at("entry").as_array();
    REQUIRE(entries.size() == 3);
    CHECK(entries[0].at("response").at("status") == "200 OK");
    CHECK(profession_of(entries[0].at("resource").at("entry").at(0).at("resource").as_object()) ==
          "LK");
    CHECK(entries[1].at("resource").at("total") == 1);
    CHECK(entries[2].at("response").at("status") == "400 Bad Request");
}

TEST_CASE("register practitioners are validated on load") {
    CHECK(load_error("[" + practitioner("p1", "9911111") + "]") == "loaded");
    CHECK(
        load_error("[" + practitioner("p1", "9911111") + "," + practitioner("p2", "9911111") + "]")
            .ends_with("Practitioner p2: legitimationskod 9911111 is already Practitioner p1's"));
    CHECK(load_error("[" + practitioner("p1", "99-111") + "]")
              .ends_with("Practitioner p1: legitimationskod \"99-111\" is not 1 to 20 digits"));
    CHECK(load_error(R"([{"resourceType":"Practitioner","id":"p1","name":[{"family":"X"}]}])")
              .ends_with("Practitioner p1 has no legitimationskod identifier"));
    CHECK(load_error(R"([{"resourceType":"Practitioner","id":"p1","identifier":[{"system":")" +
                     std::string(uris::legitimationskod) + R"(","value":"9911111"}]}])")
              .ends_with("Practitioner p1 has no name"));
    CHECK(load_error("[" + practitioner("p1", "9911111", R"(,"active":"yes")") + "]")
              .ends_with("Practitioner p1: active must be a boolean"));
    CHECK(load_error(
              "[" +
              practitioner(
                  "p1", "9911111",
                  R"(,"qualification":[{"code":{"coding":[{"system":"urn:x","code":"AP"}]}}])") +
              "]")
              .find("a qualification without a profession code") != std::string::npos);
    const std::string ap = R"(,"qualification":[{"code":{"coding":[{"system":")" +
                           std::string(uris::profession_code) + R"(","code":"AP"}]},"period":)";
    CHECK(load_error("[" + practitioner("p1", "9911111", ap + R"({"end":"2025-13-01"}}])") + "]")
              .ends_with("Practitioner p1: qualification.period.end \"2025-13-01\" is not a date"));
    CHECK(load_error(
              "[" +
              practitioner("p1", "9911111", ap + R"({"start":"2025-02-01","end":"2025-01-01"}}])") +
              "]")
              .ends_with("Practitioner p1: qualification.period ends before it starts"));
    CHECK(load_error("[" + practitioner("p1", "9911111", ap + R"("2025"}])") + "]")
              .ends_with("Practitioner p1: qualification.period is malformed"));
}
