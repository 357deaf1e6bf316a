#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <vector>

#include "translators/fhir/datatypes.hpp"
#include "trust/error/error.hpp"

namespace ncpeh::translators::fhir {

/// NLLPatient (sweden-national-side.md §6.2): a person with a personnummer or samordningsnummer.
/// Protected identities carry `meta.security` labels (`sekretessmarkering`,
/// `skyddadFolkbokforing`). Also used contained in a MedicationRequest for a patient without
/// personnummer (name + birth date only).
struct patient {
    std::string id;
    fhir::meta meta;
    std::vector<identifier> identifiers;
    std::optional<bool> active;
    std::vector<human_name> name;
    std::string gender;
    std::string birth_date;
    std::vector<extension> extensions;
    /// Members this model does not type, kept as read (written back unchanged).
    boost::json::object unknown;
    friend bool operator==(const patient&, const patient&) = default;
};

/// Reads a Patient resource. Errors: `errc::fhir_malformed` (wrong JSON types, wrong
/// resourceType). Does not validate identifiers (see `validate_resources.hpp`).
result<patient> parse_patient(const boost::json::value& json);
boost::json::object to_json(const patient& p);

/// The patient's personnummer or samordningsnummer identifier (either system, URI or OID
/// form), or nullptr.
const identifier* national_identifier(const patient& p) noexcept;

/// True when `meta.security` carries a protected-identity label (sekretessmarkering or
/// skyddad folkbokföring) — such patients are never exposed cross-border (§4.5).
bool has_protected_identity(const patient& p) noexcept;

}  // namespace ncpeh::translators::fhir
