#include "samples/foreign-ncp/foreign_requests.hpp"

#include <chrono>
#include <map>
#include <mutex>
#include <stdexcept>
#include <vector>

#include "gateway/ihe/patient_id.hpp"
#include "gateway/soap/request.hpp"
#include "gateway/soap/security_header.hpp"
#include "translators/sweden/identifier_oids.hpp"
#include "trust/encoding/base64.hpp"
#include "trust/files/read_whole_file.hpp"
#include "trust/saml/assertion_id.hpp"
#include "trust/saml/isco_role.hpp"
#include "trust/saml/issue_assertion.hpp"
#include "trust/xml/escape.hpp"
#include "trust/xmldsig/signing_credential.hpp"

namespace ncpeh::samples::foreign_ncp {

namespace {

std::string request_body(const sources& from, std::string_view name) {
    return trust::files::read_whole_file(from.requests / std::string(name)).value();
}

// The patient the request bodies are written for (requests/README.md); the builders put the
// patient asked for in its place.
constexpr std::string_view written_personnummer = "191212121212";

// An HL7v3 II's attributes.
std::string id_attributes(std::string_view root, std::string_view extension) {
    return "root=\"" + std::string(root) + "\" extension=\"" + std::string(extension) + "\"";
}

// A personnummer as the attributes of an HL7v3 II.
std::string personnummer_id_attributes(std::string_view personnummer) {
    return id_attributes(translators::sweden::personnummer_oid, personnummer);
}

gateway::ihe::patient_id patient_of_cx(std::string_view cx) {
    auto parsed = gateway::ihe::parse_patient_id(cx);
    if (!parsed) {
        throw std::runtime_error("not a CX patient id (EXT^^^&ROOT&ISO)");
    }
    return parsed->id;
}

void replace_all(std::string& text, std::string_view from, std::string_view to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
}

// Drops an XML declaration and comments before the root element.
std::string_view strip_prolog(std::string_view xml) {
    while (true) {
        const auto open = xml.find('<');
        if (open == std::string_view::npos) {
            return xml;
        }
        xml.remove_prefix(open);
        if (xml.starts_with("<?")) {
            xml.remove_prefix(xml.find("?>") + 2);
        } else if (xml.starts_with("<!--")) {
            xml.remove_prefix(xml.find("-->") + 3);
        } else {
            return xml;
        }
    }
}

// The seal credential named `seal` in the dev PKI, loaded once per process: decoding the PEM key
// through OpenSSL 3 costs about as much as signing an assertion with it.
const trust::xmldsig::signing_credential& seal_credential(const std::filesystem::path& pki,
                                                          const std::string& seal) {
    static std::mutex mutex;
    static std::map<std::filesystem::path, trust::xmldsig::signing_credential> loaded;
    const std::lock_guard lock(mutex);
    const auto key = pki / seal;
    if (const auto found = loaded.find(key); found != loaded.end()) {
        return found->second;
    }
    auto credential =
        trust::xmldsig::signing_credential::load(pki / (seal + ".pem"), pki / (seal + ".key"));
    if (!credential) {
        throw std::runtime_error("cannot load " + seal);
    }
    return loaded.emplace(key, std::move(*credential)).first->second;
}

trust::xml::instant now_ms() {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now());
}

}  // namespace

std::string personnummer_cx(std::string_view personnummer) {
    return std::string(personnummer) + "^^^&" + std::string(translators::sweden::personnummer_oid) +
           "&ISO";
}

std::string patient_cx(std::string_view patient) {
    return patient.find('^') != std::string_view::npos ? std::string(patient)
                                                       : personnummer_cx(patient);
}

std::string security_header(const sources& from, const caller_claims& claims) {
    const auto& seal = seal_credential(from.pki, claims.seal);
    trust::saml::hcp_claims hcp;
    hcp.id = trust::saml::make_assertion_id().value();
    hcp.country = claims.country;
    hcp.name_id = "apteekkari@example.fi";
    hcp.subject_name = "Testi Apteekkari";
    hcp.role = {claims.role_code, "",
                std::string(trust::saml::isco_role_display_name(claims.role_code).value_or(""))};
    hcp.organization = "Testiapteekki";
    hcp.organization_id = claims.organization_id;
    hcp.facility_type = "Pharmacy";
    hcp.locality = "Helsinki";
    hcp.permissions = claims.permissions;
    hcp.home_community_id = "urn:oid:2.999.246.1.1";
    hcp.issued_at = now_ms() - claims.issued_ago;
    if (claims.validity.count() > 0) {
        hcp.validity = claims.validity;
    }
    std::vector<std::string> assertions{trust::saml::issue_hcp_assertion(hcp, seal).value()};
    if (!claims.trc_patient.empty()) {
        trust::saml::trc_claims trc;
        trc.id = trust::saml::make_assertion_id().value();
        trc.country = claims.country;
        trc.name_id = hcp.name_id;
        trc.patient_id = claims.trc_patient;
        trc.hcp_assertion_id = hcp.id;
        trc.issued_at = hcp.issued_at;
        if (claims.validity.count() > 0) {
            trc.validity = claims.validity;
        }
        assertions.push_back(trust::saml::issue_trc_assertion(trc, seal).value());
    }
    return gateway::soap::write_security_header(assertions);
}

std::string soap_envelope(std::string_view action, std::string_view security, std::string_view body,
                          std::string_view message_id) {
    gateway::soap::addressing headers;
    headers.action = action;
    headers.message_id = message_id;
    return gateway::soap::write_request_envelope(headers, security, strip_prolog(body));
}

std::string xcpd_body(const sources& from, std::string_view personnummer,
                      std::string_view receiver) {
    std::string body = request_body(from, "xcpd-request.body.xml");
    replace_all(body, personnummer_id_attributes(written_personnummer),
                personnummer_id_attributes(personnummer));
    replace_all(body, R"(<id root="2.999.752.1.1"/>)",
                R"(<id root=")" + std::string(receiver) + R"("/>)");
    return body;
}

std::string xcpd_body_for(const sources& from, std::string_view patient_cx,
                          std::string_view receiver) {
    const auto patient = patient_of_cx(patient_cx);
    std::string body = xcpd_body(from, written_personnummer, receiver);
    replace_all(body, personnummer_id_attributes(written_personnummer),
                id_attributes(patient.root, patient.extension));
    return body;
}

std::string xca_query_body(const sources& from, std::string_view patient_cx) {
    std::string body = request_body(from, "xca-query-eprescription.body.xml");
    replace_all(body, trust::xml::escaped(personnummer_cx(written_personnummer)),
                trust::xml::escaped(patient_cx));
    return body;
}

std::string xca_retrieve_body(const sources& from, std::string_view document_unique_id,
                              std::string_view repository) {
    std::string body = request_body(from, "xca-retrieve.body.xml");
    replace_all(body, "<ns5:RepositoryUniqueId>2.999.752.1.1<",
                "<ns5:RepositoryUniqueId>" + std::string(repository) + "<");
    replace_all(body, "2.999.752.1.2.9^5e020001-0000-4000-8000-000000000001.L3",
                trust::xml::escaped(document_unique_id));
    return body;
}

std::string xdr_body(const sources& from, std::string_view patient_cx,
                     std::string_view prescription_id, std::string_view dispensation_number,
                     bool discard) {
    // The body and its eD dispense Tolvan's metformin prescription as dispensation 900000001
    // (requests/README.md): point them at the prescription, patient and number asked for.
    constexpr std::string_view written_prescription = "5e020001-0000-4000-8000-000000000001";
    constexpr std::string_view written_number = "900000001";
    std::string body = request_body(from, "xdr-edispensation.body.xml");
    const auto [first, last] = inline_document_span(body);
    std::string ed = trust::encoding::base64_decode(body.substr(first, last - first)).value();
    if (const auto caret = prescription_id.find('^'); caret != std::string_view::npos) {
        const std::string root(prescription_id.substr(0, caret));
        const std::string_view extension = prescription_id.substr(caret + 1);
        replace_all(ed, id_attributes(swedish_prescription_root, written_prescription),
                    id_attributes(root, extension));
        replace_all(
            ed, id_attributes(std::string(swedish_prescription_root) + ".1", written_prescription),
            id_attributes(root + ".1", extension));
        replace_all(ed, written_prescription, extension);
    } else {
        replace_all(ed, written_prescription, prescription_id);
    }
    replace_all(ed, written_number, dispensation_number);
    // NCP-B puts the patient id it learnt from our XCPD answer in the eD.
    const auto patient = patient_of_cx(patient_cx);
    replace_all(ed, personnummer_id_attributes(written_personnummer),
                id_attributes(patient.root, patient.extension));
    body.replace(first, last - first, trust::encoding::base64_encode(ed));
    replace_all(body, trust::xml::escaped(personnummer_cx(written_personnummer)),
                trust::xml::escaped(patient_cx));
    replace_all(body, written_number, dispensation_number);
    if (discard) {
        replace_all(body, R"(nodeRepresentation="urn:epSOS:ep:dis:2010")",
                    R"(nodeRepresentation="urn:eHDSI:ed:discard:2020")");
        replace_all(body, R"(nodeRepresentation="60593-1")",
                    R"(nodeRepresentation="DISCARD-60593-1")");
        replace_all(body, "2.999.246.1.5.1." + std::string(dispensation_number),
                    "2.999.246.1.5.9." + std::string(dispensation_number));
    }
    return body;
}

std::pair<std::size_t, std::size_t> inline_document_span(const std::string& body) {
    const auto open = body.find("<xdr:Document id=");
    const auto first = open == std::string::npos ? open : body.find('>', open);
    const auto last = first == std::string::npos ? first : body.find("</xdr:Document>", first);
    if (last == std::string::npos) {
        throw std::runtime_error("the ITI-41 body has no inline xdr:Document");
    }
    return {first + 1, last};
}

}  // namespace ncpeh::samples::foreign_ncp
