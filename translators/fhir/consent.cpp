#include "translators/fhir/consent.hpp"

#include "translators/fhir/json_reader.hpp"
#include "translators/fhir/json_writer.hpp"
#include "translators/fhir/resource_type.hpp"
#include "translators/fhir/uris.hpp"

namespace ncpeh::translators::fhir {

namespace json = boost::json;

result<consent> parse_consent(const json::value& json) {
    json_reader r(json, "Consent");
    check_resource_type(r, "Consent");
    consent c;
    c.id = r.string("id");
    c.meta = r.read_meta("meta");
    c.status = r.string("status");
    c.scope = r.read_codeable_concept("scope");
    c.category = r.codeable_concepts("category");
    c.patient = r.read_reference("patient");
    c.date_time = r.string("dateTime");
    if (const auto* provision = r.object("provision")) {
        json_reader pr(*provision, "Consent.provision");
        c.provision_type = pr.string("type");
        c.provision_period = pr.read_period("period");
        r.absorb(pr);
    }
    c.extensions = r.extensions("extension");
    if (r.failed()) {
        return r.take_error();
    }
    c.unknown = r.unread_members();
    return c;
}

json::object to_json(const consent& c) {
    json::object o;
    o["resourceType"] = "Consent";
    put_string(o, "id", c.id);
    put_value(o, "meta", c.meta);
    put_array(o, "extension", c.extensions);
    put_string(o, "status", c.status);
    put_value(o, "scope", c.scope);
    put_array(o, "category", c.category);
    put_value(o, "patient", c.patient);
    put_string(o, "dateTime", c.date_time);
    if (!c.provision_type.empty() || c.provision_period) {
        json::object provision;
        put_string(provision, "type", c.provision_type);
        put_value(provision, "period", c.provision_period);
        o["provision"] = std::move(provision);
    }
    put_unknown(o, c.unknown);
    return o;
}

bool is_cross_border_consent(const consent& c) noexcept {
    for (const auto& category : c.category) {
        for (const auto& code : category.coding) {
            if (code.system == uris::consent_category_system &&
                code.code == uris::consent_category_cross_border) {
                return true;
            }
        }
    }
    return false;
}

bool permits_cross_border(const consent& c, std::string_view today) noexcept {
    if (!is_cross_border_consent(c) || c.status != "active" || c.provision_type != "permit") {
        return false;
    }
    if (c.provision_period) {
        const auto& p = *c.provision_period;
        if (!p.start.empty() && std::string_view(p.start).substr(0, 10) > today) {
            return false;
        }
        if (!p.end.empty() && std::string_view(p.end).substr(0, 10) < today) {
            return false;
        }
    }
    return true;
}

}  // namespace ncpeh::translators::fhir
