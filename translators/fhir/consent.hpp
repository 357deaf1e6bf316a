#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <vector>

#include "translators/fhir/datatypes.hpp"
#include "trust/error/error.hpp"

namespace ncpeh::translators::fhir {

/// The patient's cross-border ePrescription consent (the "integritetshöjande samtycke" proposed
/// by SOU 2021:102). NLL has no code for it (§8.3), so the category is the project code
/// `uris::consent_category_system#cross-border-eprescription`.
struct consent {
    std::string id;
    fhir::meta meta;
    /// draft | proposed | active | rejected | inactive | entered-in-error.
    std::string status;
    codeable_concept scope;
    std::vector<codeable_concept> category;
    /// `Patient/<id>`.
    reference patient;
    /// When the consent was recorded.
    std::string date_time;
    /// `provision.type` (permit | deny) and `provision.period`.
    std::string provision_type;
    std::optional<fhir::period> provision_period;
    std::vector<extension> extensions;
    boost::json::object unknown;
    friend bool operator==(const consent&, const consent&) = default;
};

/// Errors: `errc::fhir_malformed`.
result<consent> parse_consent(const boost::json::value& json);
boost::json::object to_json(const consent& c);

/// True when `c` is a cross-border ePrescription consent (by category).
bool is_cross_border_consent(const consent& c) noexcept;

/// True when `c` is an active, permitting cross-border consent whose provision period covers
/// the date `today` ("YYYY-MM-DD"; dates compare as text, so give both in the same form).
bool permits_cross_border(const consent& c, std::string_view today) noexcept;

}  // namespace ncpeh::translators::fhir
