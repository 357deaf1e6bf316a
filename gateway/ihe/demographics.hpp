#pragma once

#include <libxml/tree.h>

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

// Both XCPD messages carry these (the request's parameters, the response's patientPerson), in
// the HL7v3 namespace; the writers emit unprefixed elements (urn:hl7-org:v3 is the default
// namespace of the XCPD writers).

/// The parts of an HL7v3 PN element: the first `family` and every `given`, trimmed.
person_name person_name_of(const xmlNode& name);

/// The parts of an HL7v3 AD element: `streetName` (else `streetAddressLine`), `city`,
/// `postalCode`, `country`, trimmed; empty when absent.
postal_address postal_address_of(const xmlNode& address);

/// Appends the PN parts: each `given`, then `family` when not empty.
void append_person_name_parts(std::string& out, const person_name& name);

/// Appends the AD parts that are not empty: `streetAddressLine`, `city`, `postalCode`, `country`.
void append_postal_address_parts(std::string& out, const postal_address& address);

}  // namespace ncpeh::gateway::ihe
