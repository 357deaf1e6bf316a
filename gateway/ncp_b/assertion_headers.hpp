#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "gateway/ncp_b/care_setting.hpp"
#include "gateway/ncp_b/pharmacist_assertions.hpp"

namespace ncpeh::gateway::ncp_b {

/// The `<wsse:Security>` header of a call, and the IDs of its assertions.
struct patient_security {
    std::string header;
    std::string trc_assertion_id;  ///< empty without a patient
    std::string hcp_assertion_id;
};

/// A fresh HCP assertion for the session's pharmacist and, when `patient_cx` is not empty, a
/// fresh TRC assertion for that patient, both valid for 10 minutes or until the session ends.
/// Fresh for every call: strict peers (ncpeh among them) refuse an assertion ID they have seen
/// before. Errors: `errc::session_invalid` when the session has ended; the issuing errors.
result<patient_security> security_for_patient(const assertion_issuer& issuer,
                                              const pharmacist_session& session,
                                              std::string_view patient_cx,
                                              std::chrono::system_clock::time_point now);

/// A fresh HCP assertion for `who` at `at` (valid 10 minutes) and a TRC for `patient_cx`: what a
/// delivery retried after the session ended carries.
result<patient_security> fresh_security_for_patient(const assertion_issuer& issuer,
                                                    const pharmacy& at, const pharmacist& who,
                                                    std::string_view patient_cx,
                                                    std::chrono::system_clock::time_point now);

}  // namespace ncpeh::gateway::ncp_b
