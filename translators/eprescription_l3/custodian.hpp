#pragma once

#include <string_view>

#include "translators/cda/participants.hpp"

namespace ncpeh::translators::eprescription_l3 {

/// The custodian of the ePrescriptions Sweden publishes: E-hälsomyndigheten, which runs the
/// national prescription store and the NCP, identified by our home community OID (bare).
cda::organization swedish_custodian(std::string_view home_community_oid);

}  // namespace ncpeh::translators::eprescription_l3
