#pragma once

#include <string>

namespace ncpeh::gateway::ihe {

/// An HL7v3 instance identifier (II): `root` (an OID or UUID) and an optional `extension`.
struct instance_id {
    std::string root;
    std::string extension;

    friend bool operator==(const instance_id&, const instance_id&) = default;
};

}  // namespace ncpeh::gateway::ihe
