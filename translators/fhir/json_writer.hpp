#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "translators/fhir/datatypes.hpp"

/// Writes the FHIR data types as JSON. The `put_*` functions omit absent values (empty strings,
/// empty vectors, nullopt), so written resources carry no empty members.
namespace ncpeh::translators::fhir {

boost::json::value to_json(const coding& c);
boost::json::value to_json(const codeable_concept& c);
boost::json::value to_json(const identifier& i);
boost::json::value to_json(const reference& r);
boost::json::value to_json(const quantity& q);
boost::json::value to_json(const ratio& r);
boost::json::value to_json(const period& p);
boost::json::value to_json(const human_name& n);
boost::json::value to_json(const address& a);
boost::json::value to_json(const contact_point& c);
boost::json::value to_json(const meta& m);
boost::json::value to_json(const extension& e);
/// A number as JSON: an integer when `value` is integral (so 98 stays 98, not 98.0).
boost::json::value number_to_json(double value);

void put_string(boost::json::object& out, std::string_view key, const std::string& value);
void put_bool(boost::json::object& out, std::string_view key, std::optional<bool> value);
void put_integer(boost::json::object& out, std::string_view key, std::optional<long long> value);
void put_decimal(boost::json::object& out, std::string_view key, std::optional<double> value);
void put_strings(boost::json::object& out, std::string_view key,
                 const std::vector<std::string>& values);
/// Puts `to_json(value)` unless `value` equals a default-constructed T.
template <class T>
void put_value(boost::json::object& out, std::string_view key, const T& value) {
    if (!(value == T{})) {
        out[key] = to_json(value);
    }
}
template <class T>
void put_value(boost::json::object& out, std::string_view key, const std::optional<T>& value) {
    if (value) {
        out[key] = to_json(*value);
    }
}
template <class T>
void put_array(boost::json::object& out, std::string_view key, const std::vector<T>& values) {
    if (!values.empty()) {
        boost::json::array a;
        for (const auto& v : values) {
            a.push_back(to_json(v));
        }
        out[key] = std::move(a);
    }
}
/// Copies members kept from the input (unknown elements) into `out` without overwriting.
void put_unknown(boost::json::object& out, const boost::json::object& unknown);

/// Simple extensions, built for writers of typed extension fields.
extension make_extension(std::string_view url, std::string_view value_key,
                         boost::json::value value);

}  // namespace ncpeh::translators::fhir
