#include "gateway/ihe/transaction.hpp"

#include <algorithm>
#include <array>

namespace ncpeh::gateway::ihe {

namespace {

struct actions {
    transaction tx;
    std::string_view request;
    std::string_view response;
};

constexpr std::array<actions, 4> all_actions{{
    {transaction::xcpd, "urn:hl7-org:v3:PRPA_IN201305UV02:CrossGatewayPatientDiscovery",
     "urn:hl7-org:v3:PRPA_IN201306UV02:CrossGatewayPatientDiscovery"},
    {transaction::xca_query, "urn:ihe:iti:2007:CrossGatewayQuery",
     "urn:ihe:iti:2007:CrossGatewayQueryResponse"},
    {transaction::xca_retrieve, "urn:ihe:iti:2007:CrossGatewayRetrieve",
     "urn:ihe:iti:2007:CrossGatewayRetrieveResponse"},
    {transaction::xdr_submit, "urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b",
     "urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-bResponse"},
}};

const actions& actions_of(transaction tx) noexcept {
    return all_actions[static_cast<std::size_t>(tx)];
}

}  // namespace

std::string_view request_action(transaction tx) noexcept {
    return actions_of(tx).request;
}

std::string_view response_action(transaction tx) noexcept {
    return actions_of(tx).response;
}

std::optional<transaction> transaction_of_action(std::string_view action) noexcept {
    const auto* found = std::find_if(all_actions.begin(), all_actions.end(),
                                     [action](const actions& a) { return a.request == action; });
    return found == all_actions.end() ? std::nullopt : std::optional<transaction>(found->tx);
}

trust::saml::transaction assertion_policy_of(transaction tx, bool discard) noexcept {
    switch (tx) {
        case transaction::xcpd:
            return trust::saml::transaction::xcpd;
        case transaction::xca_query:
            return trust::saml::transaction::xca_list;
        case transaction::xca_retrieve:
            return trust::saml::transaction::xca_retrieve;
        case transaction::xdr_submit:
            break;
    }
    return discard ? trust::saml::transaction::xdr_discard : trust::saml::transaction::xdr_dispense;
}

}  // namespace ncpeh::gateway::ihe
