#include "translators/eprescription_l3/custodian.hpp"

namespace ncpeh::translators::eprescription_l3 {

cda::organization swedish_custodian(std::string_view home_community_oid) {
    cda::organization custodian;
    custodian.ids.push_back({std::string(home_community_oid), {}, {}});
    custodian.name = "E-hälsomyndigheten";
    custodian.telecoms.push_back({"WP", "tel:+46104586200", {}});
    custodian.addr.post_box = "Box 913";
    custodian.addr.postal_code = "391 29";
    custodian.addr.city = "Kalmar";
    custodian.addr.country = "SE";
    return custodian;
}

}  // namespace ncpeh::translators::eprescription_l3
