#include "trust/saml/transaction.hpp"

#include <array>

namespace ncpeh::trust::saml {

namespace {
constexpr std::array<std::string_view, 1> xcpd_permissions{"PRD-006"};
constexpr std::array<std::string_view, 2> eprescription_permissions{"PRD-004", "PRD-010"};
constexpr std::array<std::string_view, 1> dispensation_permissions{"PPD-046"};
}  // namespace

std::string_view name_of(transaction tx) noexcept {
    switch (tx) {
        case transaction::xcpd:
            return "xcpd";
        case transaction::xca_list:
            return "xca-list";
        case transaction::xca_retrieve:
            return "xca-retrieve";
        case transaction::xdr_dispense:
            return "xdr-dispense";
        case transaction::xdr_discard:
            return "xdr-discard";
    }
    return "unknown";
}

std::optional<transaction> parse_transaction(std::string_view name) noexcept {
    for (const transaction tx :
         {transaction::xcpd, transaction::xca_list, transaction::xca_retrieve,
          transaction::xdr_dispense, transaction::xdr_discard}) {
        if (name_of(tx) == name) {
            return tx;
        }
    }
    return std::nullopt;
}

std::span<const std::string_view> required_permissions(transaction tx) noexcept {
    switch (tx) {
        case transaction::xcpd:
            return xcpd_permissions;
        case transaction::xca_list:
        case transaction::xca_retrieve:
            return eprescription_permissions;
        case transaction::xdr_dispense:
        case transaction::xdr_discard:
            return dispensation_permissions;
    }
    return {};
}

}  // namespace ncpeh::trust::saml
