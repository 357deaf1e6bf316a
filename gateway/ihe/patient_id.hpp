#pragma once

#include <string>
#include <string_view>

#include "trust/error/error.hpp"

namespace ncpeh::gateway::ihe {

/// A patient identifier: the assigning authority's OID and the id within it (HL7v3 II
/// root/extension; in XDS metadata the CX `extension^^^&root&ISO`).
struct patient_id {
    std::string root;
    std::string extension;

    friend bool operator==(const patient_id&, const patient_id&) = default;
};

/// A CX value as received. OpenNCP-era Swedish senders swapped root and extension
/// (`2.16.17.710.811^^^&199604092388&ISO`, ehdsi-protocol.md §9.2); such a value is read the
/// right way round and flagged so the caller can log the quirk.
struct parsed_patient_id {
    patient_id id;
    bool root_extension_swapped = false;
};

/// Parses an XDS CX patient id `EXT^^^&ROOT&ISO`. Surrounding single quotes (the stored-query
/// slot form) and white space are removed; components after the fourth are ignored. When the
/// extension is an OID and the root is not, the two are swapped back and flagged. An empty
/// extension, a missing or non-OID assigning authority, or a universal id type other than ISO
/// gives errc::ihe_request_invalid (the message never quotes the value: it is personal data).
result<parsed_patient_id> parse_patient_id(std::string_view cx);

/// `extension^^^&root&ISO`, unquoted and unescaped (escape it when writing XML).
std::string format_patient_id(const patient_id& id);

}  // namespace ncpeh::gateway::ihe
