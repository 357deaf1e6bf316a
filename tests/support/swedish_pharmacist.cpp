#include "tests/support/swedish_pharmacist.hpp"

namespace ncpeh::testing {

swedish_pharmacist_claims make_swedish_pharmacist_claims(std::string hcp_id, std::string trc_id,
                                                         trust::xml::instant issued_at) {
    swedish_pharmacist_claims claims;
    auto& hcp = claims.hcp;
    hcp.id = std::move(hcp_id);
    hcp.country = "SE";
    hcp.name_id = "apotekare.testsson@example.se";
    hcp.subject_name = "Testa Apotekare";
    hcp.role = {"2262", "", "Pharmacists"};
    hcp.organization = "Testapoteket";
    hcp.organization_id = "urn:oid:2.999.752.1.3.1";
    hcp.facility_type = "Pharmacy";
    hcp.locality = "Kalmar";
    hcp.permissions = {"PRD-004", "PRD-006", "PRD-010", "PPD-046"};
    hcp.home_community_id = "urn:oid:2.999.752.1.1";
    hcp.issued_at = issued_at;
    auto& trc = claims.trc;
    trc.id = std::move(trc_id);
    trc.country = "SE";
    trc.name_id = hcp.name_id;
    trc.patient_id = "191212121212^^^&1.2.752.129.2.1.3.1&ISO";
    trc.hcp_assertion_id = hcp.id;
    trc.issued_at = issued_at;
    return claims;
}

}  // namespace ncpeh::testing
