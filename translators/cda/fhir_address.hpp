#pragma once

#include <optional>

#include "translators/cda/data_types.hpp"
#include "translators/fhir/datatypes.hpp"

namespace ncpeh::translators::cda {

// CDA AD ↔ FHIR Address, both directions in one place.

/// A Swedish FHIR address (NLL, the pharmacist's dispensation) as CDA AD: lines, postal code,
/// city, country. The national side leaves the country out of Swedish addresses, so an empty
/// country is "SE" (the eHDSI rules demand one); an empty address is therefore `country = SE`.
address to_cda_address(const fhir::address& in);

/// A foreign document's CDA AD as a FHIR address: the street lines, then the post box as one
/// more line, postal code, city, country (state, use and nullFlavor have no place in the
/// Swedish view). Nothing when the AD has no parts.
std::optional<fhir::address> to_fhir_address(const address& in);

}  // namespace ncpeh::translators::cda
