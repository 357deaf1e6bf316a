#pragma once

#include <libxml/tree.h>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/ihe/demographics.hpp"
#include "gateway/ihe/instance_id.hpp"
#include "gateway/ihe/xcpd_request.hpp"
#include "trust/error/error.hpp"

namespace ncpeh::gateway::ihe {

/// What every XCPD response needs from the responder: our home community id (bare OID), the
/// response's own id and its creation time (`yyyyMMddHHmmss`, UTC). Supplied by the caller so
/// the writers stay deterministic.
struct xcpd_responder {
    std::string home_community_id;
    instance_id message_id;
    std::string creation_time;
};

/// One patient found. `id` becomes the XDS patient id peers use afterwards (root^extension).
struct patient_match {
    instance_id id;
    std::optional<person_name> name;
    std::optional<std::string> gender;      ///< HL7 AdministrativeGender code (M, F, UN)
    std::optional<std::string> birth_time;  ///< yyyyMMdd
    std::optional<postal_address> address;
    std::vector<instance_id> other_ids{};  ///< further `patient/id`s after the first, in order

    friend bool operator==(const patient_match&, const patient_match&) = default;
};

/// Where an XCPD error's detected-issue code goes inside `reasonOf/detectedIssueEvent`
/// (ehdsi-protocol.md §2): `mitigatedBy/detectedIssueManagement` (IHE codes such as
/// AnswerNotAvailable and eHDSI InsufficientRights) or `triggerFor/actOrderRequired`
/// (DemographicsQueryNotAllowed).
enum class issue_placement { mitigated_by, trigger_for };

struct detected_issue {
    std::string_view code;
    std::string_view code_system;
    issue_placement placement;
};

/// The reasonOf code for an error: patient not found, multiple matches or wrong receiver →
/// AnswerNotAvailable; demographics only → DemographicsQueryNotAllowed (triggerFor);
/// assertion/permission/consent problems → InsufficientRights; signature failures and
/// internal faults → InternalError; national store unreachable → ResponderBusy.
detected_issue detected_issue_of(errc code) noexcept;

/// `PRPA_IN201306UV02` with one registrationEvent per match (patient id, name, gender, birth
/// time, address, queryMatchObservation 100, custodian = our home community id), ack AA,
/// queryResponseCode OK. Returns one element without XML declaration, for soap::write_envelope.
std::string write_xcpd_matches(const xcpd_request& request, const xcpd_responder& responder,
                               std::span<const patient_match> matches);

/// `PRPA_IN201306UV02` for "no patient found": ack AA, queryResponseCode NF, reasonOf
/// AnswerNotAvailable and acknowledgementDetail ERROR_PI_NO_MATCH.
std::string write_xcpd_no_match(const xcpd_request& request, const xcpd_responder& responder);

/// `PRPA_IN201306UV02` for an error: ack AE, queryResponseCode AE, reasonOf from
/// `detected_issue_of(e.code)`, acknowledgementDetail code `ehdsi_code(e.code)` with the message.
/// `request` may be partially filled (a request that failed to parse): empty parts are not echoed.
std::string write_xcpd_error(const xcpd_request& request, const xcpd_responder& responder,
                             const error& e);

/// What a foreign NCP-A's XCPD answer says (queryAck/queryResponseCode).
enum class xcpd_outcome {
    found,      ///< OK: at least one patient
    not_found,  ///< NF: no patient matches (OpenNCP: acknowledgement AA)
    error,      ///< AE or QE: the query failed; `errors` says why
};

/// A foreign NCP-A's `PRPA_IN201306UV02`, as country B reads it.
struct xcpd_answer {
    xcpd_outcome outcome = xcpd_outcome::error;
    instance_id target_message_id;  ///< acknowledgement/targetMessage/id: our request's id
    std::vector<patient_match> matches;
    std::vector<error> errors;
};

/// Parses `PRPA_IN201306UV02` (the SOAP body root) from a foreign NCP-A:
/// * `outcome` from queryAck/queryResponseCode (OK, NF, AE/QE); when that is missing an
///   acknowledgement typeCode AE/AR/CE/CR still says error;
/// * `matches`: each controlActProcess/subject/registrationEvent/subject1/patient with its ids
///   (the first is `id`, the rest `other_ids`), patientPerson name, administrativeGenderCode,
///   birthTime and addr;
/// * `errors`: each acknowledgementDetail (code/@code, text; typeCode E is an error, W and I a
///   warning), then the reasonOf/detectedIssueEvent codes (mitigatedBy/detectedIssueManagement,
///   triggerFor/actOrderRequired, or OpenNCP's bare detectedIssueEvent code; severity error
///   unless the outcome is found or not_found), each through `error_from_remote` with context
///   "code_system" for the issue codes.
/// The root not being a PRPA_IN201306UV02, no controlActProcess, no status (neither
/// queryResponseCode nor an error acknowledgement), an unknown queryResponseCode, OK without any
/// patient, or a patient without id root and extension give errc::foreign_ncp_answer_invalid with
/// context "element".
result<xcpd_answer> parse_xcpd_response(const xmlNode& body_root);

}  // namespace ncpeh::gateway::ihe
