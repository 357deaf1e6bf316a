#include "translators/cda/fhir_address.hpp"

namespace ncpeh::translators::cda {

address to_cda_address(const fhir::address& in) {
    address out;
    out.street_lines = in.line;
    out.postal_code = in.postal_code;
    out.city = in.city;
    out.country = in.country.empty() ? "SE" : in.country;
    return out;
}

std::optional<fhir::address> to_fhir_address(const address& in) {
    if (in.empty()) {
        return std::nullopt;
    }
    fhir::address out;
    out.line = in.street_lines;
    if (!in.post_box.empty()) {
        out.line.push_back(in.post_box);
    }
    out.postal_code = in.postal_code;
    out.city = in.city;
    out.country = in.country;
    return out;
}

}  // namespace ncpeh::translators::cda
