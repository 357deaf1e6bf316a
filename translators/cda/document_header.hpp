#pragma once

#include <string>
#include <vector>

#include "translators/cda/data_types.hpp"
#include "translators/cda/participants.hpp"

namespace ncpeh::translators::cda {

/// The ClinicalDocument header shared by eP (L3 and L1) and eD documents
/// (art-decor templates 1.3.6.1.4.1.12559.11.10.1.3.1.1.1 / .1.2 / .1.6, 2024-04-19).
struct document_header {
    std::string template_id;         ///< document template root
    std::string template_extension;  ///< e.g. "-DISCARD" marks an eD discard when present
    instance_identifier id;
    coded_value code;  ///< 57833-6 (eP) or 60593-1 (eD)
    std::string title;
    std::string effective_time;   ///< CDA TS with UTC offset
    coded_value confidentiality;  ///< N / R / V
    std::string language_code;    ///< ll-CC (eHDSILanguage)
    instance_identifier set_id;
    std::string version_number;
    cda::patient patient;
    std::vector<author> authors;
    organization custodian;
    std::string legal_authentication_time;
    assigned_entity legal_authenticator;
    /// relatedDocument[@typeCode='XFRM']/parentDocument/id: the national source record.
    std::vector<instance_identifier> parent_document_ids;
    friend bool operator==(const document_header&, const document_header&) = default;
};

/// confidentialityCode N ("normal", HL7 Confidentiality): what every document the gateway
/// writes carries.
coded_value normal_confidentiality();

}  // namespace ncpeh::translators::cda
