#include "translators/fhir/patient.hpp"

#include "translators/fhir/json_reader.hpp"
#include "translators/fhir/json_writer.hpp"
#include "translators/fhir/resource_type.hpp"
#include "translators/fhir/uris.hpp"
#include "translators/sweden/identifier_oids.hpp"

namespace ncpeh::translators::fhir {

result<patient> parse_patient(const boost::json::value& json) {
    json_reader r(json, "Patient");
    check_resource_type(r, "Patient");
    patient p;
    p.id = r.string("id");
    p.meta = r.read_meta("meta");
    p.identifiers = r.identifiers("identifier");
    p.active = r.boolean("active");
    p.name = r.names("name");
    p.gender = r.string("gender");
    p.birth_date = r.string("birthDate");
    p.extensions = r.extensions("extension");
    if (r.failed()) {
        return r.take_error();
    }
    p.unknown = r.unread_members();
    return p;
}

boost::json::object to_json(const patient& p) {
    boost::json::object o;
    o["resourceType"] = "Patient";
    put_string(o, "id", p.id);
    put_value(o, "meta", p.meta);
    put_array(o, "extension", p.extensions);
    put_array(o, "identifier", p.identifiers);
    put_bool(o, "active", p.active);
    put_array(o, "name", p.name);
    put_string(o, "gender", p.gender);
    put_string(o, "birthDate", p.birth_date);
    put_unknown(o, p.unknown);
    return o;
}

const identifier* national_identifier(const patient& p) noexcept {
    for (const auto& i : p.identifiers) {
        if (i.system == uris::personnummer || i.system == sweden::personnummer_oid_urn ||
            i.system == uris::samordningsnummer || i.system == sweden::samordningsnummer_oid_urn) {
            return &i;
        }
    }
    return nullptr;
}

bool has_protected_identity(const patient& p) noexcept {
    for (const auto& label : p.meta.security) {
        if (label.code == "sekretessmarkering" || label.code == "skyddadFolkbokforing") {
            return true;
        }
    }
    return false;
}

}  // namespace ncpeh::translators::fhir
