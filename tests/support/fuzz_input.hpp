#pragma once

// Helpers for the fuzz targets (tests/**/*_fuzz.cpp): how the raw bytes of one input are read.

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace ncpeh::testing::fuzz {

/// The input as text (any bytes; `data` may be null when `size` is 0).
inline std::string_view text_of(const std::uint8_t* data, std::size_t size) noexcept {
    if (size == 0) {
        return {};
    }
    return {reinterpret_cast<const char*>(data), size};
}

/// An HTTP message written as one input: the first line is the Content-Type header value, the
/// rest is the body (so the fuzzer mutates both). A final '\r' of the first line is dropped.
struct http_input {
    std::string_view content_type;
    std::string_view body;
};

inline http_input split_content_type_line(std::string_view input) noexcept {
    const auto end = input.find('\n');
    if (end == std::string_view::npos) {
        return {input, {}};
    }
    std::string_view type = input.substr(0, end);
    if (!type.empty() && type.back() == '\r') {
        type.remove_suffix(1);
    }
    return {type, input.substr(end + 1)};
}

/// True when the input is a bare XML element (starts with '<'), false when it is an HTTP message
/// in the form of `split_content_type_line`. Targets that accept both read their seed corpora
/// from both kinds of sample (SOAP bodies and whole MTOM messages).
inline bool is_bare_xml(std::string_view input) noexcept {
    return !input.empty() && input.front() == '<';
}

}  // namespace ncpeh::testing::fuzz
