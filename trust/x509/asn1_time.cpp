#include "trust/x509/asn1_time.hpp"

#include <openssl/err.h>

#include <ctime>

namespace ncpeh::trust::x509 {

std::optional<std::chrono::sys_seconds> time_of(const ASN1_TIME* time) {
    std::tm tm{};
    if (time == nullptr || ASN1_TIME_to_tm(time, &tm) != 1) {
        ERR_clear_error();
        return std::nullopt;
    }
    return std::chrono::sys_seconds{std::chrono::seconds{timegm(&tm)}};
}

}  // namespace ncpeh::trust::x509
