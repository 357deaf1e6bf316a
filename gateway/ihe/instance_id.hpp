#pragma once

#include <libxml/tree.h>

#include <string>
#include <string_view>

namespace ncpeh::gateway::ihe {

/// An HL7v3 instance identifier (II): `root` (an OID or UUID) and an optional `extension`.
struct instance_id {
    std::string root;
    std::string extension;

    friend bool operator==(const instance_id&, const instance_id&) = default;
};

/// The II an HL7v3 element carries: its `root` and `extension` attributes (empty when absent).
instance_id instance_id_of(const xmlNode& element);

/// Appends `<{element} root="…" extension="…"/>`, without `extension` when it is empty. The
/// element is unprefixed: the HL7v3 writers declare `urn:hl7-org:v3` as the default namespace.
void append_instance_id(std::string& out, std::string_view element, const instance_id& id);

}  // namespace ncpeh::gateway::ihe
