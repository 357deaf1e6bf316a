#pragma once

#include <libxml/tree.h>

#include <optional>
#include <string>
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

}  // namespace ncpeh::gateway::ihe
