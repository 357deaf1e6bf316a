#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "translators/cda/data_types.hpp"
#include "translators/cda/document_header.hpp"
#include "translators/cda/medicinal_product.hpp"

namespace ncpeh::translators::cda {

/// Frequency `effectiveTime[@operator='A']` as PIVL_TS: every `value` `unit` ("12" "h").
struct periodic_interval {
    std::string value;
    std::string unit;
    bool institution_specified = false;
    friend bool operator==(const periodic_interval&, const periodic_interval&) = default;
};

/// Frequency as EIVL_TS: an event from eHDSITimingEvent (ACM, HS, …).
struct event_timing {
    coded_value event;
    friend bool operator==(const event_timing&, const event_timing&) = default;
};

/// The frequency choice: none known (written as a plain TS nullFlavor only when no validity
/// period is known either, ehdsi-cda.md pitfall #5), periodic, or event-related.
using dosage_frequency = std::variant<std::monostate, periodic_interval, event_timing>;

/// One prescription item: `substanceAdministration` (template …3.1.3.2, 2023-07-03).
struct prescription_item {
    instance_identifier id;  ///< Prescription item ID (eD REFR quotes it)
    std::string status_code = "active";
    std::string validity_low;  ///< CDA TS; empty = nullFlavor UNK
    std::string validity_high;
    dosage_frequency frequency;
    coded_value route;           ///< eHDSIRouteofAdministration, optional
    physical_quantity dose_low;  ///< doseQuantity/low, optional
    physical_quantity dose_high;
    medicinal_product product;
    physical_quantity packages;           ///< COMP supply quantity, unit "1"
    coded_value substitution;             ///< SUBST value N/G/TE; empty = no observation
    std::string dosage_text;              ///< original-language dosage (narrative)
    std::string patient_instructions;     ///< PINSTRUCT (narrative)
    std::string fulfilment_instructions;  ///< FINSTRUCT (narrative)
    std::string treatment_reason;         ///< shown in the narrative only
    /// What the item's `text/reference` points to in the section narrative, whitespace
    /// collapsed (read only: foreign peers put the original-language dosage there).
    std::string narrative_text;
    friend bool operator==(const prescription_item&, const prescription_item&) = default;
};

/// An eHDSI ePrescription (L3): header + the Prescription section (57828-6) with exactly one
/// item (ehdsi-cda.md §0.1).
struct eprescription_document {
    document_header header;
    instance_identifier prescription_id;  ///< section id: what eD inFulfillmentOf/order/id quotes
    prescription_item item;
    /// Items after the first, as read from peers that put several entries in one document (the
    /// 2024 template allows one; writers ignore this, readers keep them so nothing is lost).
    std::vector<prescription_item> further_items;
    friend bool operator==(const eprescription_document&, const eprescription_document&) = default;
};

}  // namespace ncpeh::translators::cda
