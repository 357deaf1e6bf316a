#include "gateway/ncp_a/verify_caller.hpp"

#include "gateway/net/run_on.hpp"
#include "trust/saml/verify_assertions.hpp"

namespace ncpeh::gateway::ncp_a {

boost::asio::awaitable<result<trust::saml::verified_assertions>> verify_caller(
    const responder_settings& settings, responder_services& services, const exchange& ex,
    trust::saml::transaction tx) {
    const trust::saml::policy_context context{tx, ex.received_at, ex.caller.country};
    const auto anchors = settings.assertion_anchors->current();
    const auto verify = [&] {
        return trust::saml::verify_assertions(ex.request.envelope.document(), *anchors, context,
                                              services.replay);
    };
    auto verified = co_await net::run_on_if(services.replay_blocks && services.heavy_work,
                                            services.heavy_work, verify);
    if (!verified) {
        ex.logger.warn("security.rejected", {{"partner", ex.caller.country},
                                             {"transaction", std::string(trust::saml::name_of(tx))},
                                             {"code", std::string(name_of(verified.error().code))},
                                             {"reason", verified.error().message}});
        if (services.metrics != nullptr) {
            services.metrics->count_assertion_refusal(verified.error().code);
        }
        co_return verified.error();
    }
    ex.logger.debug("security.accepted", {{"partner", ex.caller.country},
                                          {"transaction", std::string(trust::saml::name_of(tx))},
                                          {"hcp_assertion", verified->hcp().id}});
    co_return verified;
}

}  // namespace ncpeh::gateway::ncp_a
