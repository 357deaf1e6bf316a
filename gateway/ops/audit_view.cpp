#include "gateway/ops/audit_view.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace ncpeh::gateway::ops {

namespace {

constexpr std::string_view mask = "********";

std::string timestamp_of(std::chrono::system_clock::time_point at) {
    return fmt::format("{:%Y-%m-%dT%H:%M:%S}Z", std::chrono::floor<std::chrono::seconds>(at));
}

}  // namespace

std::string masked_patient_id(std::string_view cx) {
    if (cx.empty()) {
        return {};
    }
    const auto components = cx.find('^');
    return std::string(mask) + (components == std::string_view::npos
                                    ? std::string()
                                    : std::string(cx.substr(components)));
}

std::string transactions_json(const std::vector<audit::audit_event>& events, bool unmasked) {
    boost::json::array listed;
    for (const audit::audit_event& e : events) {
        listed.push_back(boost::json::object{
            {"at", timestamp_of(e.at)},
            {"transaction", e.transaction},
            {"partner", e.partner_country},
            {"outcome", std::string(audit::name_of(e.outcome))},
            {"error", e.error_name},
            {"patient", unmasked ? e.patient_id : masked_patient_id(e.patient_id)},
            {"requester", unmasked || e.requester.empty() ? e.requester : std::string(mask)},
            {"role", e.requester_role},
            {"organization", e.requester_organisation},  // a pharmacy or NCP: not personal data
            {"documents", e.document_ids.size()},
            {"message_id", e.message_id}});
    }
    return boost::json::serialize(
        boost::json::object{{"unmasked", unmasked}, {"transactions", std::move(listed)}});
}

std::string kpi_json(std::string_view from, std::string_view to,
                     const std::vector<audit::kpi_row>& rows) {
    boost::json::array listed;
    for (const audit::kpi_row& r : rows) {
        listed.push_back(boost::json::object{{"month", r.month},
                                             {"country", r.country},
                                             {"all", r.all},
                                             {"eP", r.eprescription},
                                             {"eD", r.edispensation},
                                             {"eD_discard", r.edispensation_discard},
                                             {"failed", r.failed}});
    }
    return boost::json::serialize(
        boost::json::object{{"from", from}, {"to", to}, {"rows", std::move(listed)}});
}

}  // namespace ncpeh::gateway::ops
