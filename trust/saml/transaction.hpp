#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace ncpeh::trust::saml {

/// The cross-border transactions whose assertions the gateway checks (NCP-A side).
enum class transaction {
    xcpd,          ///< ITI-55 patient identification: HCP only
    xca_list,      ///< ITI-38 ePrescription list: HCP + TRC
    xca_retrieve,  ///< ITI-39 ePrescription retrieve: HCP + TRC
    xdr_dispense,  ///< ITI-41 eDispensation: HCP + TRC
    xdr_discard,   ///< ITI-41 dispensation discard: HCP (with organization-id) + TRC
};

/// "xcpd", "xca-list", "xca-retrieve", "xdr-dispense", "xdr-discard".
std::string_view name_of(transaction tx) noexcept;
std::optional<transaction> parse_transaction(std::string_view name) noexcept;

/// True when the transaction needs a TRC assertion (everything but XCPD).
constexpr bool needs_trc(transaction tx) noexcept {
    return tx != transaction::xcpd;
}

/// The HL7 permission codes the HCP must all hold (ehdsi-protocol.md §7.4, OpenNCP default
/// policy): XCPD PRD-006; ePrescription list/retrieve PRD-004 and PRD-010; dispensation and
/// discard PPD-046.
std::span<const std::string_view> required_permissions(transaction tx) noexcept;

}  // namespace ncpeh::trust::saml
