#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <vector>

#include "translators/fhir/resource.hpp"
#include "trust/error/error.hpp"

namespace ncpeh::translators::fhir {

struct bundle_entry {
    std::string full_url;
    fhir::resource resource;
    /// `search.mode` (match | include) in searchset bundles.
    std::string search_mode;
    friend bool operator==(const bundle_entry&, const bundle_entry&) = default;
};

/// A Bundle of type collection (an NLLPrescriptionBundle-like set) or searchset (search
/// results).
struct bundle {
    std::string id;
    /// collection | searchset | …
    std::string type;
    std::optional<long long> total;
    std::vector<bundle_entry> entries;
    boost::json::object unknown;
    friend bool operator==(const bundle&, const bundle&) = default;
};

/// Errors: `errc::fhir_malformed`, naming the failing entry index.
result<bundle> parse_bundle(const boost::json::value& json);
boost::json::object to_json(const bundle& b);

/// All entries' resources of type T, in order.
template <class T>
std::vector<const T*> resources_of(const bundle& b) {
    std::vector<const T*> out;
    for (const auto& e : b.entries) {
        if (const auto* r = std::get_if<T>(&e.resource)) {
            out.push_back(r);
        }
    }
    return out;
}

}  // namespace ncpeh::translators::fhir
