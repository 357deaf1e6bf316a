#pragma once

#include <optional>
#include <string_view>

#include "trust/saml/transaction.hpp"

namespace ncpeh::gateway::ihe {

/// The cross-border transactions of eHDSI ePrescription, one per request wsa:Action
/// (ehdsi-protocol.md §1). Country A answers them; country B will send them.
enum class transaction {
    xcpd,          ///< ITI-55 Cross Gateway Patient Discovery
    xca_query,     ///< ITI-38 Cross Gateway Query
    xca_retrieve,  ///< ITI-39 Cross Gateway Retrieve
    xdr_submit,    ///< ITI-41 Provide and Register Document Set-b (dispensation or discard)
};

/// The wsa:Action of the transaction's request.
std::string_view request_action(transaction tx) noexcept;

/// The wsa:Action of the transaction's response.
std::string_view response_action(transaction tx) noexcept;

/// The transaction whose request carries `action`; nothing for any other action.
std::optional<transaction> transaction_of_action(std::string_view action) noexcept;

/// The assertion policy a request of `tx` is checked against. An ITI-41 submission is a
/// dispensation unless its body says it is a discard, which the action alone cannot tell.
trust::saml::transaction assertion_policy_of(transaction tx, bool discard = false) noexcept;

}  // namespace ncpeh::gateway::ihe
