#pragma once

#include <string>

#include "trust/saml/issue_assertion.hpp"
#include "trust/xml/date_time.hpp"

namespace ncpeh::testing {

/// What a fictional Swedish pharmacist's NCP asserts (Testa Apotekare, ISCO 2262, Testapoteket,
/// the eP/eD permissions) and a TRC assertion for the seed patient 191212121212, both issued
/// at `issued_at` with the given assertion ids. Tests sign them with the dev PKI's SE seal.
struct swedish_pharmacist_claims {
    trust::saml::hcp_claims hcp;
    trust::saml::trc_claims trc;
};
swedish_pharmacist_claims make_swedish_pharmacist_claims(std::string hcp_id, std::string trc_id,
                                                         trust::xml::instant issued_at);

}  // namespace ncpeh::testing
