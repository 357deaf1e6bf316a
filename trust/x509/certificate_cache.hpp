#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "trust/error/error.hpp"
#include "trust/x509/certificate.hpp"

namespace ncpeh::trust::x509 {

/// Memoises the decoding of ds:X509Certificate texts (base64 DER → X509). Decoding a
/// certificate costs about a quarter of an assertion verification with OpenSSL 3 (its public-key
/// decoders), and peers send the same few seal certificates over and over. Only the parse is
/// cached here; the trust decision is `verify_certificate`'s (which remembers a success only
/// within its validity window, see `chain_verdict_cache`).
/// Bounded (cleared when full); thread-safe.
class certificate_cache {
  public:
    explicit certificate_cache(std::size_t capacity = 256) : capacity_(capacity) {}

    /// The certificate for `base64_der`, decoded once. Errors as
    /// `certificate::from_base64_der`.
    result<certificate> decode(std::string_view base64_der) const;

  private:
    std::size_t capacity_;
    mutable std::mutex mutex_;
    mutable std::unordered_map<std::string, certificate> decoded_;
};

}  // namespace ncpeh::trust::x509
