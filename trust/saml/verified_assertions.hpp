#pragma once

#include <optional>
#include <string>

#include "trust/saml/assertion.hpp"
#include "trust/x509/verify_certificate.hpp"

namespace ncpeh::trust::saml {

namespace detail {
struct verified_assertions_factory;
}  // namespace detail

/// The assertions of one request after every check passed: position in the message, signature
/// binding, algorithms, signer chain, eHDSI policy for the transaction, signer country and
/// replay. Only `verify_assertions` / `check_assertions` (trust/saml) can make one, so code
/// that holds it knows the claims are verified. Read-only.
class verified_assertions {
  public:
    const assertion& hcp() const noexcept { return hcp_; }
    const std::optional<assertion>& trc() const noexcept { return trc_; }
    const std::optional<assertion>& nok() const noexcept { return nok_; }
    /// The HCP signer's chain verdict (its country is the calling country).
    const x509::chain_verdict& hcp_signer() const noexcept { return hcp_signer_; }

  private:
    friend struct detail::verified_assertions_factory;
    verified_assertions(assertion hcp, std::optional<assertion> trc, std::optional<assertion> nok,
                        x509::chain_verdict hcp_signer)
        : hcp_(std::move(hcp)),
          trc_(std::move(trc)),
          nok_(std::move(nok)),
          hcp_signer_(std::move(hcp_signer)) {}

    assertion hcp_;
    std::optional<assertion> trc_;
    std::optional<assertion> nok_;
    x509::chain_verdict hcp_signer_;
};

}  // namespace ncpeh::trust::saml
