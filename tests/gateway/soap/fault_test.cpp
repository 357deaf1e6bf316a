// Test that the header is self-contained.
#include "gateway/soap/fault.hpp"

#include <catch2/catch.hpp>

#include <optional>
#include <string>

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

namespace {

std::optional<ncpeh::error> fault_in(const std::string& text) {
    auto env = soap::parse_response_envelope(text, {});
    REQUIRE(env.has_value());
    return soap::fault_of(*env);
}

std::string fault_envelope(const std::string& fault_xml) {
    return R"(<S:Envelope xmlns:S="http://www.w3.org/2003/05/soap-envelope"><S:Body>)" + fault_xml +
           "</S:Body></S:Envelope>";
}

}  // namespace

TEST_CASE("our own faults read back as the partner's refusal with the eHDSI code") {
    const auto written =
        soap::write_fault(ncpeh::make_error(errc::insufficient_rights, "PRD-004 missing"),
                          {"", "urn:uuid:req-1", "urn:uuid:resp-1"});
    const auto fault = fault_in(written);
    REQUIRE(fault.has_value());
    CHECK(fault->code == errc::foreign_ncp_refused);
    CHECK(fault->context_value("remote_code") == ncpeh::ehdsi_code(errc::insufficient_rights));
    CHECK(fault->context_value("fault_code") == "Sender");
    CHECK(fault->message.find("PRD-004 missing") != std::string::npos);

    const auto receiver = fault_in(
        soap::write_fault(ncpeh::make_error(errc::national_store_unreachable, "down"), {}));
    REQUIRE(receiver.has_value());
    CHECK(receiver->context_value("remote_code") == "4103");
    CHECK(receiver->context_value("fault_code") == "Receiver");
}

TEST_CASE("an OpenNCP fault without a code in its reason is known by its fault code") {
    const auto fault = fault_in(fault_envelope(
        R"(<S:Fault><S:Code><S:Value>S:Receiver</S:Value></S:Code><S:Reason><S:Text xml:lang="en-US">Signature validation failed: java.lang.Exception</S:Text></S:Reason></S:Fault>)"));
    REQUIRE(fault.has_value());
    CHECK(fault->code == errc::foreign_ncp_refused);
    CHECK(fault->context_value("remote_code") == "Receiver");
    CHECK(fault->context_value("fault_code") == "Receiver");
    CHECK(fault->context_value("fault_subcode").empty());
}

TEST_CASE("a code in the fault's Detail, a subcode and a role are kept") {
    const auto fault = fault_in(fault_envelope(
        R"(<soap:Fault xmlns:soap="http://www.w3.org/2003/05/soap-envelope" xmlns:x="urn:x"><soap:Code><soap:Value>soap:Sender</soap:Value><soap:Subcode><soap:Value>x:InvalidSecurity</soap:Value></soap:Subcode></soap:Code><soap:Reason><soap:Text xml:lang="de">Fehler</soap:Text><soap:Text xml:lang="en">Error: the assertion is not valid</soap:Text></soap:Reason><soap:Role>urn:x:ncp</soap:Role><soap:Detail><x:error><x:code>ERROR_SEC_GENERIC</x:code></x:error></soap:Detail></soap:Fault>)"));
    REQUIRE(fault.has_value());
    CHECK(fault->context_value("remote_code") == "ERROR_SEC_GENERIC");
    CHECK(fault->context_value("fault_code") == "Sender");
    CHECK(fault->context_value("fault_subcode") == "x:InvalidSecurity");
    CHECK(fault->context_value("fault_role") == "urn:x:ncp");
    CHECK(fault->message ==
          "the partner answered with a SOAP fault: Error: the assertion is not valid");
}

TEST_CASE("a fault code in another namespace is reported as written") {
    const auto fault = fault_in(fault_envelope(
        R"(<S:Fault xmlns:o="urn:other"><S:Code><S:Value>o:Receiver</S:Value></S:Code><S:Reason><S:Text xml:lang="en">1101: no ePrescription</S:Text></S:Reason></S:Fault>)"));
    REQUIRE(fault.has_value());
    CHECK(fault->context_value("fault_code") == "o:Receiver");
    CHECK(fault->context_value("remote_code") == "1101");
}

TEST_CASE("a long fault reason is cut, and an answer that is no fault has none") {
    const auto fault = fault_in(fault_envelope(
        R"(<S:Fault><S:Code><S:Value>S:Receiver</S:Value></S:Code><S:Reason><S:Text xml:lang="en">)" +
        std::string(5000, 'r') + "</S:Text></S:Reason></S:Fault>"));
    REQUIRE(fault.has_value());
    CHECK(fault->message.size() < 400);
    CHECK_FALSE(fault_in(fault_envelope(R"(<x xmlns="urn:x"/>)")).has_value());
    // A Fault element outside the SOAP namespace is an ordinary body.
    CHECK_FALSE(fault_in(fault_envelope(R"(<Fault xmlns="urn:x"/>)")).has_value());
}
