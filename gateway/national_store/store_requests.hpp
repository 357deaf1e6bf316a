#pragma once

#include <string>
#include <string_view>

namespace ncpeh::gateway::national_store {

// The request targets of the store's API (samples/national-store/store_routes.hpp), relative to
// its base path.

/// `text` percent-encoded for a path segment or query value.
std::string encode(std::string_view text);

/// "/Patient?identifier=<personnummer system>|<personnummer>".
std::string patient_search(std::string_view personnummer);

/// "/Practitioner?identifier=<legitimationskod system>|<legitimationskod>".
std::string practitioner_search(std::string_view legitimationskod);

/// "/Medication?code=<ATC system>|<atc>".
std::string medication_search_by_atc(std::string_view atc);

/// The patient search with their consents included (`_revinclude=Consent:patient`), without
/// the leading slash, as a batch entry names it.
std::string patient_with_consents_search(std::string_view personnummer);

}  // namespace ncpeh::gateway::national_store
