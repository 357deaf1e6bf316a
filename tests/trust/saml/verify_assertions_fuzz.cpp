// Fuzz target: the SAML assertions of a SOAP header (trust/saml), as a request's header reaches
// them. First the checks before any cryptography, each on its own: the hardened parse, the
// header layout against signature wrapping (`find_header_assertions`), the reading of each
// assertion (`parse_unverified_assertion`) and the eHDSI policy on what was read. Then the
// whole verification (`check_assertions`): ID registration, signature binding and xmlsec
// against a fixed anchor, at a fixed time.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "tests/support/fuzz_input.hpp"
#include "trust/saml/check_assertion_policy.hpp"
#include "trust/saml/parse_unverified_assertion.hpp"
#include "trust/saml/security_header.hpp"
#include "trust/saml/verify_assertions.hpp"
#include "trust/x509/trust_store.hpp"
#include "trust/xml/date_time.hpp"
#include "trust/xml/document.hpp"

namespace saml = ncpeh::trust::saml;
namespace x509 = ncpeh::trust::x509;
namespace xml = ncpeh::trust::xml;

namespace {

// A self-signed anchor made for this target only (its key was not kept): no input can carry a
// valid signature, so the fuzzer exercises every check up to and including the cryptography.
constexpr std::string_view anchor_pem = R"(-----BEGIN CERTIFICATE-----
MIIB/DCCAaOgAwIBAgIUUEJ/k6XzMnTihKz+5CmWOexDgS8wCgYIKoZIzj0EAwIw
UzELMAkGA1UEBhMCU0UxKDAmBgNVBAoMH25jcGVoIGZ1enogdGFyZ2V0IChubyBr
ZXkga2VwdCkxGjAYBgNVBAMMEW5jcGVoIGZ1enogYW5jaG9yMCAXDTI2MTIwNzE0
NDAxOVoYDzIxMjYxMTEzMTQ0MDE5WjBTMQswCQYDVQQGEwJTRTEoMCYGA1UECgwf
bmNwZWggZnV6eiB0YXJnZXQgKG5vIGtleSBrZXB0KTEaMBgGA1UEAwwRbmNwZWgg
ZnV6eiBhbmNob3IwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAATNvAky4aa04vY2
fZBOaGQjkGD89p3qcDHxJTwnutCFZ0oX0idolSB1u0+sfqZzY9yWHpbmMKN0/Xvk
aPZmTAUuo1MwUTAdBgNVHQ4EFgQUiE1t21umRRkoziAp3gWRxIlaGFAwHwYDVR0j
BBgwFoAUiE1t21umRRkoziAp3gWRxIlaGFAwDwYDVR0TAQH/BAUwAwEB/zAKBggq
hkjOPQQDAgNHADBEAiAzJ5IjCXFLKvN6/z8gjX3Tr5q9fg5zQkOXM9IYslhHdAIg
K+I5CHhQzDs7Rk9kbHCfU4r1PIJwF/NTKS13CwQzl90=
-----END CERTIFICATE-----
)";

const x509::trust_store& anchor() {
    static const x509::trust_store store =
        x509::trust_store::from_pem(x509::store_kind::assertion_signatures, anchor_pem).value();
    return store;
}

saml::policy_context context() {
    return {saml::transaction::xca_list, xml::parse_date_time("2026-07-26T12:00:00Z").value(),
            std::string("SE")};
}

void check_policies(const std::vector<saml::assertion>& models, const saml::policy_context& at) {
    const saml::assertion* hcp = nullptr;
    for (const saml::assertion& model : models) {
        if (model.kind == saml::assertion_kind::hcp && hcp == nullptr) {
            hcp = &model;
        }
    }
    for (const saml::assertion& model : models) {
        switch (model.kind) {
            case saml::assertion_kind::hcp:
                (void)saml::check_hcp_policy(model, at);
                break;
            case saml::assertion_kind::trc:
                if (hcp != nullptr) {
                    (void)saml::check_trc_policy(model, *hcp, at);
                }
                break;
            case saml::assertion_kind::nok:
                (void)saml::check_nok_policy(model, at);
                break;
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto input = ncpeh::testing::fuzz::text_of(data, size);
    const saml::policy_context at = context();
    auto doc = xml::parse_document(input);
    if (!doc) {
        return 0;
    }
    if (const auto nodes = saml::find_header_assertions(*doc)) {
        std::vector<saml::assertion> models;
        for (const xmlNode* node : *nodes) {
            if (auto model = saml::parse_unverified_assertion(*node)) {
                models.push_back(std::move(*model));
            }
        }
        check_policies(models, at);
    }
    (void)saml::check_assertions(input, anchor(), at, nullptr);
    return 0;
}
