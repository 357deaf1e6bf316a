#include "gateway/ncp_b/pharmacist_assertions.hpp"

#include <algorithm>

#include "trust/saml/assertion_id.hpp"
#include "trust/saml/isco_role.hpp"
#include "trust/saml/issue_assertion.hpp"
#include "trust/saml/transaction.hpp"

namespace ncpeh::gateway::ncp_b {

namespace {

using trust::saml::transaction;

// Every permission some eP/eD transaction needs: a pharmacist identifies, lists, retrieves,
// dispenses and discards.
std::vector<std::string> pharmacist_permissions() {
    std::vector<std::string> all;
    for (const transaction tx :
         {transaction::xcpd, transaction::xca_list, transaction::xca_retrieve,
          transaction::xdr_dispense, transaction::xdr_discard}) {
        for (const std::string_view code : trust::saml::required_permissions(tx)) {
            if (std::find(all.begin(), all.end(), code) == all.end()) {
                all.emplace_back(code);
            }
        }
    }
    return all;
}

trust::xml::instant instant_of(std::chrono::system_clock::time_point t) {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(t);
}

}  // namespace

std::optional<std::string_view> isco_role_of(std::string_view profession) noexcept {
    if (profession == "AP") {
        return "2262";
    }
    if (profession == "RC") {
        return "3213";
    }
    return std::nullopt;
}

result<issued_assertion> issue_pharmacist_assertion(const assertion_issuer& issuer,
                                                    const pharmacy& at, const pharmacist& who,
                                                    std::chrono::system_clock::time_point now,
                                                    std::chrono::seconds validity) {
    const auto role = isco_role_of(who.profession);
    const auto display = role ? trust::saml::isco_role_display_name(*role) : std::nullopt;
    if (!display) {
        return make_error(errc::pharmacist_not_licensed,
                          "the profession is not one that dispenses medicines (apotekare or "
                          "receptarie)")
            .with("profession", who.profession);
    }
    auto id = trust::saml::make_assertion_id();
    if (!id) {
        return id.error();
    }
    trust::saml::hcp_claims claims;
    claims.id = *id;
    claims.country = issuer.country;
    claims.name_id = who.legitimationskod;
    claims.subject_name = who.name;
    claims.role = {std::string(*role), "", std::string(*display)};
    claims.organization = at.name;
    claims.organization_id = at.organization_id;
    claims.facility_type = "Pharmacy";
    claims.locality = at.locality;
    claims.permissions = pharmacist_permissions();
    claims.home_community_id = issuer.home_community_id;
    claims.issued_at = instant_of(now);
    claims.validity = validity;
    auto xml = trust::saml::issue_hcp_assertion(claims, *issuer.seal->current());
    if (!xml) {
        return xml.error();
    }
    return issued_assertion{std::move(*xml), std::move(*id), now + validity};
}

result<issued_assertion> issue_treatment_assertion(const assertion_issuer& issuer,
                                                   const pharmacist& who,
                                                   std::string_view hcp_assertion_id,
                                                   std::string_view patient_cx,
                                                   std::chrono::system_clock::time_point now,
                                                   std::chrono::seconds validity) {
    auto id = trust::saml::make_assertion_id();
    if (!id) {
        return id.error();
    }
    trust::saml::trc_claims claims;
    claims.id = *id;
    claims.country = issuer.country;
    claims.name_id = who.legitimationskod;
    claims.patient_id = std::string(patient_cx);
    claims.hcp_assertion_id = std::string(hcp_assertion_id);
    claims.issued_at = instant_of(now);
    claims.validity = validity;
    auto xml = trust::saml::issue_trc_assertion(claims, *issuer.seal->current());
    if (!xml) {
        return xml.error();
    }
    return issued_assertion{std::move(*xml), std::move(*id), now + validity};
}

}  // namespace ncpeh::gateway::ncp_b
