#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ncpeh::samples::foreign_ncp {

// A foreign NCP-B (Finland, by default) calling Sweden as country A: assertions signed with the
// dev PKI and the project's own request bodies (samples/foreign-ncp/requests, written in the
// shape OpenNCP peers send) adapted to the patient and document asked for. Used by the
// `foreign-ncp` demo and load tool and by the integration tests; needs nothing outside the
// repository. Errors (unreadable files, a body that changed shape) throw std::runtime_error: this
// is tooling.

/// Our home community id and prescription id root in config/ncpeh.example.toml.
inline constexpr std::string_view swedish_hcid = "2.999.752.1.1";
inline constexpr std::string_view swedish_prescription_root = "2.999.752.1.2";

/// Where the tool finds its inputs.
struct sources {
    std::filesystem::path pki;       ///< samples/pki/generated
    std::filesystem::path requests;  ///< samples/foreign-ncp/requests
};

/// What the caller asserts.
struct caller_claims {
    std::string seal = "fi-seal";  ///< dev-PKI credential (file stem) that signs the assertions
    std::string country = "FI";
    std::vector<std::string> permissions = {"PRD-004", "PRD-006", "PRD-010", "PPD-046"};
    /// TRC subject (CX); empty = no TRC assertion.
    std::string trc_patient;
    std::string organization_id = "urn:oid:1.2.246.10.1";
    /// The professional's ISCO role (2262: pharmacists).
    std::string role_code = "2262";
    /// How long before now the assertions say they were issued (negative: in the future).
    std::chrono::seconds issued_ago{0};
    /// How long the assertions are valid; 0 = the issuer's default (HCP 4 h, TRC 2 h). A short
    /// lifetime lets a long load run reach a steady state in the gateway's replay cache, which
    /// keeps each assertion until its NotOnOrAfter plus the clock skew.
    std::chrono::seconds validity{0};
};

/// The CX of a personnummer: `NNNNNNNNNNNN^^^&1.2.752.129.2.1.3.1&ISO`.
std::string personnummer_cx(std::string_view personnummer);

/// The CX of a patient named on the command line: a CX (`EXT^^^&ROOT&ISO`, e.g. a Finnish
/// patient of `foreign-ncp serve`) as it is, anything else as a personnummer.
std::string patient_cx(std::string_view patient);

/// `<wsse:Security>` (`gateway::soap::write_security_header`) with a freshly signed HCP
/// assertion and, when `trc_patient` is set, a TRC assertion pointing at it.
std::string security_header(const sources& from, const caller_claims& claims);

/// A SOAP 1.2 envelope (`gateway::soap::write_request_envelope`): WS-Addressing Action and
/// MessageID, `security` (may be empty) and `body` (its XML declaration and comments before the
/// root element removed).
std::string soap_envelope(
    std::string_view action, std::string_view security, std::string_view body,
    std::string_view message_id = "urn:uuid:6d0f4c3e-0000-4000-8000-000000000001");

/// The XCPD body with `personnummer` as livingSubjectId and us as the receiver.
std::string xcpd_body(const sources& from, std::string_view personnummer,
                      std::string_view receiver = swedish_hcid);
/// The XCPD body with the patient of a CX as livingSubjectId (root and extension) and the
/// community `receiver` as the receiver. Throws when `patient_cx` is not a CX.
std::string xcpd_body_for(const sources& from, std::string_view patient_cx,
                          std::string_view receiver);
/// The XCA ePrescription query body for `patient_cx`.
std::string xca_query_body(const sources& from, std::string_view patient_cx);
/// The XCA retrieve body asking for `document_unique_id` from `repository`.
std::string xca_retrieve_body(const sources& from, std::string_view document_unique_id,
                              std::string_view repository = swedish_hcid);
/// The Finnish pharmacy's eDispensation (inline in the ITI-41 body) rewritten to dispense the
/// Swedish prescription `prescription_id` for `patient_cx`; `dispensation_number` makes its
/// supply id (the idempotency key) and its document id (`2.999.246.1.5.9^<number>.eD`) unique.
/// `discard` turns it into the discard of that dispensation. A `prescription_id` given as
/// `root^extension` names another country's prescription: inFulfillmentOf/order/id becomes
/// {root, extension} and the REFR item id {root.1, extension}. The eD's recordTarget id is the
/// CX's root and extension.
std::string xdr_body(const sources& from, std::string_view patient_cx,
                     std::string_view prescription_id, std::string_view dispensation_number,
                     bool discard = false);

/// Where the base64 content of the first inline `<xdr:Document id="…">` is in an ITI-41 body:
/// [first, last). Throws when there is none. (std::regex overflows the stack on such texts.)
std::pair<std::size_t, std::size_t> inline_document_span(const std::string& body);

}  // namespace ncpeh::samples::foreign_ncp
