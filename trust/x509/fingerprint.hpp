#pragma once

#include <openssl/x509.h>

#include <filesystem>
#include <optional>
#include <string>

namespace ncpeh::trust::x509 {

/// Lower-case hex SHA-256 of the DER encoding of `certificate` (64 characters), the form used to
/// pin partner certificates in configuration.
std::string sha256_fingerprint(X509& certificate);

/// The fingerprint of the first PEM certificate in `file`, or nullopt when none can be read.
std::optional<std::string> sha256_fingerprint_of_file(const std::filesystem::path& file);

}  // namespace ncpeh::trust::x509
