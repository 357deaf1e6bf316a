#pragma once

#include <string_view>

// The namespace URIs of every XML vocabulary the project reads or writes, each spelled once
// (ehdsi-protocol.md §1). Elements and attributes are matched by these URIs, never by prefix:
// peers use arbitrary prefixes. Writers declare them on the root element they produce.
namespace ncpeh::trust::xml::ns {

// --- SOAP and WS-* headers ------------------------------------------------------------------
inline constexpr std::string_view soap12 = "http://www.w3.org/2003/05/soap-envelope";
/// Recognised only to answer with a VersionMismatch fault.
inline constexpr std::string_view soap11 = "http://schemas.xmlsoap.org/soap/envelope/";
inline constexpr std::string_view wsa = "http://www.w3.org/2005/08/addressing";
inline constexpr std::string_view wsse =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
/// MTOM/XOP: `xop:Include` in place of base64 content.
inline constexpr std::string_view xop = "http://www.w3.org/2004/08/xop/include";

// --- SAML 2.0 assertions and XML signatures -------------------------------------------------
inline constexpr std::string_view saml = "urn:oasis:names:tc:SAML:2.0:assertion";
inline constexpr std::string_view dsig = "http://www.w3.org/2000/09/xmldsig#";

// --- XML Schema -----------------------------------------------------------------------------
inline constexpr std::string_view xsd = "http://www.w3.org/2001/XMLSchema";
inline constexpr std::string_view xsi = "http://www.w3.org/2001/XMLSchema-instance";

// --- IHE XDS.b and ebXML RegRep 3.0 ---------------------------------------------------------
inline constexpr std::string_view xds = "urn:ihe:iti:xds-b:2007";
inline constexpr std::string_view rim = "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0";
inline constexpr std::string_view rs = "urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0";
inline constexpr std::string_view query = "urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0";
inline constexpr std::string_view lcm = "urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0";

// --- HL7 ------------------------------------------------------------------------------------
/// HL7 v3: the XCPD messages, the CDA R2 documents (their default namespace), the Role and
/// PurposeOfUse values inside SAML attributes.
inline constexpr std::string_view hl7 = "urn:hl7-org:v3";
/// The current eHDSI product model in CDA (templates …3.1.3.29/30), `pharm:`.
inline constexpr std::string_view pharm = "urn:hl7-org:pharm";
/// The legacy epSOS product model (≤ wave 5), `epsos:`; read, never written.
inline constexpr std::string_view epsos = "urn:epsos-org:ep:medication";

}  // namespace ncpeh::trust::xml::ns
