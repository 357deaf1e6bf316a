#include "tests/gateway/support/country_a_stages.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <catch2/catch.hpp>

#include "gateway/ncp_a/dispatch.hpp"
#include "gateway/soap/request.hpp"
#include "gateway/terminology/read_terminology.hpp"
#include "tests/gateway/support/partner_calls.hpp"
#include "tests/support/test_files.hpp"
#include "translators/eprescription_l3/custodian.hpp"

namespace ncpeh::testing {

namespace net = boost::asio;
namespace fn = samples::foreign_ncp;

namespace {

// Read once for the whole test program: they are only read.
const translators::terminology::terminology& project_terminology() {
    static const auto tables =
        gateway::terminology::read_terminology(source_dir() / "translators/terminology/data")
            .value();
    return tables;
}

const trust::x509::trust_store_slot& assertion_anchors() {
    static const trust::x509::trust_store_slot anchors(
        std::make_shared<const trust::x509::trust_store>(
            trust::x509::trust_store::load(trust::x509::store_kind::assertion_signatures,
                                           partner_sources().pki / "trust-assertion-signatures.pem",
                                           {partner_sources().pki / "ca.crl.pem"})
                .value()));
    return anchors;
}

const gateway::ncp_a::peer finnish_partner{"FI", "", "127.0.0.1"};

gateway::net::response run(net::awaitable<gateway::net::response> answer) {
    net::io_context io;
    auto answered = net::co_spawn(io, std::move(answer), net::use_future);
    io.run();
    return answered.get();
}

}  // namespace

country_a_stages::country_a_stages() {
    settings.home_community_id = std::string(fn::swedish_hcid);
    settings.repository_unique_id = settings.home_community_id;
    settings.eprescription.prescription_id_root = std::string(fn::swedish_prescription_root);
    settings.eprescription.custodian =
        translators::eprescription_l3::swedish_custodian(settings.home_community_id);
    settings.tables = &project_terminology();
    settings.assertion_anchors = &assertion_anchors();
    settings.fixed_today = seed_today;
}

std::string partner_envelope(gateway::ihe::transaction tx, const fn::caller_claims& claims,
                             const std::string& body) {
    return fn::soap_envelope(gateway::ihe::request_action(tx),
                             fn::security_header(partner_sources(), claims), body);
}

gateway::net::response country_a_stages::answer(country_a_stage stage, gateway::ihe::transaction tx,
                                                const fn::caller_claims& claims,
                                                const std::string& body) {
    return answer(stage, partner_envelope(tx, claims, body));
}

gateway::net::response country_a_stages::answer(country_a_stage stage,
                                                const std::string& envelope) {
    auto decoded =
        gateway::soap::decode_request("application/soap+xml", envelope, settings.xml_limits);
    REQUIRE(decoded.has_value());
    const gateway::ncp_a::exchange ex{finnish_partner, *decoded, gateway::log::logger("unit-test"),
                                      std::chrono::system_clock::now(), 11};
    return run(stage(settings, services, ex));
}

gateway::net::response country_a_stages::dispatch(gateway::net::request request) {
    return run(gateway::ncp_a::dispatch(settings, services, finnish_partner, std::move(request)));
}

}  // namespace ncpeh::testing
