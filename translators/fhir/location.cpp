#include "translators/fhir/location.hpp"

#include "translators/fhir/json_reader.hpp"
#include "translators/fhir/json_writer.hpp"
#include "translators/fhir/resource_type.hpp"

namespace ncpeh::translators::fhir {

result<location> parse_location(const boost::json::value& json) {
    json_reader r(json, "Location");
    check_resource_type(r, "Location");
    location l;
    l.id = r.string("id");
    l.identifiers = r.identifiers("identifier");
    l.name = r.string("name");
    l.telecom = r.telecoms("telecom");
    l.address = r.read_address("address");
    l.extensions = r.extensions("extension");
    if (r.failed()) {
        return r.take_error();
    }
    l.unknown = r.unread_members();
    return l;
}

boost::json::object to_json(const location& l) {
    boost::json::object o;
    o["resourceType"] = "Location";
    put_string(o, "id", l.id);
    put_array(o, "extension", l.extensions);
    put_array(o, "identifier", l.identifiers);
    put_string(o, "name", l.name);
    put_array(o, "telecom", l.telecom);
    put_value(o, "address", l.address);
    put_unknown(o, l.unknown);
    return o;
}

}  // namespace ncpeh::translators::fhir
