#pragma once

#include <chrono>
#include <string>

namespace ncpeh::gateway::ncp_b {

/// The licensed pharmacist who works through ncpeh, as the national register confirmed.
struct pharmacist {
    std::string legitimationskod;
    std::string name;
    std::string profession;  ///< AP (apotekare) or RC (receptarie)
    friend bool operator==(const pharmacist&, const pharmacist&) = default;
};

/// The Swedish pharmacy the pharmacist works at (known by its system's TLS client certificate).
struct pharmacy {
    std::string gln;
    std::string name;
    std::string organization_id;  ///< "urn:oid:…"
    std::string locality;         ///< town, for the HCP assertion's locality
    friend bool operator==(const pharmacy&, const pharmacy&) = default;
};

/// A pharmacist at work: who, where, and the HCP identity assertion issued for them, which
/// every call to a foreign NCP-A carries.
struct pharmacist_session {
    std::string id;  ///< opaque, for logs and the audit trail
    ncp_b::pharmacy pharmacy;
    ncp_b::pharmacist pharmacist;
    std::string hcp_assertion;     ///< the signed saml2:Assertion, verbatim
    std::string hcp_assertion_id;  ///< its ID (the TRC assertions' Advice)
    std::chrono::system_clock::time_point expires_at;
};

}  // namespace ncpeh::gateway::ncp_b
