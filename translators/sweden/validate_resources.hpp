#pragma once

#include <vector>

#include "translators/fhir/consent.hpp"
#include "translators/fhir/medication_dispense.hpp"
#include "translators/fhir/medication_request.hpp"
#include "translators/fhir/patient.hpp"
#include "trust/error/error.hpp"

/// Content rules for NLL-style resources (sweden-national-side.md §6.4), on top of the shape
/// checks the parsers make. Pure functions; every problem is an `errc::fhir_invalid` error or
/// warning whose message names the element and whose "element" / "rule" context locate it.
namespace ncpeh::translators::sweden {

/// All problems found, errors and warnings.
struct validation_report {
    std::vector<ncpeh::error> problems;

    /// True when no problem has severity error (warnings allowed).
    bool ok() const noexcept;
    /// The first problem of severity error; call only when `!ok()`.
    const ncpeh::error& first_error() const;
};

/// Patient: a personnummer/samordningsnummer identifier (valid per `validate_personnummer`, and
/// the samordningsnummer system used exactly when the day field is 61–91); `birthDate`, if
/// given, equals the date in the number.
validation_report validate_patient(const fhir::patient& p);

/// MedicationRequest: id; subject `Patient/<id>` or a contained patient; requester → contained
/// prescriber with a valid förskrivarkod; product with a valid NPL-pack-id / NPL-id (GS1 check
/// digit mismatch = warning) or a varunummer; organisationsnummer on the prescriber location;
/// arbetsplatskod all digits; authoredOn and validityPeriod valid dates with end ≥ authoredOn and
/// start ≤ end; dispenses allowed ≥ 1 and = numberOfRepeatsAllowed + 1 when both given;
/// packages per uttag ≥ 1; dispense interval ≥ 0 days in UCUM `d`; remaining dispenses within
/// 0…allowed; status consistent with the Swedish status; dose quantities > 0.
validation_report validate_medication_request(const fhir::medication_request& m);

/// MedicationDispense: actor dispatch id; status; subject; product coding (NPL-pack-id valid
/// when present); quantity > 0; packages dispensed ≥ 1; whenHandedOver a valid dateTime;
/// pharmacy `Location/<GLN>` with a valid GLN (foreign pharmacies may use a non-GLN id under
/// `Location/foreign-…`). The NLL variant needs `authorizingPrescription`; the paper/foreign
/// variant needs prescription details whose prescriber is a contained Practitioner and whose
/// issue date is not after the hand-over.
validation_report validate_medication_dispense(const fhir::medication_dispense& d);

/// Consent: status in the FHIR value set, patient reference, the cross-border category,
/// provision type permit|deny, provision period dates valid with end ≥ start.
validation_report validate_consent(const fhir::consent& c);

}  // namespace ncpeh::translators::sweden
