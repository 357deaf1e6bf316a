#include "trust/saml/verify_assertions.hpp"

#include <algorithm>

#include "trust/saml/parse_unverified_assertion.hpp"
#include "trust/saml/security_header.hpp"
#include "trust/xml/navigate.hpp"
#include "trust/xmldsig/register_id.hpp"
#include "trust/xmldsig/verify_assertion_signature.hpp"

namespace ncpeh::trust::saml {

namespace detail {
struct verified_assertions_factory {
    static verified_assertions make(assertion hcp, std::optional<assertion> trc,
                                    std::optional<assertion> nok, x509::chain_verdict signer) {
        return verified_assertions(std::move(hcp), std::move(trc), std::move(nok),
                                   std::move(signer));
    }
};
}  // namespace detail

namespace {

struct slot {
    xmlNode* node = nullptr;
    std::optional<assertion> model;
};

// Index of the single assertion of `kind`, or -1.
int index_of(const std::vector<slot>& slots, assertion_kind kind) {
    for (std::size_t i = 0; i < slots.size(); ++i) {
        if (slots[i].model && slots[i].model->kind == kind) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

std::optional<error> message_level_checks(const std::vector<slot>& slots,
                                          const policy_context& context) {
    for (const assertion_kind kind :
         {assertion_kind::hcp, assertion_kind::trc, assertion_kind::nok}) {
        std::size_t count = 0;
        for (const slot& s : slots) {
            count += s.model && s.model->kind == kind ? 1 : 0;
        }
        if (count > 1) {
            return make_error(errc::signature_binding_invalid,
                              "more than one assertion of the same kind")
                .with("assertion", std::string(name_of(kind)));
        }
    }
    if (index_of(slots, assertion_kind::hcp) < 0) {
        return make_error(errc::hcp_assertion_missing, "no HCP identity assertion received");
    }
    if (needs_trc(context.tx) && index_of(slots, assertion_kind::trc) < 0) {
        return make_error(errc::trc_assertion_missing,
                          "no TRC assertion received; the transaction requires one")
            .with("transaction", std::string(name_of(context.tx)));
    }
    return std::nullopt;
}

}  // namespace

const error* assertion_verdict::first_error() const noexcept {
    if (parse_error) {
        return &*parse_error;
    }
    if (signature_error) {
        return &*signature_error;
    }
    if (policy_error) {
        return &*policy_error;
    }
    return nullptr;
}

error assertions_report::first_error() const {
    if (message_error) {
        return *message_error;
    }
    for (const assertion_verdict& verdict : assertions) {
        if (const error* e = verdict.first_error()) {
            return *e;
        }
    }
    return make_error(errc::internal, "assertions were not verified");
}

assertions_report check_assertions(std::string_view message, const x509::trust_store& store,
                                   const policy_context& context, replay_cache* replay) {
    auto parsed = xml::parse_document(message);
    if (!parsed) {
        assertions_report report;
        report.message_error = parsed.error();
        return report;
    }
    return check_assertions(*parsed, store, context, replay);
}

assertions_report check_assertions(xml::document& doc, const x509::trust_store& store,
                                   const policy_context& context, replay_cache* replay) {
    assertions_report report;
    auto nodes = find_header_assertions(doc);
    if (!nodes) {
        report.message_error = nodes.error();
        return report;
    }
    std::vector<slot> slots;
    for (xmlNode* node : *nodes) {
        assertion_verdict verdict;
        verdict.id = std::string(xml::attribute(*node, "ID").value_or(""));
        slot s{node, std::nullopt};
        if (auto model = parse_unverified_assertion(*node)) {
            verdict.kind = model->kind;
            s.model = std::move(*model);
        } else {
            verdict.parse_error = model.error();
        }
        report.assertions.push_back(std::move(verdict));
        slots.push_back(std::move(s));
    }
    report.message_error = message_level_checks(slots, context);

    // IDs first, for all assertions, so a duplicate across assertions is caught before any
    // reference is resolved.
    for (std::size_t i = 0; i < slots.size(); ++i) {
        if (auto registered = xmldsig::register_id(doc, *slots[i].node, "ID"); !registered) {
            report.assertions[i].signature_error = registered.error();
        }
    }
    for (std::size_t i = 0; i < slots.size(); ++i) {
        assertion_verdict& verdict = report.assertions[i];
        if (verdict.parse_error || verdict.signature_error) {
            continue;
        }
        auto signature =
            xmldsig::verify_assertion_signature(doc, *slots[i].node, store, context.at);
        if (!signature) {
            verdict.signature_error = signature.error();
        } else {
            verdict.chain = std::move(signature->chain);
        }
    }
    const int hcp_index = index_of(slots, assertion_kind::hcp);
    for (std::size_t i = 0; i < slots.size(); ++i) {
        assertion_verdict& verdict = report.assertions[i];
        if (verdict.parse_error || verdict.signature_error) {
            continue;
        }
        const assertion& model = *slots[i].model;
        result<void> policy;
        switch (model.kind) {
            case assertion_kind::hcp:
                policy = check_hcp_policy(model, context);
                break;
            case assertion_kind::trc:
                policy = hcp_index < 0
                             ? result<void>(make_error(errc::hcp_assertion_missing,
                                                       "a TRC needs the HCP assertion it names"))
                             : check_trc_policy(model, *slots[hcp_index].model, context);
                break;
            case assertion_kind::nok:
                policy = check_nok_policy(model, context);
                break;
        }
        if (policy) {
            policy = check_signer_country(verdict.chain->country, context);
        }
        verdict.policy_checked = true;
        verdict.country_checked = context.tls_peer_country.has_value();
        if (!policy) {
            verdict.policy_error = policy.error();
        }
    }
    const bool all_valid = std::all_of(report.assertions.begin(), report.assertions.end(),
                                       [](const assertion_verdict& v) { return v.is_valid(); });
    if (report.message_error || !all_valid) {
        return report;
    }
    if (replay != nullptr) {
        bool replayed = false;
        for (std::size_t i = 0; i < slots.size(); ++i) {
            const assertion& model = *slots[i].model;
            const auto expires = std::chrono::time_point_cast<std::chrono::system_clock::duration>(
                                     *model.not_on_or_after) +
                                 clock_skew;
            if (auto fresh = replay->remember(*model.issuer, model.id, expires, context.at);
                !fresh) {
                report.assertions[i].policy_error = fresh.error();
                replayed = true;
            }
        }
        if (replayed) {
            return report;
        }
    }
    const int trc_index = index_of(slots, assertion_kind::trc);
    const int nok_index = index_of(slots, assertion_kind::nok);
    report.verified = detail::verified_assertions_factory::make(
        *slots[hcp_index].model,
        trc_index < 0 ? std::nullopt : std::optional<assertion>(*slots[trc_index].model),
        nok_index < 0 ? std::nullopt : std::optional<assertion>(*slots[nok_index].model),
        *report.assertions[hcp_index].chain);
    return report;
}

namespace {

result<verified_assertions> verdict_of(assertions_report report) {
    if (report.verified) {
        return std::move(*report.verified);
    }
    return report.first_error();
}

}  // namespace

result<verified_assertions> verify_assertions(std::string_view message,
                                              const x509::trust_store& store,
                                              const policy_context& context, replay_cache* replay) {
    return verdict_of(check_assertions(message, store, context, replay));
}

result<verified_assertions> verify_assertions(xml::document& message,
                                              const x509::trust_store& store,
                                              const policy_context& context, replay_cache* replay) {
    return verdict_of(check_assertions(message, store, context, replay));
}

}  // namespace ncpeh::trust::saml
