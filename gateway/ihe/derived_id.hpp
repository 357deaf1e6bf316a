#pragma once

#include <string>
#include <string_view>

namespace ncpeh::gateway::ihe {

/// A `urn:uuid:` derived from `base` and `name` (SHA-1 of both, version 5 layout as in RFC 4122
/// §4.3). The ebRS writers use it to give every Classification, ExternalIdentifier and
/// Association of a document entry its own id without a random source, so output is
/// deterministic and ids stay distinct (`base` is the entry's own random urn:uuid).
std::string derived_uuid_urn(std::string_view base, std::string_view name);

/// The OID of a UUID (ITU-T X.667): "2.25." + the UUID's 128 bits as a decimal number. XDS
/// unique ids of submission sets must be OIDs. `uuid` may carry the `urn:uuid:` prefix.
std::string uuid_oid(std::string_view uuid);

}  // namespace ncpeh::gateway::ihe
