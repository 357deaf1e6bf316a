#pragma once

#include <string>
#include <string_view>

namespace ncpeh::translators::eprescription_l1 {

/// Standard base64 (RFC 4648 §4, with padding, no line breaks), as CDA `text
/// representation="B64"` carries the PDF.
std::string encode_base64(std::string_view bytes);

}  // namespace ncpeh::translators::eprescription_l1
