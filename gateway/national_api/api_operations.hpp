#pragma once

#include <boost/asio/awaitable.hpp>

#include "gateway/national_api/national_api.hpp"

namespace ncpeh::gateway::national_api {

// One function per operation of `api_routes.hpp`; each reads top to bottom and returns the
// reply or the error the pharmacy system gets.

/// POST sessions: {legitimationskod, name, profession} → the licence checked in the national
/// register, the HCP assertion issued, 201 {token, sessionId, expiresAt, pharmacist, pharmacy}.
boost::asio::awaitable<result<api_reply>> start_session(const api_call& call);

/// GET countries → {countries: [{country, homeCommunityId, services, searchMask}]}.
boost::asio::awaitable<result<api_reply>> list_countries(const api_call& call);

/// POST foreign-patients/$identify: {country, identifiers: [{oid, value}], name?, birthDate?,
/// gender?} → XCPD → {country, patients: [{id, identifiers, name, birthDate, gender}]}; the
/// patients are remembered as identified in the session (their TRC assertions may be issued).
boost::asio::awaitable<result<api_reply>> identify_patient(const api_call& call);

/// GET foreign-patients/{id}/eprescriptions?country=CC → XCA query → {country, patientId,
/// eprescriptions: [{documentId, repositoryUniqueId, homeCommunityId, level, pdfDocumentId,
/// title, product, atc, doseForm, strength, dispensable, created}]}.
boost::asio::awaitable<result<api_reply>> list_eprescriptions(const api_call& call);

/// GET foreign-patients/{id}/eprescriptions/{documentId}?country=CC → XCA retrieve → the
/// Swedish view (FHIR Bundle, with the Swedish candidate products), or with
/// `Accept: application/pdf` the PDF of the L1 document.
boost::asio::awaitable<result<api_reply>> retrieve_eprescription(const api_call& call);

/// POST foreign-dispensations: {country, patientId, documentId, medicationDispense} → 201
/// delivered, 202 queued, 200 the same dispensation reported before.
boost::asio::awaitable<result<api_reply>> submit_dispensation(const api_call& call);

/// GET foreign-dispensations/{id} → the record of this pharmacy's dispensation.
boost::asio::awaitable<result<api_reply>> dispensation_status(const api_call& call);

/// POST foreign-dispensations/{id}/$discard → 201 delivered, 202 queued.
boost::asio::awaitable<result<api_reply>> discard_dispensation(const api_call& call);

/// GET patients/{personnummer}/cross-border-access[?_count=N&cursor=C], patient e-services
/// only → {patient: {oid, value}, entries: [{at, action, transaction, country, organization,
/// pharmacist: {name, role: {code, display}}, documents, outcome, error}], next}: the patient's
/// country-A transactions from the audit trail, newest first, at most 100 a page (default 20).
/// A protected identity has no entries except for the register's own client. The access is
/// recorded in the audit trail (`patient-access`) before the answer; unrecorded, nothing is
/// answered (503). Errors: `invalid_argument` (400) for a malformed personnummer, `_count` or
/// cursor; the national store's when it cannot say whether the identity is protected.
boost::asio::awaitable<result<api_reply>> cross_border_access(const eservice_call& call);

}  // namespace ncpeh::gateway::national_api
