// The dispatcher in-process: a SOAP request to its transaction's stage by wsa:Action.
#include "gateway/ncp_a/dispatch.hpp"

#include <catch2/catch.hpp>

#include "tests/gateway/support/country_a_stages.hpp"
#include "tests/gateway/support/partner_calls.hpp"
#include "tests/gateway/support/seed.hpp"
#include "tests/support/text.hpp"

using namespace ncpeh::testing;
namespace http = boost::beast::http;
namespace ihe = ncpeh::gateway::ihe;

namespace {

ncpeh::gateway::net::request soap_post(std::string envelope, http::verb method = http::verb::post) {
    ncpeh::gateway::net::request req{method, "/ncp", 11};
    req.set(http::field::content_type, "application/soap+xml");
    req.body() = std::move(envelope);
    req.prepare_payload();
    return req;
}

std::string xcpd_for_tolvan() {
    return ncpeh::samples::foreign_ncp::xcpd_body(partner_sources(), seed::tolvan);
}

}  // namespace

TEST_CASE("dispatch: a request goes to the stage of its wsa:Action") {
    country_a_stages a;
    const auto res =
        a.dispatch(soap_post(partner_envelope(ihe::transaction::xcpd, {}, xcpd_for_tolvan())));
    CHECK(res.result() == http::status::ok);
    CHECK(contains(res.body(), std::string(ihe::response_action(ihe::transaction::xcpd))));
    CHECK(contains(res.body(), R"(<queryResponseCode code="OK"/>)"));
    CHECK(a.store.calls() == 1);
    REQUIRE(a.audit.events.size() == 1);
    CHECK(a.audit.events.front().transaction == "xcpd");
}

TEST_CASE("dispatch: unknown actions and other methods are SOAP faults, before any stage") {
    country_a_stages a;
    std::string unknown = partner_envelope(ihe::transaction::xcpd, {}, xcpd_for_tolvan());
    const std::string action(ihe::request_action(ihe::transaction::xcpd));
    unknown.replace(unknown.find(action), action.size(), "urn:example:NotAnAction");
    const auto fault = a.dispatch(soap_post(unknown));
    CHECK(contains(fault.body(), "Fault"));
    CHECK(contains(fault.body(), "ERROR_GENERIC_SERVICE_SIGNIFIER_UNKNOWN"));
    const auto get = a.dispatch(soap_post(
        partner_envelope(ihe::transaction::xcpd, {}, xcpd_for_tolvan()), http::verb::get));
    CHECK(get.result() != http::status::ok);
    CHECK(contains(get.body(), "Fault"));
    CHECK(a.store.calls() == 0);
    CHECK(a.audit.events.empty());
}
