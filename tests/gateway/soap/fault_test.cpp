// Test that the header is self-contained.
#include "gateway/soap/fault.hpp"

#include <catch2/catch.hpp>

#include "gateway/soap/envelope.hpp"
#include "trust/xml/namespaces.hpp"
#include "trust/xml/navigate.hpp"

namespace soap = ncpeh::gateway::soap;
namespace xml = ncpeh::trust::xml;
namespace ns = ncpeh::trust::xml::ns;
using ncpeh::errc;

namespace {

std::string reason_and_code(const std::string& fault_xml, std::string& code) {
    auto doc = xml::parse_document(fault_xml);
    REQUIRE(doc.has_value());
    const xmlNode* fault =
        xml::find_path(doc->root(), {{ns::soap12, "Body"}, {ns::soap12, "Fault"}});
    REQUIRE(fault != nullptr);
    code = xml::text_of(*xml::find_path(*fault, {{ns::soap12, "Code"}, {ns::soap12, "Value"}}));
    return xml::text_of(*xml::find_path(*fault, {{ns::soap12, "Reason"}, {ns::soap12, "Text"}}));
}

}  // namespace

TEST_CASE("a security error becomes a Sender fault with the eHDSI code in the reason") {
    const auto e =
        ncpeh::make_error(errc::signature_invalid, "digest of <assertion> does not match & fails");
    std::string code;
    const std::string reason =
        reason_and_code(soap::write_fault(e, {"", "urn:uuid:req-1", "urn:uuid:resp-1"}), code);
    CHECK(code == "env:Sender");
    CHECK(reason ==
          "ERROR_SEC_DATA_INTEGRITY_NOT_ENSURED: digest of <assertion> does not match & fails");
    CHECK(soap::http_status_of(soap::fault_code_of(e)) == 400);
}

TEST_CASE("national failures are Receiver faults, version mismatch names SOAP 1.2") {
    std::string code;
    reason_and_code(
        soap::write_fault(ncpeh::make_error(errc::national_store_unreachable, "down"), {}), code);
    CHECK(code == "env:Receiver");
    CHECK(soap::http_status_of(soap::fault_code::receiver) == 500);
    const std::string mismatch =
        soap::write_fault(ncpeh::make_error(errc::soap_version_mismatch, "1.1"), {});
    reason_and_code(mismatch, code);
    CHECK(code == "env:VersionMismatch");
    CHECK(mismatch.find(R"(<env:SupportedEnvelope qname="env:Envelope"/>)") != std::string::npos);
}

TEST_CASE("a fault is itself a valid envelope with WS-Addressing headers") {
    const auto text = soap::write_fault(ncpeh::make_error(errc::soap_malformed, "x"),
                                        {"urn:fault", "urn:uuid:req", "urn:uuid:me"});
    auto env = soap::parse_envelope(text, {});
    REQUIRE(env.has_value());
    CHECK(env->headers().action == "urn:fault");
    CHECK(env->headers().message_id == "urn:uuid:me");
}
