#pragma once

#include <string_view>

namespace ncpeh::trust::saml {

// Attribute and value URIs of the eHDSI SAML profile (ehdsi-protocol.md §7); the namespace
// URIs are in trust/xml/namespaces.hpp.

// Issuer/@NameQualifier: the only way an assertion's kind is recognised.
inline constexpr std::string_view hcp_qualifier = "urn:ehdsi:assertions:hcp";
inline constexpr std::string_view trc_qualifier = "urn:ehdsi:assertions:trc";
inline constexpr std::string_view nok_qualifier = "urn:ehdsi:assertions:nok";

inline constexpr std::string_view sender_vouches = "urn:oasis:names:tc:SAML:2.0:cm:sender-vouches";
inline constexpr std::string_view authn_class_prefix = "urn:oasis:names:tc:SAML:2.0:ac:classes:";
inline constexpr std::string_view previous_session =
    "urn:oasis:names:tc:SAML:2.0:ac:classes:PreviousSession";
inline constexpr std::string_view audience_x_border = "urn:ehdsi:assertions.audience:x-border";
inline constexpr std::string_view attrname_format_uri =
    "urn:oasis:names:tc:SAML:2.0:attrname-format:uri";

// Attribute names.
inline constexpr std::string_view attr_subject_id =
    "urn:oasis:names:tc:xspa:1.0:subject:subject-id";
inline constexpr std::string_view attr_role = "urn:oasis:names:tc:xacml:2.0:subject:role";
inline constexpr std::string_view attr_organization =
    "urn:oasis:names:tc:xspa:1.0:subject:organization";
inline constexpr std::string_view attr_organization_id =
    "urn:oasis:names:tc:xspa:1.0:subject:organization-id";
inline constexpr std::string_view attr_facility_type =
    "urn:ehdsi:names:subject:healthcare-facility-type";
inline constexpr std::string_view attr_purpose_of_use =
    "urn:oasis:names:tc:xspa:1.0:subject:purposeofuse";
inline constexpr std::string_view attr_locality =
    "urn:oasis:names:tc:xspa:1.0:environment:locality";
inline constexpr std::string_view attr_permission =
    "urn:oasis:names:tc:xspa:1.0:subject:hl7:permission";
inline constexpr std::string_view attr_home_community_id = "urn:ihe:iti:xca:2010:homeCommunityId";
inline constexpr std::string_view attr_prescription_id =
    "urn:ehdsi:names:document:document-id:prescriptionId";

/// Permission values are this prefix + code ("PRD-006"), matched exactly.
inline constexpr std::string_view permission_prefix =
    "urn:oasis:names:tc:xspa:1.0:subject:hl7:permission:";

// Role and PurposeOfUse code systems.
inline constexpr std::string_view isco_code_system = "2.16.840.1.113883.2.9.6.2.7";
inline constexpr std::string_view purpose_of_use_code_system =
    "3bc18518-d305-46c2-a8d6-94bd59856e9e";

}  // namespace ncpeh::trust::saml
