#pragma once

#include <boost/json/object.hpp>

#include "trust/error/error.hpp"

namespace ncpeh::gateway::national_api {

/// The HTTP status that says whose fault `e` is (issue #14): 4xx the pharmacy system's request
/// (400 unusable input, 401 no valid session, 403 not allowed, 404 unknown, 405 wrong method,
/// 422 a dispense or identification that cannot be accepted), 502 the foreign NCP-A answered
/// an error or something unusable, 504 it did not answer in time, 503 ncpeh or the Swedish
/// national side cannot work now, 500 a bug.
unsigned http_status_of(const error& e) noexcept;

/// The FHIR OperationOutcome body for `e`: one issue (severity error, the FHIR issue type of
/// the status) with `details.coding` naming ncpeh's error (`uris::ncpeh_error_system`), its
/// eHDSI wire code (`uris::ehdsi_error_system`) and, when the foreign NCP-A sent one, its own
/// code (`uris::foreign_ncp_error_system`); `diagnostics` is the message a pharmacy may see
/// (`message_for_partner`), `expression` the request element at fault when known.
boost::json::object operation_outcome_of(const error& e);

}  // namespace ncpeh::gateway::national_api
