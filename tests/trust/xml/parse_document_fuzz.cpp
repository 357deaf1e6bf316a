// Fuzz target: the hardened XML parser (trust/xml), the first code every untrusted XML byte
// reaches. Each input is parsed twice, with the default limits and with tight ones, and the
// parsed tree is walked with the navigation helpers. A tight parse that succeeds where the
// default one fails, or a tight failure other than a limit, is a bug in check_markup_limits.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "tests/support/fuzz_input.hpp"
#include "trust/xml/document.hpp"
#include "trust/xml/navigate.hpp"

namespace {

namespace xml = ncpeh::trust::xml;
using ncpeh::errc;

// Visits every element below `node` the way the readers do, to exercise the tree libxml2 built.
std::size_t walk(const xmlNode& node, unsigned depth) {
    std::size_t seen = 1;
    (void)xml::local_name(node);
    (void)xml::namespace_uri(node);
    (void)xml::attribute(node, "ID");
    if (depth == 0) {
        (void)xml::trimmed_text_of(node);
    }
    for (const xmlNode* child : xml::child_elements(node)) {
        seen += walk(*child, depth + 1);
    }
    return seen;
}

bool is_limit(errc code) {
    return code == errc::xml_too_large || code == errc::xml_too_deep ||
           code == errc::xml_too_complex;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto input = ncpeh::testing::fuzz::text_of(data, size);
    const auto relaxed = xml::parse_document(input);
    if (relaxed) {
        walk(relaxed->root(), 0);
    }
    xml::parse_limits tight;
    tight.max_bytes = 64 * 1024;
    tight.max_depth = 6;
    tight.max_attributes_per_element = 4;
    tight.max_nodes = 64;
    tight.max_attributes = 64;
    tight.max_namespaces_in_scope = 4;
    tight.max_name_bytes = 32;
    tight.max_attribute_value_bytes = 64;
    const auto strict = xml::parse_document(input, tight);
    if (strict && !relaxed) {
        std::abort();  // tighter limits accepted what the defaults refused
    }
    if (!strict && relaxed && !is_limit(strict.error().code)) {
        std::abort();  // a well-formed document refused for something other than a limit
    }
    return 0;
}
