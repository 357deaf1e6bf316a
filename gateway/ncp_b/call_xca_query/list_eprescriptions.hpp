#pragma once

#include <boost/asio/awaitable.hpp>

#include <string>
#include <vector>

#include "gateway/ihe/xca_query_response.hpp"
#include "gateway/ncp_b/care_setting.hpp"
#include "gateway/ncp_b/country_b.hpp"

namespace ncpeh::gateway::ncp_b {

/// XCA query (ITI-38) for the ePrescriptions of a patient identified in this session, top to
/// bottom: a fresh TRC assertion for the patient, FindDocuments for class 57833-6, the answer's
/// documents (L3 pivot paired with its L1 when the partner sends both). Audited
/// ("ncp-b-xca-list"). Errors: `country_unknown`, `invalid_argument` (a patient id that is not
/// a CX), the foreign NCP-A's refusal, `foreign_ncp_*`; the audit trail's.
boost::asio::awaitable<result<std::vector<ihe::document_pair>>> list_eprescriptions(
    const country_b_settings& settings, country_b_services& services,
    const pharmacist_session& session, std::string_view country, std::string_view patient_id);

}  // namespace ncpeh::gateway::ncp_b
