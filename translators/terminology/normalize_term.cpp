#include "translators/terminology/normalize_term.hpp"

namespace ncpeh::translators::terminology {

std::string normalize_term(std::string_view text) {
    std::string key;
    key.reserve(text.size());
    bool pending_space = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            pending_space = !key.empty();
            continue;
        }
        if (pending_space) {
            key.push_back(' ');
            pending_space = false;
        }
        if (c >= 'A' && c <= 'Z') {
            key.push_back(static_cast<char>(c - 'A' + 'a'));
        } else if (c == 0xC3 && i + 1 < text.size()) {
            // U+00C0..U+00DE (upper-case Latin-1 letters except ×) are C3 80..C3 9E; their
            // lower-case forms are 0x20 higher in the second byte.
            auto next = static_cast<unsigned char>(text[i + 1]);
            if (next >= 0x80 && next <= 0x9E && next != 0x97) {
                next = static_cast<unsigned char>(next + 0x20);
            }
            key.push_back(static_cast<char>(c));
            key.push_back(static_cast<char>(next));
            ++i;
        } else {
            key.push_back(static_cast<char>(c));
        }
    }
    return key;
}

}  // namespace ncpeh::translators::terminology
