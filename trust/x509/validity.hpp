#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "trust/error/error.hpp"

namespace ncpeh::trust::x509 {

/// When one piece of trust material may be used: a certificate between notBefore and notAfter,
/// a CRL between its thisUpdate and nextUpdate (after which revocation cannot be checked).
struct validity_window {
    /// The certificate's subject or the CRL's issuer (RFC 2253). Names of organisations and
    /// services, not of persons.
    std::string subject;
    std::chrono::sys_seconds not_before{};
    std::chrono::sys_seconds not_after{};
};

/// The windows of every certificate in a PEM file, in file order.
/// Errors: `errc::invalid_argument` when unreadable or without certificates.
result<std::vector<validity_window>> certificate_windows(const std::filesystem::path& pem_file);

/// The windows of every CRL in a PEM file, in file order; a CRL without nextUpdate never
/// expires (`not_after` = the largest time).
/// Errors: `errc::invalid_argument` when unreadable or without CRLs.
result<std::vector<validity_window>> crl_windows(const std::filesystem::path& pem_file);

}  // namespace ncpeh::trust::x509
