#include "gateway/ihe/derived_id.hpp"

#include <cctype>
#include <vector>

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

std::string uuid_oid(std::string_view uuid) {
    // The hex digits as a base-16 number, turned into base 10 by repeated division by 10.
    std::vector<int> digits;
    for (const char c : uuid.substr(uuid.starts_with("urn:uuid:") ? 9 : 0)) {
        if (std::isxdigit(static_cast<unsigned char>(c))) {
            digits.push_back(std::isdigit(static_cast<unsigned char>(c))
                                 ? c - '0'
                                 : std::tolower(static_cast<unsigned char>(c)) - 'a' + 10);
        }
    }
    std::string decimal;
    while (!digits.empty()) {
        int remainder = 0;
        std::vector<int> quotient;
        for (const int d : digits) {
            const int value = remainder * 16 + d;
            if (!quotient.empty() || value / 10 != 0) {
                quotient.push_back(value / 10);
            }
            remainder = value % 10;
        }
        decimal.insert(decimal.begin(), static_cast<char>('0' + remainder));
        digits = std::move(quotient);
    }
    return "2.25." + (decimal.empty() ? std::string("0") : decimal);
}

}  // namespace ncpeh::gateway::ihe
