#pragma once

#include <string>
#include <vector>

namespace ncpeh::gateway::ihe {

/// A person's name as XCPD carries it (HL7v3 PN: family and given parts).
struct person_name {
    std::string family;
    std::vector<std::string> given;

    friend bool operator==(const person_name&, const person_name&) = default;
};

/// A postal address as XCPD carries it (HL7v3 AD parts used by eHDSI).
struct postal_address {
    std::string street;
    std::string city;
    std::string postal_code;
    std::string country;

    friend bool operator==(const postal_address&, const postal_address&) = default;
};

}  // namespace ncpeh::gateway::ihe
