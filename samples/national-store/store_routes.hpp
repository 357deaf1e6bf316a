#pragma once

#include "gateway/net/http_server.hpp"
#include "samples/national-store/prescription_store.hpp"

namespace ncpeh::samples::national_store {

/// The store's FHIR-style REST API (all bodies `application/fhir+json`):
///
/// * `GET /Patient?identifier=[system|]pnr` → searchset Bundle of Patient
/// * `GET /Patient?identifier=[system|]pnr&_revinclude=Consent:patient` → the same matches,
///   then the Consents that reference them (`search.mode` include; `total` counts matches)
/// * `GET /Patient/{id}` → Patient
/// * `GET /MedicationRequest?patient={id}[&status=a,b]` → searchset Bundle (Swedish or FHIR
///   status codes)
/// * `GET /MedicationRequest/{id}` → MedicationRequest
/// * `GET /Medication/{npl-pack-id}` → Medication (product data)
/// * `GET /Medication?code=[http://www.whocc.no/atc|]ATC` → searchset Bundle of the products
///   with that (level 5) ATC code, e.g. the Swedish candidates for a foreign prescription
/// * `GET /Practitioner?identifier=[system|]legitimationskod` → searchset Bundle of the
///   register's practitioner (none or one; system the legitimationskod URI or `urn:oid:` + its
///   OID): profession as `qualification.code`, a withdrawn licence as `qualification.period.end`
///   and `active` false
/// * `GET /Practitioner/{id}` → Practitioner
/// * `POST /MedicationDispense` → 201 + the recorded dispense; 200 + the first result on a
///   replay (same NLLActorDispatchId)
/// * `GET /MedicationDispense/{id}` → MedicationDispense
/// * `GET /MedicationDispense?prescription={id}` → searchset Bundle
/// * `POST /MedicationDispense/{id}/$reverse` → 200 + the reversed dispense (status
///   entered-in-error)
/// * `GET /Consent?patient={id}` → searchset Bundle of cross-border consents
/// * `POST /Consent` → 201 + the recorded consent
/// * `GET /health` → {"status":"ok"}
/// * `GET /metadata` → a minimal CapabilityStatement (FHIR R4, JSON)
/// * `POST /` with a `batch` Bundle of reads (`request.method` GET, `request.url` any of the
///   GET paths above, relative) → 200 + a `batch-response` Bundle: per entry, in order, the
///   resource with `response.status` "200 OK", or `response.status` and `response.outcome`
///   (OperationOutcome) when that read failed. One failed read does not fail the others;
///   writes cannot be batched (405 entry); at most 64 entries (422 rule-violation).
///
/// Any other `_include` or `_revinclude` is refused with 400 `unsupported-parameter`.
/// Errors are OperationOutcome with the status of `store_error`. Paths may carry a `/fhir`
/// prefix. Never throws: unexpected failures become 500 with code `internal`.
gateway::net::response handle_store_request(prescription_store& store,
                                            gateway::net::request&& request);

/// A broken answer for fault-injection tests (`national-store --answer-fault`): `http-500`
/// gives 500 with an OperationOutcome (code `exception`), `malformed-json` a 200 whose FHIR
/// JSON is cut off in the middle.
gateway::net::response fault_answer(std::string_view fault, unsigned http_version);

}  // namespace ncpeh::samples::national_store
