#include "trust/saml/issue_assertion.hpp"

#include <libxml/tree.h>
#include <libxml/valid.h>

#include <memory>

#include "trust/saml/saml_names.hpp"
#include "trust/xml/document.hpp"
#include "trust/xml/escape.hpp"
#include "trust/xml/namespaces.hpp"
#include "trust/xmldsig/sign_assertion.hpp"

namespace ncpeh::trust::saml {

namespace ns = xml::ns;

namespace {

// The assertion is written as text and read back through the hardened parser, so issuing and
// verifying see the same tree; every value goes through xml::escaped.
using xml::escaped;

std::string string_attribute(std::string_view name, std::string_view friendly,
                             const std::vector<std::string>& values) {
    std::string xml = "<saml2:Attribute FriendlyName=\"" + escaped(friendly) + "\" Name=\"" +
                      escaped(name) + "\" NameFormat=\"" + std::string(attrname_format_uri) + "\">";
    for (const std::string& value : values) {
        xml += "<saml2:AttributeValue xsi:type=\"xsd:string\">" + escaped(value) +
               "</saml2:AttributeValue>";
    }
    return xml + "</saml2:Attribute>";
}

// Role / PurposeOfUse: unprefixed, with their own default namespace (OpenNCP quirk, §7.4).
std::string coded_attribute(std::string_view name, std::string_view friendly,
                            std::string_view element, const coded_value& value,
                            std::string_view code_system_name) {
    return "<saml2:Attribute FriendlyName=\"" + escaped(friendly) + "\" Name=\"" + escaped(name) +
           "\" NameFormat=\"" + std::string(attrname_format_uri) + "\"><saml2:AttributeValue><" +
           std::string(element) + " xmlns=\"" + std::string(ns::hl7) + "\" code=\"" +
           escaped(value.code) + "\" codeSystem=\"" + escaped(value.code_system) +
           "\" codeSystemName=\"" + escaped(code_system_name) + "\" displayName=\"" +
           escaped(value.display_name) + "\"/></saml2:AttributeValue></saml2:Attribute>";
}

std::string open_assertion(const std::string& id, xml::instant issued_at,
                           std::string_view qualifier, const std::string& issuer) {
    return "<saml2:Assertion xmlns:saml2=\"" + std::string(ns::saml) + "\" xmlns:xsd=\"" +
           std::string(ns::xsd) + "\" xmlns:xsi=\"" + std::string(ns::xsi) + "\" ID=\"" +
           escaped(id) + "\" IssueInstant=\"" + xml::format_date_time(issued_at) +
           "\" Version=\"2.0\"><saml2:Issuer NameQualifier=\"" + std::string(qualifier) + "\">" +
           escaped(issuer) + "</saml2:Issuer>";
}

std::string subject_and_conditions(const std::string& name_id, const std::string& format,
                                   xml::instant from, std::chrono::seconds validity) {
    return "<saml2:Subject><saml2:NameID Format=\"" + escaped(format) + "\">" + escaped(name_id) +
           "</saml2:NameID><saml2:SubjectConfirmation Method=\"" + std::string(sender_vouches) +
           "\"/></saml2:Subject><saml2:Conditions NotBefore=\"" + xml::format_date_time(from) +
           "\" NotOnOrAfter=\"" + xml::format_date_time(from + validity) +
           "\"><saml2:AudienceRestriction><saml2:Audience>" + std::string(audience_x_border) +
           "</saml2:Audience></saml2:AudienceRestriction></saml2:Conditions>";
}

std::string authn_statement(xml::instant at, const std::string& class_ref) {
    return "<saml2:AuthnStatement AuthnInstant=\"" + xml::format_date_time(at) +
           "\"><saml2:AuthnContext><saml2:AuthnContextClassRef>" + escaped(class_ref) +
           "</saml2:AuthnContextClassRef></saml2:AuthnContext></saml2:AuthnStatement>";
}

coded_value purpose(const std::string& code) {
    return coded_value{code, std::string(purpose_of_use_code_system), code};
}

struct xml_buffer_free {
    void operator()(xmlBuffer* buffer) const noexcept { xmlBufferFree(buffer); }
};

result<void> check_claims(const std::string& id, std::chrono::seconds validity,
                          std::chrono::seconds max) {
    if (id.empty() || xmlValidateNCName(reinterpret_cast<const xmlChar*>(id.c_str()), 0) != 0) {
        return make_error(errc::invalid_argument, "assertion ID must be an NCName").with("id", id);
    }
    if (validity <= std::chrono::seconds{0} || validity > max) {
        return make_error(errc::invalid_argument, "assertion validity out of range")
            .with("max_seconds", std::to_string(max.count()));
    }
    return {};
}

result<std::string> sign_and_serialise(const std::string& text,
                                       const xmldsig::signing_credential& seal) {
    auto parsed = xml::parse_document(text);
    if (!parsed) {
        return make_error(errc::internal,
                          "issued assertion is not well-formed: " + parsed.error().message);
    }
    xml::document doc = std::move(parsed).value();
    if (auto signed_ok = xmldsig::sign_assertion(doc, doc.root(), seal); !signed_ok) {
        return signed_ok.error();
    }
    std::unique_ptr<xmlBuffer, xml_buffer_free> buffer(xmlBufferCreate());
    if (!buffer || xmlNodeDump(buffer.get(), doc.get(), &doc.root(), 0, 0) < 0) {
        return make_error(errc::internal, "the signed assertion could not be serialised");
    }
    return std::string(reinterpret_cast<const char*>(xmlBufferContent(buffer.get())),
                       static_cast<std::size_t>(xmlBufferLength(buffer.get())));
}

}  // namespace

result<std::string> issue_hcp_assertion(const hcp_claims& claims,
                                        const xmldsig::signing_credential& seal) {
    if (auto ok = check_claims(claims.id, claims.validity, std::chrono::hours{4}); !ok) {
        return ok.error();
    }
    std::vector<std::string> permissions;
    for (const std::string& code : claims.permissions) {
        permissions.push_back(std::string(permission_prefix) + code);
    }
    coded_value role = claims.role;
    role.code_system = std::string(isco_code_system);
    std::string text = open_assertion(claims.id, claims.issued_at, hcp_qualifier,
                                      "urn:idp:" + claims.country + ":countryB") +
                       subject_and_conditions(claims.name_id, claims.name_id_format,
                                              claims.issued_at, claims.validity) +
                       authn_statement(claims.issued_at, claims.authn_context_class) +
                       "<saml2:AttributeStatement>";
    if (!claims.home_community_id.empty()) {
        text +=
            string_attribute(attr_home_community_id, "HCI Identifier", {claims.home_community_id});
    }
    text += string_attribute(attr_subject_id, "XSPA Subject", {claims.subject_name});
    text += coded_attribute(attr_role, "XSPA Role", "Role", role, "ISCO");
    if (!claims.organization.empty()) {
        text += string_attribute(attr_organization, "XSPA Organization", {claims.organization});
    }
    if (!claims.organization_id.empty()) {
        text += string_attribute(attr_organization_id, "XSPA Organization ID",
                                 {claims.organization_id});
    }
    text += string_attribute(attr_facility_type, "eHealth DSI Healthcare Facility Type",
                             {claims.facility_type});
    text += coded_attribute(attr_purpose_of_use, "XSPA Purpose Of Use", "PurposeOfUse",
                            purpose(claims.purpose_of_use), "eHDSI XSPA PurposeOfUse");
    text += string_attribute(attr_locality, "XSPA Locality", {claims.locality});
    if (!permissions.empty()) {
        text += string_attribute(attr_permission, "Hl7 Permissions", permissions);
    }
    text += "</saml2:AttributeStatement></saml2:Assertion>";
    return sign_and_serialise(text, seal);
}

result<std::string> issue_trc_assertion(const trc_claims& claims,
                                        const xmldsig::signing_credential& seal) {
    if (auto ok = check_claims(claims.id, claims.validity, std::chrono::hours{2}); !ok) {
        return ok.error();
    }
    std::string text = open_assertion(claims.id, claims.issued_at, trc_qualifier,
                                      "urn:initgw:" + claims.country + ":countryB") +
                       subject_and_conditions(claims.name_id, claims.name_id_format,
                                              claims.issued_at, claims.validity) +
                       "<saml2:Advice><saml2:AssertionIDRef>" + escaped(claims.hcp_assertion_id) +
                       "</saml2:AssertionIDRef></saml2:Advice>" +
                       authn_statement(claims.issued_at, std::string(previous_session)) +
                       "<saml2:AttributeStatement>" +
                       string_attribute(attr_subject_id, "XSPA Subject", {claims.patient_id}) +
                       coded_attribute(attr_purpose_of_use, "XSPA Purpose Of Use", "PurposeOfUse",
                                       purpose(claims.purpose_of_use), "eHDSI XSPA PurposeOfUse");
    if (claims.prescription_id) {
        text +=
            string_attribute(attr_prescription_id, "Prescription ID", {*claims.prescription_id});
    }
    text += "</saml2:AttributeStatement></saml2:Assertion>";
    return sign_and_serialise(text, seal);
}

}  // namespace ncpeh::trust::saml
