#include "gateway/national_api/api_routes.hpp"

#include <boost/json/parse.hpp>

#include <catch2/catch.hpp>

#include <set>

#include "tests/support/test_files.hpp"

using namespace ncpeh;
using namespace ncpeh::gateway::national_api;
using boost::beast::http::verb;

TEST_CASE("paths resolve to their operation with decoded parameters", "[national-api]") {
    const auto list =
        resolve_route(verb::get,
                      "/national/v1/foreign-patients/010190-998X%5E%5E%5E%262.999.246.10.1%26ISO/"
                      "eprescriptions?country=FI");
    REQUIRE(list.has_value());
    CHECK(list->to->op == operation::list_eprescriptions);
    REQUIRE(list->path_parameters.size() == 1);
    CHECK(list->path_parameters[0] == "010190-998X^^^&2.999.246.10.1&ISO");
    CHECK(list->query_value("country") == "FI");
    CHECK(list->query_value("missing").empty());

    const auto retrieve = resolve_route(
        verb::get, "/national/v1/foreign-patients/p1/eprescriptions/2.999.246.3%5Edoc-1");
    REQUIRE(retrieve.has_value());
    CHECK(retrieve->to->op == operation::retrieve_eprescription);
    CHECK(retrieve->path_parameters == std::vector<std::string>{"p1", "2.999.246.3^doc-1"});

    const auto identify = resolve_route(verb::post, "/national/v1/foreign-patients/$identify");
    REQUIRE(identify.has_value());
    CHECK(identify->to->op == operation::identify_patient);
    const auto discard =
        resolve_route(verb::post, "/national/v1/foreign-dispensations/d-42/$discard");
    REQUIRE(discard.has_value());
    CHECK(discard->to->op == operation::discard_dispensation);
    CHECK(discard->path_parameters[0] == "d-42");
    CHECK_FALSE(resolve_route(verb::post, "/national/v1/sessions")->to->needs_session);
}

TEST_CASE("unknown paths are 404 material, known paths with another method name the allowed",
          "[national-api]") {
    const auto unknown = resolve_route(verb::get, "/national/v1/patients");
    REQUIRE_FALSE(unknown.has_value());
    CHECK(unknown.error().code == errc::unknown_route);
    CHECK(unknown.error().context_value("allow").empty());

    const auto wrong_method = resolve_route(verb::delete_, "/national/v1/sessions");
    REQUIRE_FALSE(wrong_method.has_value());
    CHECK(wrong_method.error().code == errc::unknown_route);
    CHECK(wrong_method.error().context_value("allow") == "POST");

    for (const char* odd :
         {"/national/v1/sessions/", "/national//v1/sessions", "/national/v2/sessions",
          "/national/v1/foreign-dispensations/a/b/$discard", "/"}) {
        INFO(odd);
        const auto r = resolve_route(verb::post, odd);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().code == errc::unknown_route);
    }
    const auto not_a_path = resolve_route(verb::get, "http://evil.example/national/v1/countries");
    REQUIRE_FALSE(not_a_path.has_value());
    CHECK(not_a_path.error().code == errc::invalid_argument);
}

TEST_CASE("the access log is the patient e-services' one route, without a session",
          "[national-api][access-log]") {
    const auto log = resolve_route(
        verb::get, "/national/v1/patients/191212121212/cross-border-access?_count=5&cursor=1.2");
    REQUIRE(log.has_value());
    CHECK(log->to->op == operation::patient_access);
    CHECK(log->to->caller == caller_kind::patient_eservice);
    CHECK_FALSE(log->to->needs_session);
    CHECK(log->path_parameters == std::vector<std::string>{"191212121212"});
    CHECK(log->query_value("_count") == "5");
    CHECK(log->query_value("cursor") == "1.2");
    const auto post =
        resolve_route(verb::post, "/national/v1/patients/191212121212/cross-border-access");
    REQUIRE_FALSE(post.has_value());
    CHECK(post.error().context_value("allow") == "GET");
    for (const route& r : routes) {
        INFO(r.path);
        CHECK((r.caller == caller_kind::patient_eservice) == (r.op == operation::patient_access));
    }
}

TEST_CASE("the OpenAPI document lists exactly the routes the server answers", "[national-api]") {
    const auto document = boost::json::parse(
        testing::read_file(testing::source_dir() / "docs/national-api.openapi.json"));
    std::set<std::pair<std::string, std::string>> documented;
    for (const auto& [path, operations] : document.at("paths").as_object()) {
        for (const auto& [method, spec] : operations.as_object()) {
            documented.emplace(std::string(path), std::string(method));
            // Every documented operation says what it answers when all goes well.
            CHECK(spec.as_object().contains("responses"));
        }
    }
    std::set<std::pair<std::string, std::string>> served;
    for (const route& r : routes) {
        std::string method(boost::beast::http::to_string(r.method));
        for (char& c : method) {
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        served.emplace(std::string(r.path), method);
        // Operations behind a session say so; the session route is open.
        const auto& spec = document.at("paths").at(r.path).at(method).as_object();
        CHECK(spec.contains("security") == !r.needs_session);
    }
    CHECK(documented == served);
}
