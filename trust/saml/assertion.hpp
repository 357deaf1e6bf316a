#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "trust/xml/date_time.hpp"

namespace ncpeh::trust::saml {

/// The three eHDSI assertions, told apart only by Issuer/@NameQualifier.
enum class assertion_kind { hcp, trc, nok };

std::string_view name_of(assertion_kind kind) noexcept;

/// An HL7 coded element carried as an attribute value (`<Role code=… displayName=…/>`).
struct coded_value {
    std::string code;
    std::string code_system;
    std::string display_name;
};

/// Everything the eHDSI policy reads from one assertion, as found — nothing here is checked.
/// Absent fields are empty optionals / empty vectors, so the policy can name what is missing.
/// Personal data (subject ids, names) lives here: never log it without `log::personal`.
struct assertion {
    assertion_kind kind = assertion_kind::hcp;
    std::string id;
    std::optional<std::string> version;
    std::optional<xml::instant> issue_instant;
    std::optional<std::string> issuer;          ///< Issuer text ("urn:idp:DK:countryB")
    std::optional<std::string> name_id;         ///< Subject/NameID text
    std::optional<std::string> name_id_format;  ///< Subject/NameID/@Format
    std::optional<std::string> confirmation_method;
    std::optional<xml::instant> not_before;
    std::optional<xml::instant> not_on_or_after;
    std::vector<std::string> audiences;
    std::vector<std::string> advice_assertion_ids;  ///< Advice/AssertionIDRef, in order
    std::optional<xml::instant> authn_instant;
    std::optional<std::string> authn_context_class;
    bool has_signature = false;

    // Attributes (AttributeStatement). Single-valued ones keep the first value.
    std::optional<std::string> subject_id;  ///< HCP: professional's name; TRC: patient id CX
    std::optional<coded_value> role;
    std::optional<std::string> organization;
    std::optional<std::string> organization_id;
    std::optional<std::string> facility_type;
    std::optional<coded_value> purpose_of_use;
    std::optional<std::string> locality;
    std::vector<std::string> permissions;  ///< full permission URNs, exact text
    std::optional<std::string> home_community_id;
    std::optional<std::string> prescription_id;  ///< TRC, optional
};

}  // namespace ncpeh::trust::saml
