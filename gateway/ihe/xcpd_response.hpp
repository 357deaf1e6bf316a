#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

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

}  // namespace ncpeh::gateway::ihe
