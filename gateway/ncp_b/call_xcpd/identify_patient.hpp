#pragma once

#include <boost/asio/awaitable.hpp>

#include <optional>
#include <string>
#include <vector>

#include "gateway/ihe/xcpd_response.hpp"
#include "gateway/ncp_b/care_setting.hpp"
#include "gateway/ncp_b/country_b.hpp"

namespace ncpeh::gateway::ncp_b {

/// What the pharmacist knows about the foreign patient: identifiers from the country's search
/// mask, optionally demographics.
struct identify_request {
    std::string country;
    std::vector<given_identifier> identifiers;
    std::optional<ihe::person_name> name;
    std::optional<std::string> gender;      ///< HL7 AdministrativeGender: M, F, UN
    std::optional<std::string> birth_date;  ///< yyyyMMdd
};

/// A patient the foreign NCP-A matched.
struct foreign_patient {
    std::string id;  ///< CX "ext^^^&root&ISO" of the first identifier: what later calls name
    ihe::patient_match match;
};

/// XCPD (ITI-55) to the patient's country, top to bottom: the country must offer eP/eD, the
/// identifiers must fit its search mask (before anything leaves Sweden), then the request goes
/// with the session's HCP assertion; the matches are answered. Every call is audited
/// ("ncp-b-xcpd"). Errors: `country_unknown`, `search_mask_violation`, `patient_not_found`
/// (NF), the foreign NCP-A's refusal (`error_from_remote`), the transport's
/// `foreign_ncp_*`; the audit trail's.
boost::asio::awaitable<result<std::vector<foreign_patient>>> identify_patient(
    const country_b_settings& settings, country_b_services& services,
    const pharmacist_session& session, const identify_request& request);

}  // namespace ncpeh::gateway::ncp_b
