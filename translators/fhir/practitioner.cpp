#include "translators/fhir/practitioner.hpp"

#include <boost/json/array.hpp>

#include "translators/fhir/json_reader.hpp"
#include "translators/fhir/json_writer.hpp"
#include "translators/fhir/resource_type.hpp"
#include "translators/fhir/uris.hpp"

namespace ncpeh::translators::fhir {

result<practitioner> parse_practitioner(const boost::json::value& json) {
    json_reader r(json, "Practitioner");
    check_resource_type(r, "Practitioner");
    practitioner p;
    p.id = r.string("id");
    p.identifiers = r.identifiers("identifier");
    p.name = r.names("name");
    p.telecom = r.telecoms("telecom");
    p.address = r.addresses("address");
    if (const auto* quals = r.array("qualification")) {
        for (const auto& q : *quals) {
            json_reader qr(q, "Practitioner.qualification");
            p.qualifications.push_back(qr.read_codeable_concept("code"));
            r.absorb(qr);
        }
    }
    p.extensions = r.extensions("extension");
    if (r.failed()) {
        return r.take_error();
    }
    p.unknown = r.unread_members();
    return p;
}

boost::json::object to_json(const practitioner& p) {
    boost::json::object o;
    o["resourceType"] = "Practitioner";
    put_string(o, "id", p.id);
    put_array(o, "extension", p.extensions);
    put_array(o, "identifier", p.identifiers);
    put_array(o, "name", p.name);
    put_array(o, "telecom", p.telecom);
    put_array(o, "address", p.address);
    if (!p.qualifications.empty()) {
        boost::json::array quals;
        for (const auto& q : p.qualifications) {
            quals.push_back(boost::json::object{{"code", to_json(q)}});
        }
        o["qualification"] = std::move(quals);
    }
    put_unknown(o, p.unknown);
    return o;
}

std::string prescriber_code(const practitioner& p) {
    for (const auto& i : p.identifiers) {
        if (i.system == uris::forskrivarkod) {
            return i.value;
        }
    }
    return {};
}

}  // namespace ncpeh::translators::fhir
