#pragma once

#include <string>
#include <vector>

#include "translators/cda/data_types.hpp"

namespace ncpeh::translators::cda {

/// representedOrganization / representedCustodianOrganization / a pharmacy.
struct organization {
    std::vector<instance_identifier> ids;
    std::string name;
    std::vector<telecom> telecoms;
    address addr;
    friend bool operator==(const organization&, const organization&) = default;
};

/// assignedAuthor / assignedEntity: a person acting for an organisation (prescriber,
/// pharmacist, legal authenticator).
struct assigned_entity {
    std::vector<instance_identifier> ids;
    address addr;
    std::vector<telecom> telecoms;
    person_name name;
    organization represented_organization;
    friend bool operator==(const assigned_entity&, const assigned_entity&) = default;
};

/// author: the prescriber of an eP, the dispenser of an eD.
struct author {
    coded_value function_code;  ///< eHDSIHealthcareProfessionalRole (ISCO-08)
    std::string time;           ///< CDA TS
    assigned_entity entity;
    friend bool operator==(const author&, const author&) = default;
};

/// recordTarget/patientRole with its patient.
struct patient {
    std::vector<instance_identifier> ids;
    address addr;
    std::vector<telecom> telecoms;
    person_name name;
    coded_value gender;      ///< eHDSIAdministrativeGender
    std::string birth_time;  ///< CDA TS (YYYYMMDD)
    friend bool operator==(const patient&, const patient&) = default;
};

}  // namespace ncpeh::translators::cda
