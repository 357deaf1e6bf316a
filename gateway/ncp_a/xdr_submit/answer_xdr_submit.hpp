#pragma once

#include <boost/asio/awaitable.hpp>

#include "gateway/ncp_a/exchange.hpp"
#include "gateway/ncp_a/partner_gate.hpp"
#include "gateway/ncp_a/responder_settings.hpp"

namespace ncpeh::gateway::ncp_a::xdr_submit {

/// ITI-41 Provide and Register Document Set-b as country A: an eDispensation recorded in the
/// national store, or a discard reversing one (ehdsi-protocol.md §5). Stages, in order:
/// 1. the submission's metadata read (pure: it decides dispense or discard policy);
/// 2. HCP + TRC verified for that transaction (`verify_caller`); a metadata error is reported
///    only after the caller is verified;
/// 3. sourcePatientId must be the TRC's patient, a Swedish personnummer;
/// 4. the eD CDA parsed (hardened) and translated to an NLL MedicationDispense
///    (`make_medication_dispense`; the prescription root must be ours);
/// 5. national store: the patient; the prescription, which must be the TRC patient's;
/// 6. dispense: recorded, idempotent on the eD supply id (a resubmission returns the first
///    result, Success); discard: the dispense with that supply id is found and reversed
///    (reversing twice is harmless);
/// 7. audit, then RegistryResponse (plain SOAP).
boost::asio::awaitable<net::response> answer_xdr_submit(const responder_settings& settings,
                                                        responder_services& services,
                                                        const exchange& ex);

}  // namespace ncpeh::gateway::ncp_a::xdr_submit
