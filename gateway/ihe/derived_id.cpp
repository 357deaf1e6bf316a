#include "gateway/ihe/derived_id.hpp"

#include <openssl/evp.h>

#include <stdexcept>

namespace ncpeh::gateway::ihe {

std::string derived_uuid_urn(std::string_view base, std::string_view name) {
    std::string input;
    input.reserve(base.size() + name.size() + 1);
    input.append(base).append(1, '\n').append(name);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(input.data(), input.size(), digest, &length, EVP_sha1(), nullptr) != 1 ||
        length < 16) {
        throw std::runtime_error("SHA-1 digest failed");
    }
    digest[6] = static_cast<unsigned char>((digest[6] & 0x0F) | 0x50);
    digest[8] = static_cast<unsigned char>((digest[8] & 0x3F) | 0x80);
    static constexpr char hex[] = "0123456789abcdef";
    std::string out = "urn:uuid:";
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) {
            out += '-';
        }
        out += hex[digest[i] >> 4];
        out += hex[digest[i] & 0x0F];
    }
    return out;
}

}  // namespace ncpeh::gateway::ihe
