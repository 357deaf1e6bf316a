#pragma once

#include <boost/asio/awaitable.hpp>

#include "gateway/ncp_a/exchange.hpp"
#include "gateway/ncp_a/partner_gate.hpp"
#include "gateway/ncp_a/responder_settings.hpp"

namespace ncpeh::gateway::ncp_a::xcpd {

/// ITI-55 Cross Gateway Patient Discovery as country A (ehdsi-protocol.md §2). Stages, in order:
/// 1. HCP assertion verified for XCPD (`verify_caller`) — nothing else happens before;
/// 2. `PRPA_IN201305UV02` parsed; addressed to our home community;
/// 3. the personnummer among the livingSubjectIds (other ids, samordningsnummer: no match);
/// 4. national store: patient by personnummer, then consents;
/// 5. patient-level cross-border rules: a protected identity or a patient without
///    personnummer is answered as "not found" (never revealed); no active consent → AE with
///    InsufficientRights / 4701;
/// 6. demographics given in the query (birth date, gender) must agree, else "not found";
/// 7. audit, then `PRPA_IN201306UV02` with the patient (OK), NF, or AE.
/// Every failure is an XCPD response (HTTP 200), never a SOAP fault.
boost::asio::awaitable<net::response> answer_xcpd(const responder_settings& settings,
                                                  responder_services& services, const exchange& ex);

}  // namespace ncpeh::gateway::ncp_a::xcpd
