#pragma once

#include <boost/asio/awaitable.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "gateway/ncp_a/exchange.hpp"
#include "gateway/ncp_a/responder_settings.hpp"
#include "trust/saml/verified_assertions.hpp"

namespace ncpeh::gateway::ncp_a {

/// What one transaction did, for the audit trail and the log.
struct transaction_outcome {
    std::string_view transaction;  ///< "xcpd", "xca-list", … (trust::saml::name_of)
    const trust::saml::verified_assertions* assertions = nullptr;  ///< null when refused early
    std::string patient_id;                 ///< CX; personal data, audit only
    std::vector<std::string> document_ids;  ///< listed, returned or submitted
    const error* failure = nullptr;         ///< the error answered, null on success
};

/// Records that a change to the national side begins (an `audit::outcome::started` event with
/// what `outcome` holds so far), before the national store is asked to make it: a crash between
/// the store's write and `record_outcome` then still leaves a row that says what was attempted.
/// Completes once the event is committed. Errors: the audit trail's — the caller must then not
/// touch the national store (fail closed).
boost::asio::awaitable<result<void>> record_start(responder_services& services, const exchange& ex,
                                                  const transaction_outcome& outcome);

/// Records the transaction in the audit trail, then logs one line without personal data
/// ("ncp_a.transaction": partner, transaction, outcome and code as the partner gets them, the
/// detail of an internal failure, documents, microseconds, whether it was audited).
/// Completes once the audit event is committed. Errors: the audit trail's — the caller must then
/// not answer with the result (fail closed).
boost::asio::awaitable<result<void>> record_outcome(responder_services& services,
                                                    const exchange& ex,
                                                    const transaction_outcome& outcome);

}  // namespace ncpeh::gateway::ncp_a
