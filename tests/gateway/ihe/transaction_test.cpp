#include "gateway/ihe/transaction.hpp"

#include <catch2/catch.hpp>

namespace ihe = ncpeh::gateway::ihe;
namespace saml = ncpeh::trust::saml;

TEST_CASE("each transaction is found by its request action and answers with its response action") {
    for (const auto tx : {ihe::transaction::xcpd, ihe::transaction::xca_query,
                          ihe::transaction::xca_retrieve, ihe::transaction::xdr_submit}) {
        CHECK(ihe::transaction_of_action(ihe::request_action(tx)) == tx);
        CHECK_FALSE(ihe::transaction_of_action(ihe::response_action(tx)).has_value());
    }
    CHECK(ihe::request_action(ihe::transaction::xca_query) == "urn:ihe:iti:2007:CrossGatewayQuery");
    CHECK(ihe::response_action(ihe::transaction::xcpd) ==
          "urn:hl7-org:v3:PRPA_IN201306UV02:CrossGatewayPatientDiscovery");
    CHECK(ihe::transaction_of_action("urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b") ==
          ihe::transaction::xdr_submit);
    CHECK_FALSE(ihe::transaction_of_action("urn:ihe:iti:2007:CrossGatewayQuery ").has_value());
    CHECK_FALSE(ihe::transaction_of_action("").has_value());
}

TEST_CASE("each transaction is checked against its assertion policy") {
    CHECK(ihe::assertion_policy_of(ihe::transaction::xcpd) == saml::transaction::xcpd);
    CHECK(ihe::assertion_policy_of(ihe::transaction::xca_query) == saml::transaction::xca_list);
    CHECK(ihe::assertion_policy_of(ihe::transaction::xca_retrieve) ==
          saml::transaction::xca_retrieve);
    CHECK(ihe::assertion_policy_of(ihe::transaction::xdr_submit) ==
          saml::transaction::xdr_dispense);
    CHECK(ihe::assertion_policy_of(ihe::transaction::xdr_submit, true) ==
          saml::transaction::xdr_discard);
}
