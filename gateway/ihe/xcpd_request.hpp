#pragma once

#include <libxml/tree.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/ihe/demographics.hpp"
#include "gateway/ihe/instance_id.hpp"
#include "trust/error/error.hpp"

namespace ncpeh::gateway::ihe {

/// An ITI-55 Cross Gateway Patient Discovery request (`PRPA_IN201305UV02`, ehdsi-protocol.md §2):
/// what the responder needs to answer and to echo.
struct xcpd_request {
    instance_id message_id;          ///< `id`, echoed in acknowledgement/targetMessage
    std::string creation_time;       ///< `creationTime/@value` as sent
    std::string sender_device_id;    ///< `sender/device/id/@root`: the caller's community
    std::string receiver_device_id;  ///< `receiver/device/id/@root`: should be ours
    instance_id query_id;            ///< `queryByParameter/queryId`
    std::vector<instance_id> living_subject_ids;  ///< every `livingSubjectId/value`, ≥ 1
    std::optional<std::string> gender;      ///< `livingSubjectAdministrativeGender/value/@code`
    std::optional<std::string> birth_time;  ///< `livingSubjectBirthTime/value/@value`
    std::optional<person_name> name;        ///< first `livingSubjectName/value`
    std::optional<postal_address> address;  ///< first `patientAddress/value`
};

/// Parses `PRPA_IN201305UV02` (the SOAP body root). Missing id, sender or receiver device id,
/// controlActProcess/queryByParameter/parameterList, or a livingSubjectId/value without root
/// or extension give errc::ihe_request_invalid naming the element; a request without any
/// livingSubjectId gives errc::demographics_query_not_allowed. The root element must be
/// {urn:hl7-org:v3}PRPA_IN201305UV02 (else errc::ihe_request_invalid). Errors never quote
/// patient identifiers.
result<xcpd_request> parse_xcpd_request(const xmlNode& body_root);

/// The `PRPA_IN201305UV02` country B sends a foreign NCP-A, in the shape OpenNCP peers send it
/// (ehdsi-protocol.md §2): ITSVersion XML_1.0, `id` = message_id, creationTime, versionCode
/// V3PR1, interactionId PRPA_IN201305UV02, processingCode P, processingModeCode T, acceptAckCode
/// AL, the receiver and sender devices (`append_xcpd_device`: bare community OIDs), then
/// controlActProcess (CACT/EVN, code PRPA_TE201305UV02, authorOrPerformer AUT/ASSIGNED) holding
/// the queryByParameter (`append_xcpd_query_by_parameter`). The caller gives at least one
/// livingSubjectId (eHDSI identifies by identifier; a peer refuses demographics only). Returns
/// one element without XML declaration, for soap::write_envelope; parse_xcpd_request reads it
/// back.
std::string write_xcpd_request(const xcpd_request& request);

/// Appends `queryByParameter`: queryId, statusCode new, responseModalityCode R,
/// responsePriorityCode I, an empty matchCriterionList (OpenNCP sends one), and the
/// parameterList in schema order — gender, birth time, every livingSubjectId, name, address, each
/// with its semanticsText. The request carries it; the response echoes it (ITI TF-2b
/// §3.55.4.2.2).
void append_xcpd_query_by_parameter(std::string& out, const xcpd_request& request);

enum class device_role {
    receiver,  ///< `receiver typeCode="RCV"`
    sender,    ///< `sender typeCode="SND"`
};

/// Appends the `receiver` or `sender` of an XCPD message: a device and its
/// asAgent/representedOrganization, both identified by `community` (a bare OID as `root`).
void append_xcpd_device(std::string& out, device_role role, std::string_view community);

}  // namespace ncpeh::gateway::ihe
