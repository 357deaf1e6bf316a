#pragma once

#include <optional>
#include <string>

#include "gateway/soap/envelope.hpp"
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

/// The error a partner's answer stands for when its Body is a SOAP 1.2 env:Fault; nothing for any
/// other answer. The error is `errc::foreign_ncp_refused`, its message the fault's Reason text
/// (cut to 300 characters), and its context:
/// * "remote_code": the eHDSI code (ehdsi-protocol.md §6.2) — the word before ": " opening the
///   Reason text (as `write_fault` and OpenNCP's error messages put it), else the first code in
///   env:Detail (an element's text or its code/errorCode attribute), else the fault code's local
///   name ("Receiver", "Sender", …);
/// * "fault_code": env:Code/env:Value, its local name when it is a SOAP 1.2 code;
/// * "fault_subcode": env:Subcode/env:Value as written, when present;
/// * "fault_role": env:Role, when present.
std::optional<error> fault_of(const envelope& env);

}  // namespace ncpeh::gateway::soap
