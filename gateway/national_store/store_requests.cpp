#include "gateway/national_store/store_requests.hpp"

#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include "translators/fhir/uris.hpp"

namespace ncpeh::gateway::national_store {

std::string encode(std::string_view text) {
    return boost::urls::encode(text, boost::urls::unreserved_chars);
}

std::string patient_search(std::string_view personnummer) {
    return "/Patient?identifier=" + encode(std::string(translators::fhir::uris::personnummer) +
                                           "|" + std::string(personnummer));
}

std::string practitioner_search(std::string_view legitimationskod) {
    return "/Practitioner?identifier=" +
           encode(std::string(translators::fhir::uris::legitimationskod) + "|" +
                  std::string(legitimationskod));
}

std::string medication_search_by_atc(std::string_view atc) {
    return "/Medication?code=" +
           encode(std::string(translators::fhir::uris::atc) + "|" + std::string(atc));
}

std::string patient_with_consents_search(std::string_view personnummer) {
    return patient_search(personnummer).substr(1) + "&_revinclude=Consent:patient";
}

}  // namespace ncpeh::gateway::national_store
