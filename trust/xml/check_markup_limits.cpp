#include "trust/xml/check_markup_limits.hpp"

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

namespace ncpeh::trust::xml {

namespace {

constexpr std::size_t npos = std::string_view::npos;

bool is_space(char c) noexcept {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool is_namespace_declaration(std::string_view name) noexcept {
    return name == "xmlns" || name.starts_with("xmlns:");
}

/// One pass over the bytes (XML 1.0 §2.5–2.8, §3.1). Every byte is looked at a bounded number of
/// times; `stop()` ends the scan where the bytes leave the grammar.
class markup_scanner {
  public:
    markup_scanner(std::string_view bytes, const parse_limits& limits)
        : bytes_(bytes), limits_(limits) {}

    result<void> run() {
        std::size_t pos = 0;
        for (;;) {
            const std::size_t open = bytes_.find('<', pos);
            if (open == npos || open + 1 >= bytes_.size()) {
                return {};
            }
            auto next = markup_at(open);
            if (!next) {
                return std::move(next).error();
            }
            if (*next == npos) {
                return {};
            }
            pos = *next;
        }
    }

  private:
    /// Reads the markup that starts with '<' at `open`; answers where scanning goes on, or npos.
    result<std::size_t> markup_at(std::size_t open) {
        const std::string_view rest = bytes_.substr(open + 1);
        if (rest.starts_with("!--")) {
            return after_node(bytes_.find("-->", open + 4), 3, open);
        }
        if (rest.starts_with("![CDATA[")) {
            return after_node(bytes_.find("]]>", open + 9), 3, open);
        }
        if (rest.starts_with('!')) {
            return npos;  // a DOCTYPE or not XML: libxml2 refuses it right here
        }
        if (rest.starts_with('?')) {
            return after_node(bytes_.find("?>", open + 2), 2, open);
        }
        if (rest.starts_with('/')) {
            const std::size_t close = bytes_.find('>', open + 2);
            if (close == npos) {
                return npos;
            }
            close_element();
            return close + 1;
        }
        return start_tag(open);
    }

    result<std::size_t> after_node(std::size_t end, std::size_t end_length, std::size_t open) {
        if (end == npos) {
            return npos;
        }
        if (auto counted = count_node(open); !counted) {
            return std::move(counted).error();
        }
        return end + end_length;
    }

    result<void> count_node(std::size_t at) {
        if (++nodes_ > limits_.max_nodes) {
            return too_complex(at, "the document has more than " +
                                       std::to_string(limits_.max_nodes) +
                                       " elements, comments and processing instructions");
        }
        return {};
    }

    /// A start tag or empty-element tag: name, attributes, then '>' or '/>'.
    result<std::size_t> start_tag(std::size_t open) {
        if (auto counted = count_node(open); !counted) {
            return std::move(counted).error();
        }
        if (open_elements_.size() >= limits_.max_depth) {
            return with_line(
                make_error(errc::xml_too_deep, "element nesting exceeds the limit of " +
                                                   std::to_string(limits_.max_depth)),
                open);
        }
        std::size_t p = open + 1;
        const std::size_t name_end = end_of_name(p);
        if (name_end == p) {
            return npos;
        }
        if (name_end - p > limits_.max_name_bytes) {
            return too_long_name(open);
        }
        p = name_end;
        unsigned attributes = 0;
        unsigned namespaces = 0;
        for (;;) {
            p = skip_space(p);
            if (p >= bytes_.size()) {
                return npos;
            }
            if (bytes_[p] == '>') {
                open_elements_.push_back(namespaces);
                namespaces_in_scope_ += namespaces;
                return p + 1;
            }
            if (bytes_[p] == '/') {
                return p + 1 < bytes_.size() && bytes_[p + 1] == '>' ? p + 2 : npos;
            }
            const std::size_t attribute_end = end_of_name(p);
            if (attribute_end == p) {
                return npos;
            }
            const std::string_view name = bytes_.substr(p, attribute_end - p);
            if (name.size() > limits_.max_name_bytes) {
                return too_long_name(p);
            }
            if (++attributes > limits_.max_attributes_per_element) {
                return too_complex(p, "an element has more than " +
                                          std::to_string(limits_.max_attributes_per_element) +
                                          " attributes");
            }
            if (++attributes_ > limits_.max_attributes) {
                return too_complex(p, "the document has more than " +
                                          std::to_string(limits_.max_attributes) + " attributes");
            }
            if (is_namespace_declaration(name) &&
                namespaces_in_scope_ + ++namespaces > limits_.max_namespaces_in_scope) {
                return too_complex(p, "more than " +
                                          std::to_string(limits_.max_namespaces_in_scope) +
                                          " namespace declarations are in scope");
            }
            p = skip_space(attribute_end);
            if (p >= bytes_.size() || bytes_[p] != '=') {
                return npos;
            }
            p = skip_space(p + 1);
            if (p >= bytes_.size() || (bytes_[p] != '"' && bytes_[p] != '\'')) {
                return npos;
            }
            const std::size_t value_end = bytes_.find(bytes_[p], p + 1);
            if (value_end == npos) {
                return npos;
            }
            if (value_end - p - 1 > limits_.max_attribute_value_bytes) {
                return too_complex(p, "an attribute value is longer than " +
                                          std::to_string(limits_.max_attribute_value_bytes) +
                                          " bytes");
            }
            p = value_end + 1;
        }
    }

    void close_element() {
        if (!open_elements_.empty()) {
            namespaces_in_scope_ -= open_elements_.back();
            open_elements_.pop_back();
        }
    }

    std::size_t end_of_name(std::size_t p) const noexcept {
        while (p < bytes_.size()) {
            const char c = bytes_[p];
            if (is_space(c) || c == '>' || c == '/' || c == '=' || c == '<') {
                break;
            }
            ++p;
        }
        return p;
    }

    std::size_t skip_space(std::size_t p) const noexcept {
        while (p < bytes_.size() && is_space(bytes_[p])) {
            ++p;
        }
        return p;
    }

    error too_long_name(std::size_t at) const {
        return too_complex(
            at, "a name is longer than " + std::to_string(limits_.max_name_bytes) + " bytes");
    }

    error too_complex(std::size_t at, std::string message) const {
        return with_line(make_error(errc::xml_too_complex, std::move(message)), at);
    }

    error with_line(error e, std::size_t at) const {
        const auto before = bytes_.substr(0, at);
        const auto line = 1 + std::count(before.begin(), before.end(), '\n');
        e.with("line", std::to_string(line));
        return e;
    }

    std::string_view bytes_;
    const parse_limits& limits_;
    std::size_t nodes_ = 0;
    std::size_t attributes_ = 0;
    std::size_t namespaces_in_scope_ = 0;
    std::vector<unsigned> open_elements_;  ///< namespace declarations of each open element
};

}  // namespace

result<void> check_markup_limits(std::string_view bytes, const parse_limits& limits) {
    return markup_scanner(bytes, limits).run();
}

}  // namespace ncpeh::trust::xml
