#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <string>
#include <vector>

#include "translators/fhir/datatypes.hpp"
#include "trust/error/error.hpp"

namespace ncpeh::translators::fhir {

/// NLLPractitioner, always contained: a prescriber (förskrivarkod, profession `LK`), a Swedish
/// pharmacist (legitimationskod, `AP`) or a foreign prescriber of a paper/foreign prescription
/// (foreign identifier, address with country).
struct practitioner {
    std::string id;
    std::vector<identifier> identifiers;
    std::vector<human_name> name;
    std::vector<contact_point> telecom;
    std::vector<fhir::address> address;
    /// `qualification[].code`, e.g. profession-code#LK.
    std::vector<codeable_concept> qualifications;
    std::vector<extension> extensions;
    boost::json::object unknown;
    friend bool operator==(const practitioner&, const practitioner&) = default;
};

/// Errors: `errc::fhir_malformed`.
result<practitioner> parse_practitioner(const boost::json::value& json);
boost::json::object to_json(const practitioner& p);

/// The förskrivarkod identifier value, or empty.
std::string prescriber_code(const practitioner& p);

}  // namespace ncpeh::translators::fhir
