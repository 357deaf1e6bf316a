#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <vector>

#include "translators/fhir/datatypes.hpp"
#include "trust/error/error.hpp"

namespace ncpeh::translators::fhir {

/// A Location: the prescriber's contact details (NLLPrescriberLocation, contained, identified by
/// organisationsnummer `urn:oid:2.5.4.97`) or a pharmacy (GLN).
struct location {
    std::string id;
    std::vector<identifier> identifiers;
    std::string name;
    std::vector<contact_point> telecom;
    std::optional<fhir::address> address;
    std::vector<extension> extensions;
    boost::json::object unknown;
    friend bool operator==(const location&, const location&) = default;
};

/// Errors: `errc::fhir_malformed`.
result<location> parse_location(const boost::json::value& json);
boost::json::object to_json(const location& l);

}  // namespace ncpeh::translators::fhir
