#pragma once

#include <boost/json/value.hpp>

#include <string>

#include "trust/error/error.hpp"

namespace ncpeh::gateway::national_store {

/// Maps a refusal of the store (HTTP status + OperationOutcome body, its code in
/// `uris::store_error_system`) to the project error listed on `store`, with context
/// "store_code" (the OperationOutcome code, "none" without one) and "http_status". Pure.
ncpeh::error map_store_failure(unsigned http_status, const boost::json::value& body);

/// `national_store_unreachable` (4103): no connection, a broken one, a time-out.
ncpeh::error store_unreachable(std::string message);

/// `national_data_access_failure` (4104): the store answered with something unusable.
ncpeh::error bad_store_answer(std::string message);

}  // namespace ncpeh::gateway::national_store
