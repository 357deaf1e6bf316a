#pragma once

#include <boost/asio/awaitable.hpp>

#include <string>

#include "gateway/ncp_b/care_setting.hpp"
#include "gateway/ncp_b/country_b.hpp"
#include "trust/xml/document.hpp"

namespace ncpeh::gateway::ncp_b {

struct retrieve_request {
    std::string country;
    std::string patient_id;   ///< CX of the patient identified in this session
    std::string document_id;  ///< XDS uniqueId, as listed
    /// As listed; empty: the partner's home community id (what OpenNCP peers use).
    std::string repository_unique_id;
};

/// One retrieved document, checked to be about the identified patient.
struct retrieved_eprescription {
    std::string cda;  ///< the bytes as received
    trust::xml::document document;
};

/// XCA retrieve (ITI-39) of one ePrescription document (L3 or L1), top to bottom: a fresh TRC
/// for the patient, the request, the answer's document parsed through the hardened parser, and
/// the check that its recordTarget is the identified patient — another person's prescription
/// never reaches the pharmacist: it is refused (`document_patient_mismatch`) and audited.
/// Audited ("ncp-b-xca-retrieve"). Errors: `country_unknown`, `document_not_found`,
/// `document_patient_mismatch`, `foreign_ncp_answer_invalid` (not a CDA document), the foreign
/// NCP-A's refusal, `foreign_ncp_*`; the audit trail's.
boost::asio::awaitable<result<retrieved_eprescription>> retrieve_eprescription(
    const country_b_settings& settings, country_b_services& services,
    const pharmacist_session& session, const retrieve_request& request);

}  // namespace ncpeh::gateway::ncp_b
