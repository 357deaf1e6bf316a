#pragma once

#include <boost/json/object.hpp>

#include <string>
#include <string_view>

#include "gateway/ncp_b/call_xcpd/identify_patient.hpp"
#include "gateway/ncp_b/call_xdr/submit_dispensation.hpp"
#include "trust/error/error.hpp"

namespace ncpeh::gateway::national_api {

// The JSON request bodies of the national API (api_operations.hpp), read from a Swedish
// pharmacy system's untrusted bytes: the Content-Type header value and the body. Each reader
// checks the shape and the required members only; what the values mean (a licence, a search
// mask, a dispense that fits the prescription) is the operation's to check.

/// POST sessions: the pharmacist who starts work.
struct session_request {
    std::string legitimationskod;
    std::string name;
    std::string profession;
};

/// The body as a JSON object. Errors: `errc::invalid_argument` for another media type than
/// application/json or application/fhir+json (parameters such as charset are allowed),
/// `errc::fhir_malformed` for a body that is not a JSON object.
result<boost::json::object> json_body(std::string_view content_type, std::string_view body);

/// {legitimationskod, name, profession}, all three non-empty strings. Errors: `json_body`'s,
/// `errc::fhir_malformed` for a member of another type, `errc::invalid_argument` for a missing
/// or empty one (context "element", e.g. "session.profession").
result<session_request> read_session_request(std::string_view content_type, std::string_view body);

/// {country, identifiers: [{oid, value}], name?: {family, given: [...]}, birthDate?, gender?};
/// the birth date (YYYY-MM-DD) comes back as yyyyMMdd and the FHIR gender as HL7's (M, F, UN).
/// Errors: `json_body`'s, `errc::fhir_malformed` for a member of another type,
/// `errc::invalid_argument` for a missing country, a birth date or gender of another form
/// (context "element", e.g. "identify.birthDate").
result<ncp_b::identify_request> read_identify_request(std::string_view content_type,
                                                      std::string_view body);

/// {country, patientId, documentId, medicationDispense}: three non-empty strings and a FHIR
/// MedicationDispense (`translators::fhir::parse_medication_dispense`). Errors: `json_body`'s,
/// `errc::fhir_malformed` for a member of another type, `errc::invalid_argument` for a missing
/// or empty one (context "element", e.g. "dispensation.documentId"), the dispense's own.
result<ncp_b::dispensation_report> read_dispensation_request(std::string_view content_type,
                                                             std::string_view body);

}  // namespace ncpeh::gateway::national_api
