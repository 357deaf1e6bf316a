// Reading the store's answers: revinclude searchsets (store_answers) and batch-responses
// (store_batches).
#include "gateway/national_store/store_answers.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "gateway/national_store/store_batches.hpp"
#include "translators/fhir/uris.hpp"

namespace national_store = ncpeh::gateway::national_store;
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
    auto split = national_store::patient_with_consents_of(
        searchset(patient_entry("p1") + "," + consent_entry("c2", "Patient/p1") + "," +
                  consent_entry("c1", "Patient/p1")));
    REQUIRE(split.has_value());
    CHECK(split->patient.id == "p1");
    REQUIRE(split->consents.size() == 2);
    CHECK(split->consents[0].id == "c2");
    CHECK(split->consents[1].id == "c1");

    auto without = national_store::patient_with_consents_of(searchset(patient_entry("p1")));
    REQUIRE(without.has_value());
    CHECK(without->consents.empty());
}

TEST_CASE("a revinclude searchset with a consent of another patient is a bad answer") {
    auto split = national_store::patient_with_consents_of(
        searchset(patient_entry("p1") + "," + consent_entry("c1", "Patient/p1") + "," +
                  consent_entry("c9", "Patient/p2")));
    REQUIRE_FALSE(split.has_value());
    CHECK(split.error().code == errc::national_data_access_failure);
}

TEST_CASE("a revinclude searchset with no or several patients, or odd entries, is refused") {
    auto none = national_store::patient_with_consents_of(searchset(""));
    REQUIRE_FALSE(none.has_value());
    CHECK(none.error().code == errc::patient_not_found);

    auto several = national_store::patient_with_consents_of(
        searchset(patient_entry("p1") + "," + patient_entry("p2")));
    REQUIRE_FALSE(several.has_value());
    CHECK(several.error().code == errc::patient_multiple_matches);

    // A Consent presented as a match is not what was asked for.
    auto consent_match = national_store::patient_with_consents_of(
        searchset(patient_entry("p1") + "," + consent_entry("c1", "Patient/p1", "match")));
    REQUIRE_FALSE(consent_match.has_value());
    CHECK(consent_match.error().code == errc::national_data_access_failure);

    auto not_a_bundle = national_store::patient_with_consents_of(boost::json::parse(R"({"a":1})"));
    REQUIRE_FALSE(not_a_bundle.has_value());
    CHECK(not_a_bundle.error().code == errc::national_data_access_failure);
}

namespace {

std::string ok_entry(const std::string& resource) {
    return R"({"resource":)" + resource + R"(,"response":{"status":"200 OK"}})";
}

std::string failed_entry(const std::string& status, const std::string& code) {
    return R"({"response":{"status":")" + status +
           R"(","outcome":{"resourceType":"OperationOutcome","issue":[{"severity":"error",)"
           R"("code":"not-found","details":{"coding":[{"system":")" +
           std::string(ncpeh::translators::fhir::uris::store_error_system) + R"(","code":")" +
           code + R"("}]},"diagnostics":"no"}]}}})";
}

boost::json::value batch_response(const std::string& entries) {
    return boost::json::parse(R"({"resourceType":"Bundle","type":"batch-response","entry":[)" +
                              entries + "]}");
}

std::string tolvan_search() {
    return boost::json::serialize(
        searchset(patient_entry("p1") + "," + consent_entry("c1", "Patient/p1")));
}

}  // namespace

TEST_CASE("a batch-response gives the patient and each prescription its own outcome") {
    auto read = national_store::patient_with_prescriptions_of(
        batch_response(ok_entry(tolvan_search()) + "," +
                       failed_entry("404 Not Found", "unknown-prescription") + "," +
                       failed_entry("409 Conflict", "prescription-expired") + "," +
                       ok_entry(R"({"resourceType":"Patient","id":"p1"})")),
        3);
    REQUIRE(read.has_value());
    CHECK(read->found.patient.id == "p1");
    CHECK(read->found.consents.size() == 1);
    REQUIRE(read->prescriptions.size() == 3);
    CHECK(read->prescriptions[0].error().code == errc::no_matching_eprescription);
    CHECK(read->prescriptions[0].error().context_value("http_status") == "404");
    CHECK(read->prescriptions[1].error().code == errc::eprescription_not_dispensable);
    // A resource of the wrong type where a prescription belongs: the store's fault.
    CHECK(read->prescriptions[2].error().code == errc::national_data_access_failure);
}

TEST_CASE("a batch-response whose patient search failed fails as the search would") {
    auto unknown = national_store::patient_with_prescriptions_of(
        batch_response(ok_entry(boost::json::serialize(searchset(""))) + "," +
                       ok_entry(R"({"resourceType":"Patient","id":"p1"})")),
        1);
    CHECK(unknown.error().code == errc::patient_not_found);
    auto invalid = national_store::patient_with_prescriptions_of(
        batch_response(failed_entry("400 Bad Request", "invalid-personnummer")), 0);
    CHECK(invalid.error().code == errc::fhir_invalid);
    CHECK(invalid.error().context_value("store_code") == "invalid-personnummer");
}

TEST_CASE("a batch-response of the wrong shape or length is a bad answer") {
    const std::vector<std::pair<std::string, boost::json::value>> odd{
        {"one entry short", batch_response(ok_entry(tolvan_search()))},
        {"one entry too many",
         batch_response(ok_entry(tolvan_search()) + "," + failed_entry("404 Not Found", "x") + "," +
                        failed_entry("404 Not Found", "x"))},
        {"a searchset", searchset(patient_entry("p1"))},
        {"no status", batch_response(ok_entry(tolvan_search()) + R"(,{"response":{}})")},
        {"a status without digits",
         batch_response(ok_entry(tolvan_search()) + R"(,{"response":{"status":"OK"}})")},
        {"success without a resource",
         batch_response(ok_entry(tolvan_search()) + R"(,{"response":{"status":"200 OK"}})")},
        {"not an object", boost::json::parse("[1,2]")}};
    for (const auto& [what, body] : odd) {
        INFO(what);
        auto read = national_store::patient_with_prescriptions_of(body, 1);
        REQUIRE_FALSE(read.has_value());
        CHECK(read.error().code == errc::national_data_access_failure);
    }
}

// --- practitioner licences (country B) ---------------------------------------------------------

namespace {

constexpr std::chrono::year_month_day licence_today{std::chrono::year{2026}, std::chrono::November,
                                                    std::chrono::day{23}};

/// A register Practitioner with legitimationskod 9900001 and these qualifications/extras.
boost::json::object register_entry(
    const std::string& qualifications, const std::string& extra = "",
    const std::string& system = std::string(ncpeh::translators::fhir::uris::legitimationskod)) {
    return boost::json::parse(
               R"({"resourceType":"Practitioner","id":"p1","identifier":[{"system":")" + system +
               R"(","value":"9900001"}],"name":[{"family":"Provsson","given":["Test","Testa"]}],)"
               R"("qualification":[)" +
               qualifications + "]" + extra + "}")
        .as_object();
}

std::string qualification(const std::string& code, const std::string& period = "") {
    return R"({"code":{"coding":[{"system":"http://electronichealth.se/fhir/ValueSet/profession-code","code":")" +
           code + R"("}]})" + (period.empty() ? "" : R"(,"period":)" + period) + "}";
}

national_store::practitioner_licence judged(const boost::json::object& entry) {
    auto r = national_store::practitioner_licence_of({entry}, "9900001", licence_today);
    REQUIRE(r.has_value());
    return *r;
}

}  // namespace

TEST_CASE("a practitioner's licence: pharmacist professions with a licence in force") {
    using licence = national_store::practitioner_licence;
    CHECK(judged(register_entry(qualification("AP"))) ==
          licence{"9900001", "Test Testa Provsson", "AP", true});
    CHECK(judged(register_entry(qualification("RC", R"({"start":"2020-01-01"})")))
              .licensed_pharmacist);
    // The period's last day still counts; the next day it has ended.
    CHECK(
        judged(register_entry(qualification("AP", R"({"end":"2026-11-23"})"))).licensed_pharmacist);
    CHECK(judged(register_entry(qualification("AP", R"({"end":"2026-11-22"})"))) ==
          licence{"9900001", "Test Testa Provsson", "AP", false});
    CHECK_FALSE(judged(register_entry(qualification("AP", R"({"start":"2026-11-24"})")))
                    .licensed_pharmacist);
    // A register entry marked inactive licenses nobody.
    CHECK_FALSE(
        judged(register_entry(qualification("AP"), R"(,"active":false)")).licensed_pharmacist);
    // Another profession is reported as such, and is no pharmacist.
    CHECK(judged(register_entry(qualification("LK"))) ==
          licence{"9900001", "Test Testa Provsson", "LK", false});
    CHECK(judged(register_entry("")) == licence{"9900001", "Test Testa Provsson", "", false});
    // A physician who is also a pharmacist; a withdrawn licence beside one in force.
    CHECK(judged(register_entry(qualification("LK") + "," + qualification("RC"))) ==
          licence{"9900001", "Test Testa Provsson", "RC", true});
    CHECK(judged(register_entry(qualification("AP", R"({"end":"2020-01-01"})") + "," +
                                qualification("AP", R"({"start":"2021-01-01"})")))
              .licensed_pharmacist);
    // An unreadable period licenses nothing.
    CHECK_FALSE(
        judged(register_entry(qualification("AP", R"({"end":"soon"})"))).licensed_pharmacist);
    // The OID form of the legitimationskod system is accepted.
    CHECK(judged(register_entry(qualification("AP"), "", "urn:oid:2.999.752.1.4.1"))
              .licensed_pharmacist);
}

TEST_CASE("a practitioner search answer: nobody, several, or the wrong person") {
    auto none = national_store::practitioner_licence_of({}, "9900001", licence_today);
    REQUIRE_FALSE(none.has_value());
    CHECK(none.error().code == errc::pharmacist_not_licensed);
    CHECK(none.error().message ==
          "legitimationskod 9900001 is not in the national practitioner register");

    const auto one = register_entry(qualification("AP"));
    auto two = national_store::practitioner_licence_of({one, one}, "9900001", licence_today);
    REQUIRE_FALSE(two.has_value());
    CHECK(two.error().code == errc::national_data_access_failure);

    auto other = national_store::practitioner_licence_of({one}, "9900002", licence_today);
    REQUIRE_FALSE(other.has_value());
    CHECK(other.error().code == errc::national_data_access_failure);

    auto unreadable = national_store::practitioner_licence_of(
        {boost::json::parse(R"({"resourceType":"Practitioner","identifier":"9900001"})")
             .as_object()},
        "9900001", licence_today);
    REQUIRE_FALSE(unreadable.has_value());
    CHECK(unreadable.error().code == errc::national_data_access_failure);
}

TEST_CASE("search objects: the resources of a searchset as written") {
    auto found = national_store::search_objects_of(
        searchset(R"({"resource":{"resourceType":"Practitioner","id":"a"}},)"
                  R"({"resource":{"resourceType":"Practitioner","id":"b"}})"),
        "Practitioner");
    REQUIRE(found.has_value());
    REQUIRE(found->size() == 2);
    CHECK(found->at(1).at("id") == "b");

    auto empty = national_store::search_objects_of(
        boost::json::parse(R"({"resourceType":"Bundle","type":"searchset"})"), "Practitioner");
    REQUIRE(empty.has_value());
    CHECK(empty->empty());

    for (const auto* bad :
         {R"({"resourceType":"OperationOutcome"})", R"([])",
          R"({"resourceType":"Bundle","entry":{}})",
          R"({"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Patient"}}]})",
          R"({"resourceType":"Bundle","entry":[{"fullUrl":"x"}]})"}) {
        INFO(bad);
        auto r = national_store::search_objects_of(boost::json::parse(bad), "Practitioner");
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().code == errc::national_data_access_failure);
    }
}
