#pragma once

#include <string>

#include "gateway/soap/response.hpp"
#include "trust/error/error.hpp"

namespace ncpeh::gateway::soap {

/// The SOAP 1.2 fault code an error maps to: VersionMismatch, MustUnderstand, Sender (the
/// request is at fault: parse, shape, security) or Receiver (we or the national side failed).
enum class fault_code { version_mismatch, must_understand, sender, receiver };

fault_code fault_code_of(const error& e) noexcept;

/// The HTTP status of a fault (SOAP 1.2 part 2 §7.5.1.2): 400 for Sender, 500 otherwise.
unsigned http_status_of(fault_code code) noexcept;

/// A complete SOAP 1.2 envelope holding an env:Fault for `e`. The Reason text is
/// "<eHDSI wire code>: <message>" — OpenNCP clients show the reason text. A VersionMismatch fault
/// carries the env:Upgrade header naming SOAP 1.2. `headers.action` defaults to the WS-Addressing
/// fault action when empty.
std::string write_fault(const error& e, response_addressing headers);

}  // namespace ncpeh::gateway::soap
