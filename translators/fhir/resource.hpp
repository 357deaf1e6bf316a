#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <string_view>
#include <variant>

#include "translators/fhir/consent.hpp"
#include "translators/fhir/location.hpp"
#include "translators/fhir/medication.hpp"
#include "translators/fhir/medication_dispense.hpp"
#include "translators/fhir/medication_request.hpp"
#include "translators/fhir/operation_outcome.hpp"
#include "translators/fhir/patient.hpp"
#include "translators/fhir/practitioner.hpp"
#include "trust/error/error.hpp"

namespace ncpeh::translators::fhir {

/// Any resource the model types; other resource types are kept as their JSON object (so a
/// Provenance or List in a bundle survives a round trip untouched).
using resource =
    std::variant<patient, medication_request, medication_dispense, consent, operation_outcome,
                 medication, practitioner, location, boost::json::object>;

/// Reads a resource, choosing the type by `resourceType`. Errors: `errc::fhir_malformed`
/// (not an object, no resourceType, or the typed reader's error).
result<resource> parse_resource(const boost::json::value& json);
boost::json::object to_json(const resource& r);

/// The `resourceType` of `r`.
std::string_view resource_type_of(const resource& r) noexcept;

/// Parses JSON text (the only place the FHIR side turns bytes into JSON). Errors:
/// `errc::fhir_malformed` with Boost.JSON's message and the byte offset; the parser's depth
/// limit is 64.
result<boost::json::value> parse_json_text(std::string_view text);

}  // namespace ncpeh::translators::fhir
