#pragma once

#include <string_view>

/// The OIDs of the Swedish identifier systems (sweden-national-side.md §1–§3, §8.9), each
/// spelled once: as CDA/HL7v3 `id/@root` and XDS assigning authority, and, where NLL or the
/// Swedish FHIR profiles name the system `urn:oid:…`, in that form right beside it.
namespace ncpeh::translators::sweden {

/// Personnummer (Skatteverket; Inera OID list): the root under which Swedish patients are
/// identified cross-border (`191212121212^^^&1.2.752.129.2.1.3.1&ISO`).
inline constexpr std::string_view personnummer_oid = "1.2.752.129.2.1.3.1";
/// Older FHIR system of the personnummer, accepted on input (EHM 2019 test calls).
inline constexpr std::string_view personnummer_oid_urn = "urn:oid:1.2.752.129.2.1.3.1";

/// Samordningsnummer (coordination number).
inline constexpr std::string_view samordningsnummer_oid = "1.2.752.129.2.1.3.3";
inline constexpr std::string_view samordningsnummer_oid_urn = "urn:oid:1.2.752.129.2.1.3.3";

/// HSA-id as HL7 Sweden's basprofiler and the Swedish FHIR IGs name it.
inline constexpr std::string_view hsa_id_oid = "1.2.752.29.4.19";
inline constexpr std::string_view hsa_id_oid_urn = "urn:oid:1.2.752.29.4.19";
/// HSA-id in Inera's OID list; both circulate, so both are accepted.
inline constexpr std::string_view hsa_id_inera_oid = "1.2.752.129.2.1.4.1";
inline constexpr std::string_view hsa_id_inera_oid_urn = "urn:oid:1.2.752.129.2.1.4.1";

/// Organisationsnummer (the ISO/IEC 9594-6 organizationIdentifier attribute).
inline constexpr std::string_view organisationsnummer_oid = "2.5.4.97";
inline constexpr std::string_view organisationsnummer_oid_urn = "urn:oid:2.5.4.97";

/// Förskrivarkod (Socialstyrelsen).
inline constexpr std::string_view forskrivarkod_oid = "1.2.752.116.3.1.2";
/// Arbetsplatskod: seen in Inera's RIV contracts, not an official registration (§8.9).
inline constexpr std::string_view arbetsplatskod_oid = "1.2.752.29.4.71";
/// GLN, the pharmacy id (GS1).
inline constexpr std::string_view gln_oid = "1.3.88";
/// Legitimationskod has no registered OID known to the project: a placeholder under the
/// project's 2.999.752 arc (docs/development.md "Identifiers").
inline constexpr std::string_view legitimationskod_oid = "2.999.752.1.4.1";

namespace detail {
constexpr bool is_urn_of(std::string_view urn, std::string_view oid) {
    return urn.starts_with("urn:oid:") && urn.substr(8) == oid;
}
}  // namespace detail

static_assert(detail::is_urn_of(personnummer_oid_urn, personnummer_oid));
static_assert(detail::is_urn_of(samordningsnummer_oid_urn, samordningsnummer_oid));
static_assert(detail::is_urn_of(hsa_id_oid_urn, hsa_id_oid));
static_assert(detail::is_urn_of(hsa_id_inera_oid_urn, hsa_id_inera_oid));
static_assert(detail::is_urn_of(organisationsnummer_oid_urn, organisationsnummer_oid));

}  // namespace ncpeh::translators::sweden
