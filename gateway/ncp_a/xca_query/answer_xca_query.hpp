#pragma once

#include <boost/asio/awaitable.hpp>

#include "gateway/ncp_a/exchange.hpp"
#include "gateway/ncp_a/partner_gate.hpp"
#include "gateway/ncp_a/responder_settings.hpp"

namespace ncpeh::gateway::ncp_a::xca_query {

/// ITI-38 Cross Gateway Query for a patient's ePrescriptions as country A (ehdsi-protocol.md
/// §3). Stages, in order:
/// 1. HCP + TRC verified for the ePrescription list (`verify_caller`);
/// 2. FindDocuments parsed; class code 57833-6 required;
/// 3. the query's patient must be the TRC's patient (OpenNCP continues on a mismatch; we stop)
///    and a Swedish personnummer;
/// 4. national store: patient, consents (none → 4701), active prescriptions;
/// 5. the cross-border filter (sweden-national-side §4.5) and the SE → eP translation: each
///    prescription that passes becomes an L3 + L1 pair with an XFRM association; one that
///    cannot be translated is left out and logged;
/// 6. audit, then AdhocQueryResponse: Success with the pairs, or Failure with 1101 when none.
/// Errors are RegistryErrors in the response (HTTP 200).
boost::asio::awaitable<net::response> answer_xca_query(const responder_settings& settings,
                                                       responder_services& services,
                                                       const exchange& ex);

}  // namespace ncpeh::gateway::ncp_a::xca_query
