#include "gateway/soap/response.hpp"

#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <stdexcept>

#include "gateway/soap/envelope_text.hpp"

namespace ncpeh::gateway::soap {

std::string write_envelope(const response_addressing& headers, std::string_view body_xml) {
    std::string out;
    out.reserve(body_xml.size() + 600);
    append_envelope_start(out, headers.action);
    if (!headers.relates_to.empty()) {
        append_addressing_header(out, "RelatesTo", headers.relates_to);
    }
    append_addressing_header(out, "MessageID", headers.message_id);
    append_envelope_end(out, body_xml);
    return out;
}

result<decoded_response> decode_response(std::string_view content_type_header,
                                         std::string_view body,
                                         const trust::xml::parse_limits& limits) {
    return decode_message(content_type_header, body, limits, message_direction::response);
}

namespace {

/// Random bytes drawn from OpenSSL in blocks: each RAND_bytes call costs several microseconds
/// of locking and fork checks, and a response needs two or three identifiers. Per thread, so
/// no lock; ncpeh never forks, so a child cannot repeat a parent's block.
class random_block {
  public:
    void take(unsigned char* out, std::size_t n) {
        if (used_ + n > block_.size()) {
            if (RAND_bytes(block_.data(), static_cast<int>(block_.size())) != 1) {
                throw std::runtime_error("RAND_bytes failed");
            }
            used_ = 0;
        }
        std::copy_n(block_.data() + used_, n, out);
        used_ += n;  // each byte is handed out once
    }

  private:
    std::array<unsigned char, 512> block_{};
    std::size_t used_ = block_.size();
};

}  // namespace

std::string make_uuid_urn() {
    thread_local random_block randomness;
    unsigned char bytes[16];
    randomness.take(bytes, sizeof bytes);
    bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0F) | 0x40);
    bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3F) | 0x80);
    static constexpr char hex[] = "0123456789abcdef";
    std::string out = "urn:uuid:";
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) {
            out += '-';
        }
        out += hex[bytes[i] >> 4];
        out += hex[bytes[i] & 0x0F];
    }
    return out;
}

}  // namespace ncpeh::gateway::soap
