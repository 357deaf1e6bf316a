#include "gateway/ncp_b/assertion_headers.hpp"

#include <algorithm>
#include <array>

#include "gateway/soap/security_header.hpp"

namespace ncpeh::gateway::ncp_b {

namespace {

// Long enough for one call and its retries, short enough to be worthless if it leaked.
constexpr auto call_validity = std::chrono::minutes(10);

}  // namespace

result<patient_security> security_for_patient(const assertion_issuer& issuer,
                                              const pharmacist_session& session,
                                              std::string_view patient_cx,
                                              std::chrono::system_clock::time_point now) {
    const auto left = std::chrono::duration_cast<std::chrono::seconds>(session.expires_at - now);
    if (left <= std::chrono::seconds(0)) {
        return make_error(errc::session_invalid, "the session has ended; start a new session");
    }
    const auto validity = std::min<std::chrono::seconds>(left, call_validity);
    auto hcp =
        issue_pharmacist_assertion(issuer, session.pharmacy, session.pharmacist, now, validity);
    if (!hcp) {
        return hcp.error();
    }
    if (patient_cx.empty()) {
        return patient_security{
            soap::write_security_header(std::span(&hcp->xml, 1)), {}, std::move(hcp->id)};
    }
    auto trc =
        issue_treatment_assertion(issuer, session.pharmacist, hcp->id, patient_cx, now, validity);
    if (!trc) {
        return trc.error();
    }
    const std::array<std::string, 2> assertions{std::move(hcp->xml), std::move(trc->xml)};
    return patient_security{soap::write_security_header(assertions), std::move(trc->id),
                            std::move(hcp->id)};
}

result<patient_security> fresh_security_for_patient(const assertion_issuer& issuer,
                                                    const pharmacy& at, const pharmacist& who,
                                                    std::string_view patient_cx,
                                                    std::chrono::system_clock::time_point now) {
    auto hcp = issue_pharmacist_assertion(issuer, at, who, now, call_validity);
    if (!hcp) {
        return hcp.error();
    }
    auto trc = issue_treatment_assertion(issuer, who, hcp->id, patient_cx, now, call_validity);
    if (!trc) {
        return trc.error();
    }
    const std::array<std::string, 2> assertions{std::move(hcp->xml), std::move(trc->xml)};
    return patient_security{soap::write_security_header(assertions), std::move(trc->id),
                            std::move(hcp->id)};
}

}  // namespace ncpeh::gateway::ncp_b
