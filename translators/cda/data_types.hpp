#pragma once

#include <string>
#include <vector>

namespace ncpeh::translators::cda {

// The HL7 v3 data types eHDSI ePrescription/eDispensation documents use, as plain values. They
// serve both directions: the writers (country A eP, country B eD) and the readers keep every
// attribute they meet, so that ids and codes round-trip byte for byte.

/// II: `root` (OID or UUID) + optional `extension`, or a nullFlavor.
struct instance_identifier {
    std::string root;
    std::string extension;
    std::string null_flavor;

    bool empty() const noexcept { return root.empty() && null_flavor.empty(); }
    friend bool operator==(const instance_identifier&, const instance_identifier&) = default;
};

/// CD/CE with nested `translation`s (OpenNCP transcoding nests the original national code,
/// possibly several levels deep) and `originalText`.
struct coded_value {
    std::string code;
    std::string code_system;
    std::string code_system_name;
    std::string code_system_version;
    std::string display_name;
    std::string null_flavor;
    std::string original_text;
    std::vector<coded_value> translations;

    bool empty() const noexcept { return code.empty() && null_flavor.empty(); }
    friend bool operator==(const coded_value&, const coded_value&) = default;
};

/// PQ. `value` stays text ("0.03", "1.0") so that nothing is lost by a float round trip.
/// `original_text` is the `translation/originalText` some countries put on counted units
/// ("tablet", "stk.").
struct physical_quantity {
    std::string value;
    std::string unit;
    std::string null_flavor;
    std::string original_text;

    bool empty() const noexcept { return value.empty() && null_flavor.empty(); }
    friend bool operator==(const physical_quantity&, const physical_quantity&) = default;
};

/// RTO<PQ,PQ>, e.g. an ingredient strength of 500 mg per 1 tablet.
struct ratio {
    physical_quantity numerator;
    physical_quantity denominator;
    friend bool operator==(const ratio&, const ratio&) = default;
};

/// PN: given names in order, family name; or a nullFlavor.
struct person_name {
    std::vector<std::string> given;
    std::string family;
    std::string null_flavor;

    bool empty() const noexcept { return given.empty() && family.empty(); }
    friend bool operator==(const person_name&, const person_name&) = default;
};

/// AD. An address with no parts and no nullFlavor is written as nullFlavor="NI".
struct address {
    std::vector<std::string> street_lines;
    std::string post_box;
    std::string postal_code;
    std::string city;
    std::string state;
    std::string country;  ///< ISO 3166-1 alpha-2 (eHDSICountry)
    std::string use;
    std::string null_flavor;

    bool empty() const noexcept {
        return street_lines.empty() && post_box.empty() && postal_code.empty() && city.empty() &&
               state.empty() && country.empty();
    }
    friend bool operator==(const address&, const address&) = default;
};

/// TEL: `value` is a URL ("tel:+46…", "mailto:…"), `use` from eHDSITelecomAddress.
struct telecom {
    std::string use;
    std::string value;
    std::string null_flavor;
    friend bool operator==(const telecom&, const telecom&) = default;
};

}  // namespace ncpeh::translators::cda
