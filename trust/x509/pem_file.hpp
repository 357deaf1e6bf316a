#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "trust/error/error.hpp"

namespace ncpeh::trust::x509 {

/// The whole text of a PEM file (certificates, keys, CRLs), at most 1 MiB.
/// Errors: `errc::invalid_argument` when unreadable or larger.
result<std::string> read_pem_file(const std::filesystem::path& file);

/// Checks that `file` holds at least one PEM certificate; returns how many it holds.
result<std::size_t> check_certificate_file(const std::filesystem::path& file);

/// Checks that `key_file` holds a PEM private key (decrypted with `password` when given) that
/// belongs to the first certificate of `certificate_file`.
result<void> check_key_matches_certificate(const std::filesystem::path& certificate_file,
                                           const std::filesystem::path& key_file,
                                           const std::optional<std::string>& password);

/// Checks that `file` holds a PEM certificate revocation list.
result<void> check_crl_file(const std::filesystem::path& file);

}  // namespace ncpeh::trust::x509
