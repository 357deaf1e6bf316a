#include "translators/fhir/json_writer.hpp"

#include <cmath>

namespace ncpeh::translators::fhir {

namespace json = boost::json;

json::value number_to_json(double value) {
    if (std::trunc(value) == value && std::abs(value) < 9.0e15) {
        return static_cast<std::int64_t>(value);
    }
    return value;
}

void put_string(json::object& out, std::string_view key, const std::string& value) {
    if (!value.empty()) {
        out[key] = value;
    }
}

void put_bool(json::object& out, std::string_view key, std::optional<bool> value) {
    if (value) {
        out[key] = *value;
    }
}

void put_integer(json::object& out, std::string_view key, std::optional<long long> value) {
    if (value) {
        out[key] = static_cast<std::int64_t>(*value);
    }
}

void put_decimal(json::object& out, std::string_view key, std::optional<double> value) {
    if (value) {
        out[key] = number_to_json(*value);
    }
}

void put_strings(json::object& out, std::string_view key, const std::vector<std::string>& values) {
    if (!values.empty()) {
        json::array a;
        for (const auto& v : values) {
            a.emplace_back(v);
        }
        out[key] = std::move(a);
    }
}

void put_unknown(json::object& out, const json::object& unknown) {
    for (const auto& member : unknown) {
        if (!out.contains(member.key())) {
            out.emplace(member.key(), member.value());
        }
    }
}

extension make_extension(std::string_view url, std::string_view value_key, json::value value) {
    return extension{std::string(url), std::string(value_key), std::move(value), {}};
}

json::value to_json(const coding& c) {
    json::object o;
    put_string(o, "system", c.system);
    put_string(o, "code", c.code);
    put_string(o, "display", c.display);
    return o;
}

json::value to_json(const codeable_concept& c) {
    json::object o;
    put_array(o, "coding", c.coding);
    put_string(o, "text", c.text);
    return o;
}

json::value to_json(const identifier& i) {
    json::object o;
    put_string(o, "system", i.system);
    put_string(o, "value", i.value);
    return o;
}

json::value to_json(const reference& r) {
    json::object o;
    put_string(o, "reference", r.reference);
    put_string(o, "display", r.display);
    return o;
}

json::value to_json(const quantity& q) {
    json::object o;
    put_decimal(o, "value", q.value);
    put_string(o, "unit", q.unit);
    put_string(o, "system", q.system);
    put_string(o, "code", q.code);
    return o;
}

json::value to_json(const ratio& r) {
    json::object o;
    o["numerator"] = to_json(r.numerator);
    o["denominator"] = to_json(r.denominator);
    return o;
}

json::value to_json(const period& p) {
    json::object o;
    put_string(o, "start", p.start);
    put_string(o, "end", p.end);
    return o;
}

json::value to_json(const human_name& n) {
    json::object o;
    put_string(o, "family", n.family);
    put_strings(o, "given", n.given);
    put_string(o, "text", n.text);
    return o;
}

json::value to_json(const address& a) {
    json::object o;
    put_strings(o, "line", a.line);
    put_string(o, "postalCode", a.postal_code);
    put_string(o, "city", a.city);
    put_string(o, "country", a.country);
    return o;
}

json::value to_json(const contact_point& c) {
    json::object o;
    put_string(o, "system", c.system);
    put_string(o, "value", c.value);
    return o;
}

json::value to_json(const meta& m) {
    json::object o;
    put_string(o, "versionId", m.version_id);
    put_string(o, "lastUpdated", m.last_updated);
    put_strings(o, "profile", m.profile);
    put_array(o, "security", m.security);
    return o;
}

json::value to_json(const extension& e) {
    json::object o;
    o["url"] = e.url;
    put_array(o, "extension", e.nested);
    if (!e.value_key.empty()) {
        o[e.value_key] = e.value;
    }
    return o;
}

}  // namespace ncpeh::translators::fhir
