#pragma once

#include <optional>
#include <string>

#include "translators/cda/data_types.hpp"
#include "translators/cda/document_header.hpp"
#include "translators/cda/medicinal_product.hpp"
#include "translators/cda/participants.hpp"

namespace ncpeh::translators::cda {

/// An eHDSI eDispensation (template …3.1.1.2; one `supply`, template …3.1.3.3) or its discard.
/// Country A reads it (`read_edispensation`); country B builds one (issue #5).
struct edispensation_document {
    document_header header;               ///< author = the dispenser
    bool discard = false;                 ///< DISCARD-60593-1: undo the dispensation it names
    instance_identifier prescription_id;  ///< inFulfillmentOf/order/id (= eP section id)
    instance_identifier section_id;
    instance_identifier dispensation_id;       ///< supply/id
    physical_quantity packages;                ///< supply/quantity: packages handed out, unit "1"
    medicinal_product product;                 ///< what was actually dispensed
    std::string performer_time;                ///< performer/time: when it was handed over
    assigned_entity performer;                 ///< pharmacist and pharmacy
    instance_identifier prescription_item_id;  ///< REFR substanceAdministration/id
    std::optional<medicinal_product> prescribed_product;  ///< REFR consumable, when echoed
    bool substituted = false;                             ///< COMP act SUBST present
    friend bool operator==(const edispensation_document&, const edispensation_document&) = default;
};

}  // namespace ncpeh::translators::cda
