#pragma once

// The Swedish assertion issuer of the country-B unit tests: the dev PKI's SE seal.

#include <filesystem>
#include <memory>

#include "gateway/ncp_b/pharmacist_assertions.hpp"
#include "tests/support/test_files.hpp"
#include "trust/xmldsig/signing_credential.hpp"
#include "trust/xmldsig/signing_credential_slot.hpp"

namespace ncpeh::testing {

inline std::filesystem::path dev_pki() {
    return source_dir() / "samples/pki/generated";
}

inline const trust::xmldsig::signing_credential& se_seal() {
    static const auto seal = trust::xmldsig::signing_credential::load(dev_pki() / "se-seal.pem",
                                                                      dev_pki() / "se-seal.key")
                                 .value();
    return seal;
}

/// The SE seal as the issuer takes it (a slot nothing replaces in these tests).
inline const trust::xmldsig::signing_credential_slot& se_seal_slot() {
    static const trust::xmldsig::signing_credential_slot slot(
        std::make_shared<const trust::xmldsig::signing_credential>(
            trust::xmldsig::signing_credential::load(dev_pki() / "se-seal.pem",
                                                     dev_pki() / "se-seal.key")
                .value()));
    return slot;
}

inline gateway::ncp_b::assertion_issuer sweden_issuer() {
    return {"SE", "urn:oid:2.999.752.1.1", &se_seal_slot()};
}

}  // namespace ncpeh::testing
