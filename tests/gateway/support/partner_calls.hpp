#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <cstddef>
#include <string>
#include <string_view>

#include "samples/foreign-ncp/foreign_requests.hpp"

namespace ncpeh::testing {

/// Where the Finnish partner of the tests finds its dev PKI and request bodies.
const samples::foreign_ncp::sources& partner_sources();

/// Claims with a TRC assertion for `personnummer`.
samples::foreign_ncp::caller_claims for_patient(std::string_view personnummer);

/// One SOAP request of the Finnish partner (TLS client fi-tls, assertions signed by fi-seal for
/// `claims`) to `ncpeh serve` on `port`, on a connection of its own.
boost::beast::http::response<boost::beast::http::string_body> call_ncp(
    unsigned short port, std::string_view action, const samples::foreign_ncp::caller_claims& claims,
    const std::string& body,
    std::string_view message_id = "urn:uuid:6d0f4c3e-0000-4000-8000-000000000001");

/// Whether an XCPD request for the seed patient Tolvan Testsson (191212121212) finds him: the
/// gateway serves partners and reaches the national store.
bool identifies_tolvan(unsigned short port);

/// The same request with assertions signed by an expired seal certificate: refused
/// (`certificate_expired`) before the national store is asked. The answer's body.
std::string identify_tolvan_with_expired_seal(unsigned short port);

}  // namespace ncpeh::testing
