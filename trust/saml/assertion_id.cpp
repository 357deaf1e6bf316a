#include "trust/saml/assertion_id.hpp"

#include <openssl/rand.h>

#include <array>
#include <cstdio>

namespace ncpeh::trust::saml {

result<std::string> make_assertion_id() {
    std::array<unsigned char, 16> bytes{};
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
        return make_error(errc::internal, "the random generator failed");
    }
    bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0F) | 0x40);
    bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3F) | 0x80);
    std::string id = "_";
    char hex[3];
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) {
            id.push_back('-');
        }
        std::snprintf(hex, sizeof hex, "%02x", bytes[i]);
        id.append(hex);
    }
    return id;
}

}  // namespace ncpeh::trust::saml
