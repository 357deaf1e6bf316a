#pragma once

#include <cstddef>
#include <string_view>

// The fixed identifiers of XDS metadata (IHE ITI TF-3 §4.2.5) and eHDSI document kinds
// (ehdsi-protocol.md §3 and §5). Scheme UUIDs are lower case, as every peer sends them.
namespace ncpeh::gateway::ihe::xds_id {

// --- ebRS object types, statuses, associations -----------------------------------------------
inline constexpr std::string_view stable_document_entry =
    "urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1";
inline constexpr std::string_view submission_set = "urn:uuid:a54d6aa5-d40d-43f9-88c5-b4633d873bdd";
inline constexpr std::string_view status_approved =
    "urn:oasis:names:tc:ebxml-regrep:StatusType:Approved";
inline constexpr std::string_view external_identifier_type =
    "urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:ExternalIdentifier";
inline constexpr std::string_view classification_type =
    "urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:Classification";
inline constexpr std::string_view association_type =
    "urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:Association";
/// XFRM: the source document (L1) is a transformation of the target (L3).
inline constexpr std::string_view association_xfrm = "urn:ihe:iti:2007:AssociationType:XFRM";
/// HasMember: the SubmissionSet (source) holds the DocumentEntry (target).
inline constexpr std::string_view association_has_member =
    "urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember";

// --- stored query ------------------------------------------------------------------------------
inline constexpr std::string_view find_documents = "urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d";

// --- DocumentEntry classification schemes ------------------------------------------------------
inline constexpr std::string_view class_code = "urn:uuid:41a5887f-8865-4c09-adf7-e362475b143a";
inline constexpr std::string_view type_code = "urn:uuid:f0306f51-975f-434e-a61c-c59651d33983";
inline constexpr std::string_view format_code = "urn:uuid:a09d5840-386c-46f2-b5ad-9c3699a4309d";
inline constexpr std::string_view confidentiality_code =
    "urn:uuid:f4f85eac-e6cb-4883-b524-f2705394840f";
inline constexpr std::string_view healthcare_facility_type_code =
    "urn:uuid:f33fb8ac-18af-42cc-ae0e-ed0b0bdb91e1";
inline constexpr std::string_view practice_setting_code =
    "urn:uuid:cccf5598-8b07-4b77-a05e-ae952c785ead";
inline constexpr std::string_view author = "urn:uuid:93606bcf-9494-43ec-9b4e-a7748d1a838d";
inline constexpr std::string_view event_code_list = "urn:uuid:2c6b8cb7-8b2a-4051-b291-b1ae6a575ef4";

// --- DocumentEntry and SubmissionSet external identifiers --------------------------------------
inline constexpr std::string_view entry_patient_id =
    "urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427";
inline constexpr std::string_view entry_unique_id = "urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab";
inline constexpr std::string_view submission_set_unique_id =
    "urn:uuid:96fdda7c-d067-4183-912e-bf5ee74998a8";
inline constexpr std::string_view submission_set_patient_id =
    "urn:uuid:6b5aea1a-874d-4603-a4bc-96a0a7b38446";
inline constexpr std::string_view submission_set_source_id =
    "urn:uuid:554ac39e-e3fe-47fe-b233-965d2a147832";

// --- SubmissionSet classification schemes ------------------------------------------------------
inline constexpr std::string_view submission_set_author =
    "urn:uuid:a7058bb9-b4e4-4307-ba5b-e3f0ab85e12d";
inline constexpr std::string_view content_type_code =
    "urn:uuid:aa543740-bdda-424e-8c96-df4873be8500";

// --- eHDSI class codes of XDR submissions (LOINC code system, ehdsi-protocol.md §5) -------------
/// eDispensation: classCode and typeCode of the entry, contentTypeCode of the SubmissionSet.
inline constexpr std::string_view class_dispensation = "60593-1";
/// Discard: OpenNCP's own code, in the XDS metadata only (the CDA keeps 60593-1; the translator
/// spells it as sweden_dispense_to_edispensation::discard_class_code).
inline constexpr std::string_view class_discard = "DISCARD-60593-1";

// --- eHDSI format codes ------------------------------------------------------------------------
/// L3 ePrescription, as OpenNCP NCP-A emits it (lower case).
inline constexpr std::string_view format_eprescription = "urn:epsos:ep:pre:2010";
/// L1 (PDF wrapped in a CDA); OpenNCP NCP-B recognises L1 entries by this format code.
inline constexpr std::string_view format_pdf = "urn:ihe:iti:xds-sd:pdf:2008";
/// eDispensation submitted through XDR (dispatch is exact and case-sensitive, §5).
inline constexpr std::string_view format_dispensation = "urn:epSOS:ep:dis:2010";
/// eDispensation discard submitted through XDR.
inline constexpr std::string_view format_discard = "urn:eHDSI:ed:discard:2020";

/// Whether a format code a peer sent names `format`. ASCII case-insensitive: the L3 format is
/// `urn:epsos:ep:pre:2010` at OpenNCP and DK but `urn:epSOS:ep:pre:2010` in epSOS-era code (§3).
/// For reading what peers list; the XDR dispatch of a submission stays exact (§5).
constexpr bool is_format(std::string_view code, std::string_view format) noexcept {
    if (code.size() != format.size()) {
        return false;
    }
    for (std::size_t i = 0; i < code.size(); ++i) {
        const auto lower = [](char c) {
            return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
        };
        if (lower(code[i]) != lower(format[i])) {
            return false;
        }
    }
    return true;
}

}  // namespace ncpeh::gateway::ihe::xds_id
