#include "tests/gateway/support/partner_calls.hpp"

#include "gateway/ihe/transaction.hpp"
#include "tests/gateway/support/tls_client.hpp"
#include "tests/support/test_files.hpp"
#include "tests/support/text.hpp"

namespace ncpeh::testing {

using namespace samples::foreign_ncp;

const sources& partner_sources() {
    static const sources dirs{source_dir() / "samples/pki/generated", request_bodies_dir()};
    return dirs;
}

caller_claims for_patient(std::string_view personnummer) {
    caller_claims claims;
    claims.trc_patient = personnummer_cx(personnummer);
    return claims;
}

boost::beast::http::response<boost::beast::http::string_body> call_ncp(
    unsigned short port, std::string_view action, const caller_claims& claims,
    const std::string& body, std::string_view message_id) {
    tls_client client(port, "fi-tls");
    return client.post(
        "/ncp", "application/soap+xml",
        soap_envelope(action, security_header(partner_sources(), claims), body, message_id));
}

bool identifies_tolvan(unsigned short port) {
    const std::string body =
        call_ncp(port, "urn:hl7-org:v3:PRPA_IN201305UV02:CrossGatewayPatientDiscovery", {},
                 xcpd_body(partner_sources(), "191212121212"))
            .body();
    return contains(body, R"(<queryResponseCode code="OK"/>)") &&
           contains(body, "<family>Testsson</family>");
}

std::string identify_tolvan_with_expired_seal(unsigned short port) {
    caller_claims expired_seal;
    expired_seal.seal = "seal-expired";
    return call_ncp(port, gateway::ihe::request_action(gateway::ihe::transaction::xcpd),
                    expired_seal, xcpd_body(partner_sources(), "191212121212"))
        .body();
}

}  // namespace ncpeh::testing
