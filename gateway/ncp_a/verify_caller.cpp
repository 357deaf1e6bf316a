#include "gateway/ncp_a/verify_caller.hpp"

#include "trust/saml/verify_assertions.hpp"

namespace ncpeh::gateway::ncp_a {

result<trust::saml::verified_assertions> verify_caller(const responder_settings& settings,
                                                       responder_services& services,
                                                       const exchange& ex,
                                                       trust::saml::transaction tx) {
    const trust::saml::policy_context context{tx, ex.received_at, ex.caller.country};
    const auto anchors = settings.assertion_anchors->current();
    auto verified = trust::saml::verify_assertions(ex.request.envelope.document(), *anchors,
                                                   context, services.replay);
    if (!verified) {
        ex.logger.warn("security.rejected", {{"partner", ex.caller.country},
                                             {"transaction", std::string(trust::saml::name_of(tx))},
                                             {"code", std::string(name_of(verified.error().code))},
                                             {"reason", verified.error().message}});
        if (services.metrics != nullptr) {
            services.metrics->count_assertion_refusal(verified.error().code);
        }
        return verified.error();
    }
    ex.logger.debug("security.accepted", {{"partner", ex.caller.country},
                                          {"transaction", std::string(trust::saml::name_of(tx))},
                                          {"hcp_assertion", verified->hcp().id}});
    return verified;
}

}  // namespace ncpeh::gateway::ncp_a
