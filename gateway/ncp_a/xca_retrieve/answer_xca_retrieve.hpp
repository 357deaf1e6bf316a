#pragma once

#include <boost/asio/awaitable.hpp>

#include "gateway/ncp_a/exchange.hpp"
#include "gateway/ncp_a/partner_gate.hpp"
#include "gateway/ncp_a/responder_settings.hpp"

namespace ncpeh::gateway::ncp_a::xca_retrieve {

/// ITI-39 Cross Gateway Retrieve of ePrescription documents as country A (ehdsi-protocol.md §4).
/// Stages, in order (OpenNCP validates the assertions only after fetching; we do it first):
/// 1. HCP + TRC verified for the retrieve (`verify_caller`);
/// 2. RetrieveDocumentSetRequest parsed; the TRC's patient must be a Swedish personnummer;
/// 3. national store: patient, consents (none → 4701);
/// 4. per DocumentRequest: our repository and a document id we issued (else
///    XDSMissingDocument); the prescription read and checked to belong to the TRC patient and
///    to still pass the cross-border filter; translated now to L3 or L1;
/// 5. audit, then RetrieveDocumentSetResponse, always MTOM (§8), the documents as attachments.
boost::asio::awaitable<net::response> answer_xca_retrieve(const responder_settings& settings,
                                                          responder_services& services,
                                                          const exchange& ex);

}  // namespace ncpeh::gateway::ncp_a::xca_retrieve
