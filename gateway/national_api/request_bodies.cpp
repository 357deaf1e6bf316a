#include "gateway/national_api/request_bodies.hpp"

#include <boost/json/parse.hpp>

#include <utility>

#include "gateway/soap/multipart.hpp"
#include "translators/cda/administrative_gender.hpp"
#include "translators/fhir/fhir_date.hpp"
#include "translators/fhir/json_reader.hpp"

namespace ncpeh::gateway::national_api {

result<boost::json::object> json_body(std::string_view content_type, std::string_view body) {
    const auto type = soap::parse_content_type(content_type);
    if (!type ||
        (type->media_type != "application/json" && type->media_type != "application/fhir+json")) {
        return make_error(errc::invalid_argument,
                          "the body must be application/json (or application/fhir+json)");
    }
    boost::system::error_code ec;
    auto value = boost::json::parse(body, ec);
    if (ec) {
        return make_error(errc::fhir_malformed, "the body is not JSON: " + ec.message());
    }
    if (!value.is_object()) {
        return make_error(errc::fhir_malformed, "the body must be a JSON object");
    }
    return std::move(value.as_object());
}

result<session_request> read_session_request(std::string_view content_type, std::string_view body) {
    auto object = json_body(content_type, body);
    if (!object) {
        return object.error();
    }
    translators::fhir::json_reader in(*object, "session");
    session_request r{in.string("legitimationskod"), in.string("name"), in.string("profession")};
    if (in.failed()) {
        return in.take_error();
    }
    for (const auto& [value, key] :
         {std::pair{&r.legitimationskod, "legitimationskod"}, std::pair{&r.name, "name"},
          std::pair{&r.profession, "profession"}}) {
        if (value->empty()) {
            return make_error(errc::invalid_argument, std::string(key) + " is required")
                .with("element", "session." + std::string(key));
        }
    }
    return r;
}

result<ncp_b::identify_request> read_identify_request(std::string_view content_type,
                                                      std::string_view body) {
    auto object = json_body(content_type, body);
    if (!object) {
        return object.error();
    }
    translators::fhir::json_reader in(*object, "identify");
    ncp_b::identify_request r;
    r.country = in.string("country");
    if (const auto* identifiers = in.array("identifiers")) {
        for (std::size_t i = 0; i < identifiers->size(); ++i) {
            translators::fhir::json_reader id((*identifiers)[i],
                                              "identify.identifiers[" + std::to_string(i) + "]");
            r.identifiers.push_back({id.string("oid"), id.string("value")});
            in.absorb(id);
        }
    }
    if (const auto* name = in.object("name")) {
        translators::fhir::json_reader n(*name, "identify.name");
        r.name = ihe::person_name{n.string("family"), n.strings("given")};
        in.absorb(n);
    }
    const std::string birth_date = in.string("birthDate");
    const std::string gender = in.string("gender");
    if (in.failed()) {
        return in.take_error();
    }
    if (r.country.empty()) {
        return make_error(errc::invalid_argument, "country is required")
            .with("element", "identify.country");
    }
    if (!birth_date.empty()) {
        if (birth_date.size() != 10 || !translators::fhir::parse_fhir_date(birth_date)) {
            return make_error(errc::invalid_argument, "birthDate must be YYYY-MM-DD")
                .with("element", "identify.birthDate");
        }
        r.birth_date = birth_date.substr(0, 4) + birth_date.substr(5, 2) + birth_date.substr(8, 2);
    }
    if (!gender.empty()) {
        r.gender = translators::cda::hl7_gender_of(gender);
        if (!translators::cda::is_fhir_gender(gender)) {
            return make_error(errc::invalid_argument,
                              "gender must be male, female, other or unknown")
                .with("element", "identify.gender");
        }
    }
    return r;
}

result<ncp_b::dispensation_report> read_dispensation_request(std::string_view content_type,
                                                             std::string_view body) {
    auto object = json_body(content_type, body);
    if (!object) {
        return object.error();
    }
    translators::fhir::json_reader in(*object, "dispensation");
    ncp_b::dispensation_report r;
    r.country = in.string("country");
    r.patient_id = in.string("patientId");
    r.document_id = in.string("documentId");
    const auto* dispense = in.object("medicationDispense");
    if (in.failed()) {
        return in.take_error();
    }
    for (const auto& [value, key] :
         {std::pair{&r.country, "country"}, std::pair{&r.patient_id, "patientId"},
          std::pair{&r.document_id, "documentId"}}) {
        if (value->empty()) {
            return make_error(errc::invalid_argument, std::string(key) + " is required")
                .with("element", "dispensation." + std::string(key));
        }
    }
    if (dispense == nullptr) {
        return make_error(errc::invalid_argument, "medicationDispense is required")
            .with("element", "dispensation.medicationDispense");
    }
    auto parsed = translators::fhir::parse_medication_dispense(*dispense);
    if (!parsed) {
        return parsed.error();
    }
    r.dispense = std::move(*parsed);
    return r;
}

}  // namespace ncpeh::gateway::national_api
