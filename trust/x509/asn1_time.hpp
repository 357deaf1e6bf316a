#pragma once

#include <openssl/asn1.h>

#include <chrono>
#include <optional>

namespace ncpeh::trust::x509 {

/// An ASN.1 UTCTime/GeneralizedTime as a point in time; nullopt when absent or malformed.
std::optional<std::chrono::sys_seconds> time_of(const ASN1_TIME* time);

}  // namespace ncpeh::trust::x509
