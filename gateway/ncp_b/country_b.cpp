#include "gateway/ncp_b/country_b.hpp"

#include <algorithm>

#include "translators/eprescription_l3/custodian.hpp"

namespace ncpeh::gateway::ncp_b {

result<const partner_country*> partner_for(const country_b_settings& settings,
                                           std::string_view country) {
    for (const partner_country& p : settings.partners) {
        if (p.country == country) {
            return &p;
        }
    }
    return make_error(errc::country_unknown,
                      "no partner country offering ePrescription has this code")
        .with("element", "country")
        .with("country", std::string(country));
}

namespace {

std::string bare_oid(const std::string& urn) {
    constexpr std::string_view prefix = "urn:oid:";
    return urn.starts_with(prefix) ? urn.substr(prefix.size()) : urn;
}

}  // namespace

result<country_b_settings> country_b_settings_of(
    const config::configuration& c, const translators::terminology::terminology& tables,
    const trust::xmldsig::signing_credential_slot& seal) {
    country_b_settings s;
    s.issuer = {c.country, c.home_community_id, &seal};
    s.home_community_id = bare_oid(c.home_community_id);
    s.xml_limits.max_bytes = c.limits.max_request_bytes;
    s.xml_limits.max_depth = c.limits.max_xml_depth;
    s.tables = &tables;
    s.session_duration = c.country_b.session;
    s.edispensation.dispensation_id_root = c.country_b.dispensation_id_root;
    s.edispensation.custodian =
        translators::eprescription_l3::swedish_custodian(s.home_community_id);
    s.delivery_deadline = c.country_b.outbox.delivery_deadline;
    for (const config::partner& p : c.partners) {
        if (p.search_mask.empty()) {
            continue;  // not offered to Swedish pharmacies
        }
        std::vector<search_field> fields;
        for (const config::search_field& f : p.search_mask) {
            fields.push_back({f.oid, f.label, f.pattern, f.mandatory, "identifier"});
        }
        auto mask = search_mask::compile(std::move(fields));
        if (!mask) {
            return mask.error();
        }
        s.partners.push_back({p.country, bare_oid(p.home_community_id), p.xcpd_url, p.xca_url,
                              p.xdr_url, p.timeout, std::move(*mask)});
    }
    for (const config::pharmacy& p : c.pharmacies) {
        s.pharmacies.push_back({p.gln, p.name, p.organization_id, p.locality});
    }
    return s;
}

delivery_settings delivery_settings_of(const config::configuration& c) {
    delivery_settings d;
    d.first_retry = c.country_b.outbox.first_retry;
    d.max_retry = c.country_b.outbox.max_retry;
    d.max_age = c.country_b.outbox.max_age;
    // A claim must outlast any attempt, or a slow attempt's record could be sent twice.
    for (const config::partner& p : c.partners) {
        d.lease = std::max<std::chrono::milliseconds>(d.lease, 2 * p.timeout);
    }
    return d;
}

const pharmacy* pharmacy_by_gln(const country_b_settings& settings, std::string_view gln) noexcept {
    for (const pharmacy& p : settings.pharmacies) {
        if (p.gln == gln) {
            return &p;
        }
    }
    return nullptr;
}

}  // namespace ncpeh::gateway::ncp_b
