#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "trust/error/error.hpp"
#include "trust/x509/certificate.hpp"
#include "trust/xmldsig/xmlsec_runtime.hpp"

namespace ncpeh::trust::xmldsig {

/// A private key with its certificate (the seal credential), loaded once at start-up. Signing
/// works on a per-call copy of the key, so one credential is shared by every thread.
class signing_credential {
  public:
    /// Loads a PEM certificate and its PEM private key (decrypted with `password` when given).
    /// Errors: `errc::invalid_argument` (unreadable, not PEM, key does not match).
    static result<signing_credential> from_pem(std::string_view certificate_pem,
                                               std::string_view key_pem,
                                               const std::optional<std::string>& password = {});
    static result<signing_credential> load(const std::filesystem::path& certificate_file,
                                           const std::filesystem::path& key_file,
                                           const std::optional<std::string>& password = {});

    const x509::certificate& certificate() const noexcept { return certificate_; }
    /// True for an EC key (signs ECDSA-SHA256), false for RSA (RSA-SHA256).
    bool is_ec() const noexcept { return is_ec_; }
    /// A copy of the key (with its certificate) for one signing operation.
    result<key_ptr> copy_key() const;

  private:
    signing_credential(key_ptr key, x509::certificate cert, bool is_ec) noexcept
        : key_(std::move(key)), certificate_(std::move(cert)), is_ec_(is_ec) {}

    key_ptr key_;
    x509::certificate certificate_;
    bool is_ec_ = false;
};

}  // namespace ncpeh::trust::xmldsig
