#include "translators/fhir/json_reader.hpp"

#include <boost/json/array.hpp>

#include <cmath>
#include <utility>

namespace ncpeh::translators::fhir {

namespace json = boost::json;

const json::object json_reader::empty_object_{};

json_reader::json_reader(const json::object& object, std::string path)
    : object_(&object), path_(std::move(path)) {}

json_reader::json_reader(const json::value& value, std::string path)
    : object_(&empty_object_), path_(std::move(path)) {
    if (const auto* o = value.if_object()) {
        object_ = o;
    } else {
        fail("must be a JSON object");
    }
}

bool json_reader::fail(std::string message) {
    if (!error_) {
        error_ = make_error(errc::fhir_malformed, path_ + ": " + std::move(message))
                     .with("element", path_);
    }
    return false;
}

void json_reader::skip(std::string_view key) {
    if (const auto it = object_->find(key); it != object_->end()) {
        mark_read(it);
    }
}

void json_reader::mark_read(json::object::const_iterator member) {
    const auto index = static_cast<std::size_t>(member - object_->begin());
    if (read_.empty()) {
        read_.resize(object_->size());
    }
    read_[index] = true;
}

ncpeh::error json_reader::take_error() {
    return std::move(*error_);
}

void json_reader::absorb(json_reader& nested) {
    if (nested.error_ && !error_) {
        error_ = std::move(nested.error_);
    }
}

json::object json_reader::unread_members() const {
    json::object rest;
    std::size_t index = 0;
    for (const auto& member : *object_) {
        if (index >= read_.size() || !read_[index]) {
            rest.emplace(member.key(), member.value());
        }
        ++index;
    }
    return rest;
}

const json::value* json_reader::find(std::string_view key) {
    const auto it = object_->find(key);
    if (it == object_->end()) {
        return nullptr;
    }
    mark_read(it);
    return it->value().is_null() ? nullptr : &it->value();
}

std::string json_reader::child(std::string_view key) const {
    return path_ + "." + std::string(key);
}

std::string json_reader::string(std::string_view key) {
    const auto* v = find(key);
    if (!v) {
        return {};
    }
    if (const auto* s = v->if_string()) {
        return std::string(*s);
    }
    fail(std::string(key) + " must be a string");
    return {};
}

std::optional<bool> json_reader::boolean(std::string_view key) {
    const auto* v = find(key);
    if (!v) {
        return std::nullopt;
    }
    if (const auto* b = v->if_bool()) {
        return *b;
    }
    fail(std::string(key) + " must be a boolean");
    return std::nullopt;
}

std::optional<long long> json_reader::integer(std::string_view key) {
    const auto* v = find(key);
    if (!v) {
        return std::nullopt;
    }
    if (const auto* i = v->if_int64()) {
        return *i;
    }
    if (const auto* u = v->if_uint64(); u && *u <= 9'007'199'254'740'992ULL) {
        return static_cast<long long>(*u);
    }
    if (const auto* d = v->if_double(); d && std::trunc(*d) == *d && std::abs(*d) < 9.0e15) {
        return static_cast<long long>(*d);
    }
    fail(std::string(key) + " must be an integer");
    return std::nullopt;
}

std::optional<double> json_reader::decimal(std::string_view key) {
    const auto* v = find(key);
    if (!v) {
        return std::nullopt;
    }
    if (v->is_number()) {
        return v->to_number<double>();
    }
    fail(std::string(key) + " must be a number");
    return std::nullopt;
}

std::vector<std::string> json_reader::strings(std::string_view key) {
    std::vector<std::string> out;
    const auto* a = array(key);
    if (!a) {
        return out;
    }
    for (const auto& item : *a) {
        if (const auto* s = item.if_string()) {
            out.emplace_back(*s);
        } else {
            fail(std::string(key) + " must be an array of strings");
        }
    }
    return out;
}

const json::object* json_reader::object(std::string_view key) {
    const auto* v = find(key);
    if (!v) {
        return nullptr;
    }
    if (const auto* o = v->if_object()) {
        return o;
    }
    fail(std::string(key) + " must be an object");
    return nullptr;
}

const json::array* json_reader::array(std::string_view key) {
    const auto* v = find(key);
    if (!v) {
        return nullptr;
    }
    if (const auto* a = v->if_array()) {
        return a;
    }
    fail(std::string(key) + " must be an array");
    return nullptr;
}

coding json_reader::coding_from(const json::value& value, const std::string& path) {
    json_reader r(value, path);
    coding c{r.string("system"), r.string("code"), r.string("display")};
    absorb(r);
    return c;
}

codeable_concept json_reader::concept_from(const json::value& value, const std::string& path) {
    json_reader r(value, path);
    codeable_concept c;
    c.coding = r.codings("coding");
    c.text = r.string("text");
    absorb(r);
    return c;
}

fhir::quantity json_reader::quantity_from(const json::value& value, const std::string& path) {
    json_reader r(value, path);
    fhir::quantity q;
    q.value = r.decimal("value");
    q.unit = r.string("unit");
    q.system = r.string("system");
    q.code = r.string("code");
    absorb(r);
    return q;
}

extension json_reader::extension_from(const json::value& value, const std::string& path) {
    json_reader r(value, path);
    extension e;
    e.url = r.string("url");
    e.nested = r.extensions("extension");
    if (const auto* o = value.if_object()) {
        for (const auto& member : *o) {
            if (member.key().starts_with("value")) {
                if (!e.value_key.empty()) {
                    r.fail("an extension has at most one value[x]");
                }
                e.value_key = member.key();
                e.value = member.value();
            }
        }
    }
    if (e.url.empty()) {
        r.fail("url is required on an extension");
    }
    absorb(r);
    return e;
}

template <class T, class Read>
std::vector<T> json_reader::each_nested(std::string_view key, Read read) {
    std::vector<T> out;
    if (const auto* a = array(key)) {
        for (const auto& item : *a) {
            json_reader r(item, child(key));
            out.push_back(read(r));
            absorb(r);
        }
    }
    return out;
}

template <class T, class Read>
std::optional<T> json_reader::one_nested(std::string_view key, Read read) {
    const auto* v = find(key);
    if (!v) {
        return std::nullopt;
    }
    json_reader r(*v, child(key));
    T out = read(r);
    absorb(r);
    return out;
}

namespace {

fhir::reference reference_from(json_reader& r) {
    return {r.string("reference"), r.string("display")};
}

fhir::address address_from(json_reader& r) {
    fhir::address a;
    a.line = r.strings("line");
    a.postal_code = r.string("postalCode");
    a.city = r.string("city");
    a.country = r.string("country");
    return a;
}

}  // namespace

coding json_reader::read_coding(std::string_view key) {
    const auto* v = find(key);
    return v ? coding_from(*v, child(key)) : coding{};
}

std::vector<coding> json_reader::codings(std::string_view key) {
    std::vector<coding> out;
    if (const auto* a = array(key)) {
        for (const auto& item : *a) {
            out.push_back(coding_from(item, child(key)));
        }
    }
    return out;
}

codeable_concept json_reader::read_codeable_concept(std::string_view key) {
    const auto* v = find(key);
    return v ? concept_from(*v, child(key)) : codeable_concept{};
}

std::optional<codeable_concept> json_reader::optional_codeable_concept(std::string_view key) {
    const auto* v = find(key);
    if (!v) {
        return std::nullopt;
    }
    return concept_from(*v, child(key));
}

std::vector<codeable_concept> json_reader::codeable_concepts(std::string_view key) {
    std::vector<codeable_concept> out;
    if (const auto* a = array(key)) {
        for (const auto& item : *a) {
            out.push_back(concept_from(item, child(key)));
        }
    }
    return out;
}

std::vector<identifier> json_reader::identifiers(std::string_view key) {
    return each_nested<identifier>(key, [](json_reader& r) {
        return identifier{r.string("system"), r.string("value")};
    });
}

fhir::reference json_reader::read_reference(std::string_view key) {
    return one_nested<fhir::reference>(key, reference_from).value_or(fhir::reference{});
}

std::vector<fhir::reference> json_reader::references(std::string_view key) {
    return each_nested<fhir::reference>(key, reference_from);
}

std::optional<fhir::quantity> json_reader::read_quantity(std::string_view key) {
    const auto* v = find(key);
    if (!v) {
        return std::nullopt;
    }
    return quantity_from(*v, child(key));
}

std::optional<fhir::ratio> json_reader::read_ratio(std::string_view key) {
    return one_nested<fhir::ratio>(key, [](json_reader& r) {
        return fhir::ratio{r.read_quantity("numerator").value_or(fhir::quantity{}),
                           r.read_quantity("denominator").value_or(fhir::quantity{})};
    });
}

std::optional<fhir::period> json_reader::read_period(std::string_view key) {
    return one_nested<fhir::period>(key, [](json_reader& r) {
        return fhir::period{r.string("start"), r.string("end")};
    });
}

std::vector<human_name> json_reader::names(std::string_view key) {
    return each_nested<human_name>(key, [](json_reader& r) {
        human_name n;
        n.family = r.string("family");
        n.given = r.strings("given");
        n.text = r.string("text");
        return n;
    });
}

std::optional<fhir::address> json_reader::read_address(std::string_view key) {
    return one_nested<fhir::address>(key, address_from);
}

std::vector<fhir::address> json_reader::addresses(std::string_view key) {
    return each_nested<fhir::address>(key, address_from);
}

std::vector<contact_point> json_reader::telecoms(std::string_view key) {
    return each_nested<contact_point>(key, [](json_reader& r) {
        return contact_point{r.string("system"), r.string("value")};
    });
}

fhir::meta json_reader::read_meta(std::string_view key) {
    return one_nested<fhir::meta>(key,
                                  [](json_reader& r) {
                                      fhir::meta m;
                                      m.version_id = r.string("versionId");
                                      m.last_updated = r.string("lastUpdated");
                                      m.profile = r.strings("profile");
                                      m.security = r.codings("security");
                                      return m;
                                  })
        .value_or(fhir::meta{});
}

std::vector<extension> json_reader::extensions(std::string_view key) {
    std::vector<extension> out;
    if (const auto* a = array(key)) {
        for (const auto& item : *a) {
            out.push_back(extension_from(item, child(key)));
        }
    }
    return out;
}

std::optional<extension> json_reader::take_extension(std::vector<extension>& list,
                                                     std::string_view url) {
    for (auto it = list.begin(); it != list.end(); ++it) {
        if (it->url == url) {
            extension e = std::move(*it);
            list.erase(it);
            return e;
        }
    }
    return std::nullopt;
}

std::string json_reader::take_string_extension(std::vector<extension>& list, std::string_view url) {
    auto e = take_extension(list, url);
    if (!e) {
        return {};
    }
    static constexpr std::string_view keys[] = {"valueString", "valueCode",     "valueId",
                                                "valueUri",    "valueDate",     "valueDateTime",
                                                "valueUrl",    "valueCanonical"};
    for (auto key : keys) {
        if (e->value_key == key && e->value.is_string()) {
            return std::string(e->value.get_string());
        }
    }
    fail("extension " + std::string(url) + " must have a string value");
    return {};
}

std::optional<bool> json_reader::take_bool_extension(std::vector<extension>& list,
                                                     std::string_view url) {
    auto e = take_extension(list, url);
    if (!e) {
        return std::nullopt;
    }
    if (e->value_key == "valueBoolean" && e->value.is_bool()) {
        return e->value.get_bool();
    }
    fail("extension " + std::string(url) + " must have a valueBoolean");
    return std::nullopt;
}

std::optional<long long> json_reader::take_integer_extension(std::vector<extension>& list,
                                                             std::string_view url) {
    auto e = take_extension(list, url);
    if (!e) {
        return std::nullopt;
    }
    if ((e->value_key == "valuePositiveInt" || e->value_key == "valueUnsignedInt" ||
         e->value_key == "valueInteger") &&
        e->value.is_int64()) {
        return e->value.get_int64();
    }
    if (e->value.is_uint64() && e->value.get_uint64() < 1'000'000'000ULL) {
        return static_cast<long long>(e->value.get_uint64());
    }
    fail("extension " + std::string(url) + " must have an integer value");
    return std::nullopt;
}

std::optional<double> json_reader::take_decimal_extension(std::vector<extension>& list,
                                                          std::string_view url) {
    auto e = take_extension(list, url);
    if (!e) {
        return std::nullopt;
    }
    if (e->value.is_number()) {
        return e->value.to_number<double>();
    }
    fail("extension " + std::string(url) + " must have a numeric value");
    return std::nullopt;
}

std::optional<coding> json_reader::take_coding_extension(std::vector<extension>& list,
                                                         std::string_view url) {
    auto e = take_extension(list, url);
    if (!e) {
        return std::nullopt;
    }
    if (e->value_key == "valueCoding") {
        return coding_from(e->value, path_ + ".extension(" + std::string(url) + ")");
    }
    fail("extension " + std::string(url) + " must have a valueCoding");
    return std::nullopt;
}

std::optional<fhir::reference> json_reader::take_reference_extension(std::vector<extension>& list,
                                                                     std::string_view url) {
    auto e = take_extension(list, url);
    if (!e) {
        return std::nullopt;
    }
    if (e->value_key == "valueReference") {
        json_reader r(e->value, path_ + ".extension(" + std::string(url) + ")");
        fhir::reference ref{r.string("reference"), r.string("display")};
        absorb(r);
        return ref;
    }
    fail("extension " + std::string(url) + " must have a valueReference");
    return std::nullopt;
}

}  // namespace ncpeh::translators::fhir
