#pragma once

#include <string_view>

namespace ncpeh::trust::encoding {

/// True when `text` is an ISO/ITU-T OID in dotted-decimal form (ITU-T X.660): a first arc of
/// 0, 1 or 2, then one or more arcs of decimal digits, separated by single dots, none with a
/// leading zero ("0" itself is an arc). "1.2.752.129.2.1.3.1" and "2.16" are OIDs; "2", "3.1",
/// "1..2", "1.2.", "1.02" and "urn:oid:1.2" are not. The one OID check of the project: the
/// configuration's OIDs, the assigning authorities of IHE patient ids, the code systems and id
/// roots read from foreign CDA documents.
bool is_oid(std::string_view text) noexcept;

}  // namespace ncpeh::trust::encoding
