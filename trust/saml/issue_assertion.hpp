#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "trust/error/error.hpp"
#include "trust/saml/assertion.hpp"
#include "trust/xml/date_time.hpp"
#include "trust/xmldsig/signing_credential.hpp"

namespace ncpeh::trust::saml {

/// What country B asserts about its health professional (ehdsi-protocol.md §7.1).
struct hcp_claims {
    std::string id;       ///< NCName, e.g. from `make_assertion_id`
    std::string country;  ///< ISO code of country B, e.g. "SE" → Issuer urn:idp:SE:countryB
    std::string name_id;  ///< the professional's login identity
    std::string name_id_format = "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified";
    std::string subject_name;  ///< XSPA subject-id: the professional's display name
    coded_value role;          ///< ISCO code and display name
    std::string organization;
    std::string organization_id;  ///< "urn:oid:…"; required for discards
    std::string facility_type;    ///< Hospital, Resident Physician, Pharmacy, Other
    std::string purpose_of_use = "TREATMENT";
    std::string locality;
    std::vector<std::string> permissions;  ///< codes, e.g. "PRD-004"
    std::string home_community_id;         ///< "urn:oid:…"
    std::string authn_context_class = "urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI";
    xml::instant issued_at;
    std::chrono::seconds validity = std::chrono::hours{4};
};

/// What country B's TRC service asserts about the treatment relationship (§7.2).
struct trc_claims {
    std::string id;
    std::string country;
    std::string name_id;  ///< same as the HCP's NameID
    std::string name_id_format = "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified";
    std::string patient_id;  ///< CX "EXT^^^&ROOT&ISO"
    std::string purpose_of_use = "TREATMENT";
    std::string hcp_assertion_id;  ///< Advice/AssertionIDRef
    std::optional<std::string> prescription_id;
    xml::instant issued_at;
    std::chrono::seconds validity = std::chrono::hours{2};
};

/// Issues and signs an HCP identity assertion with the seal credential; returns the
/// saml2:Assertion element as XML text, ready to be placed in wsse:Security. Role and
/// PurposeOfUse are emitted unprefixed with a default namespace declaration
/// (`<Role xmlns="urn:hl7-org:v3" …/>`) because OpenNCP peers look them up by qualified name.
/// Errors: `errc::invalid_argument` when validity exceeds 4 h or the ID is not an NCName,
/// `errc::internal` when signing fails.
result<std::string> issue_hcp_assertion(const hcp_claims& claims,
                                        const xmldsig::signing_credential& seal);

/// Issues and signs a TRC assertion (sender-vouches, PreviousSession, Advice → HCP ID).
/// Errors: as `issue_hcp_assertion`, validity at most 2 h.
result<std::string> issue_trc_assertion(const trc_claims& claims,
                                        const xmldsig::signing_credential& seal);

}  // namespace ncpeh::trust::saml
