#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

/// FHIR R4 data types used by the NLL-style resources (only the elements the project reads or
/// writes). Empty strings and empty vectors mean "absent"; writers omit them.
namespace ncpeh::translators::fhir {

struct coding {
    std::string system;
    std::string code;
    std::string display;
    friend bool operator==(const coding&, const coding&) = default;
};

struct codeable_concept {
    std::vector<fhir::coding> coding;
    std::string text;
    friend bool operator==(const codeable_concept&, const codeable_concept&) = default;
};

struct identifier {
    std::string system;
    std::string value;
    friend bool operator==(const identifier&, const identifier&) = default;
};

/// A reference: "Patient/<id>", "#med" (contained) or "urn:uuid:…".
struct reference {
    std::string reference;
    std::string display;
    friend bool operator==(const fhir::reference&, const fhir::reference&) = default;
};

/// Quantity, SimpleQuantity and Duration. `value` absent when not given.
struct quantity {
    std::optional<double> value;
    std::string unit;
    std::string system;
    std::string code;
    friend bool operator==(const quantity&, const quantity&) = default;
};

struct ratio {
    quantity numerator;
    quantity denominator;
    friend bool operator==(const ratio&, const ratio&) = default;
};

/// FHIR date or dateTime strings, kept as written (validate with `validate_dates.hpp`).
struct period {
    std::string start;
    std::string end;
    friend bool operator==(const period&, const period&) = default;
};

struct human_name {
    std::string family;
    std::vector<std::string> given;
    std::string text;
    friend bool operator==(const human_name&, const human_name&) = default;
};

struct address {
    std::vector<std::string> line;
    std::string postal_code;
    std::string city;
    std::string country;
    friend bool operator==(const address&, const address&) = default;
};

struct contact_point {
    std::string system;
    std::string value;
    friend bool operator==(const contact_point&, const contact_point&) = default;
};

struct meta {
    std::string version_id;
    std::string last_updated;
    std::vector<std::string> profile;
    std::vector<coding> security;
    friend bool operator==(const meta&, const meta&) = default;
};

/// An extension the model does not type: its url, the `value[x]` member name and value (e.g.
/// "valueString", "x"), and nested extensions for complex ones. Kept so that nothing a peer
/// sends is silently lost on a round trip.
struct extension {
    std::string url;
    std::string value_key;
    boost::json::value value;
    std::vector<extension> nested;
    friend bool operator==(const extension&, const extension&) = default;
};

/// The first extension in `list` with `url`, or nullptr.
const extension* find_extension(const std::vector<extension>& list, std::string_view url) noexcept;

}  // namespace ncpeh::translators::fhir
