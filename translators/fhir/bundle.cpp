#include "translators/fhir/bundle.hpp"

#include <boost/json/array.hpp>

#include "translators/fhir/json_reader.hpp"
#include "translators/fhir/json_writer.hpp"
#include "translators/fhir/resource_type.hpp"

namespace ncpeh::translators::fhir {

namespace json = boost::json;

result<bundle> parse_bundle(const json::value& json) {
    json_reader r(json, "Bundle");
    check_resource_type(r, "Bundle");
    bundle b;
    b.id = r.string("id");
    b.type = r.string("type");
    b.total = r.integer("total");
    if (const auto* entries = r.array("entry")) {
        std::size_t index = 0;
        for (const auto& item : *entries) {
            const std::string path = "Bundle.entry[" + std::to_string(index++) + "]";
            json_reader er(item, path);
            bundle_entry e;
            e.full_url = er.string("fullUrl");
            if (const auto* search = er.object("search")) {
                json_reader sr(*search, path + ".search");
                e.search_mode = sr.string("mode");
                er.absorb(sr);
            }
            const auto* resource_json = er.object("resource");
            if (!resource_json && !er.failed()) {
                er.fail("resource is required");
            }
            r.absorb(er);
            if (r.failed()) {
                break;
            }
            auto parsed = parse_resource(*resource_json);
            if (!parsed) {
                auto error = parsed.error();
                error.message = path + ": " + error.message;
                return std::move(error).with("entry", std::to_string(index - 1));
            }
            e.resource = std::move(*parsed);
            b.entries.push_back(std::move(e));
        }
    }
    if (r.failed()) {
        return r.take_error();
    }
    b.unknown = r.unread_members();
    return b;
}

json::object to_json(const bundle& b) {
    json::object o;
    o["resourceType"] = "Bundle";
    put_string(o, "id", b.id);
    put_string(o, "type", b.type);
    put_integer(o, "total", b.total);
    json::array entries;
    for (const auto& e : b.entries) {
        json::object entry;
        put_string(entry, "fullUrl", e.full_url);
        entry["resource"] = to_json(e.resource);
        if (!e.search_mode.empty()) {
            entry["search"] = json::object{{"mode", e.search_mode}};
        }
        entries.push_back(std::move(entry));
    }
    o["entry"] = std::move(entries);
    put_unknown(o, b.unknown);
    return o;
}

}  // namespace ncpeh::translators::fhir
