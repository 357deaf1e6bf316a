#include "config/search_pattern.hpp"

#include <string>
#include <vector>

namespace ncpeh::config {

namespace {

constexpr std::size_t max_pattern_length = 256;
constexpr std::size_t max_group_depth = 8;
constexpr std::size_t max_repetition = 100;

error refused(std::string why) {
    return make_error(errc::config_invalid, "search pattern refused: " + std::move(why));
}

/// Reads the bound list of a `{n}`, `{n,}` or `{n,m}` quantifier at `at` (on the '{'); false
/// when a bound exceeds max_repetition. A brace that is no quantifier is left to std::regex.
bool repetition_within_bounds(std::string_view pattern, std::size_t at) {
    std::size_t digits = 0;
    std::size_t value = 0;
    for (std::size_t i = at + 1; i < pattern.size() && pattern[i] != '}'; ++i) {
        const char c = pattern[i];
        if (c == ',') {
            digits = 0;
            value = 0;
            continue;
        }
        if (c < '0' || c > '9') {
            return true;
        }
        if (++digits > 3) {
            return false;
        }
        value = value * 10 + static_cast<std::size_t>(c - '0');
        if (value > max_repetition) {
            return false;
        }
    }
    return true;
}

/// Index of the ']' closing the character class opened at `at`, or npos.
std::size_t class_end(std::string_view pattern, std::size_t at) {
    for (std::size_t i = at + 1; i < pattern.size(); ++i) {
        if (pattern[i] == '\\') {
            ++i;
        } else if (pattern[i] == ']') {
            return i;
        }
    }
    return std::string_view::npos;
}

result<void> check_shape(std::string_view pattern) {
    if (pattern.size() > max_pattern_length) {
        return refused("longer than " + std::to_string(max_pattern_length) + " characters");
    }
    std::vector<bool> group_has_quantifier{false};  // the whole pattern, then each open group
    bool after_quantified_content_group = false;    // just closed a group holding a quantifier
    bool after_quantifier = false;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const char c = pattern[i];
        const bool closed_quantified_group = after_quantified_content_group;
        const bool follows_quantifier = after_quantifier;
        after_quantified_content_group = false;
        after_quantifier = false;
        switch (c) {
            case '\\':
                ++i;
                break;
            case '[':
                i = class_end(pattern, i);
                if (i == std::string_view::npos) {
                    return {};  // std::regex reports the unterminated class
                }
                break;
            case '(':
                group_has_quantifier.push_back(false);
                if (group_has_quantifier.size() - 1 > max_group_depth) {
                    return refused("groups nested deeper than " + std::to_string(max_group_depth));
                }
                if (i + 1 < pattern.size() && pattern[i + 1] == '?') {
                    ++i;  // (?: (?= (?! : not a quantifier
                }
                break;
            case ')':
                if (group_has_quantifier.size() > 1) {
                    const bool inner = group_has_quantifier.back();
                    group_has_quantifier.pop_back();
                    group_has_quantifier.back() = group_has_quantifier.back() || inner;
                    after_quantified_content_group = inner;
                }
                break;
            case '*':
            case '+':
            case '?':
            case '{':
                if (c == '?' && follows_quantifier) {
                    break;  // lazy: `*?`, `+?`, `??`, `{n}?`
                }
                if (c == '{' && !repetition_within_bounds(pattern, i)) {
                    return refused("a repetition count above " + std::to_string(max_repetition));
                }
                if (closed_quantified_group && c != '?') {  // an optional group runs at most once
                    return refused(
                        "a repeated group contains a quantifier (catastrophic "
                        "backtracking)");
                }
                group_has_quantifier.back() = true;
                if (c == '{') {
                    const auto end = pattern.find('}', i);
                    i = end == std::string_view::npos ? pattern.size() : end;
                }
                after_quantifier = true;
                break;
            default:
                break;
        }
    }
    return {};
}

}  // namespace

result<std::regex> compile_search_pattern(std::string_view pattern) {
    if (auto shape = check_shape(pattern); !shape) {
        return shape.error();
    }
    try {
        return std::regex(pattern.begin(), pattern.end(),
                          std::regex::ECMAScript | std::regex::optimize);
    } catch (const std::regex_error& e) {
        return make_error(errc::config_invalid,
                          std::string("not an ECMAScript regular expression (") + e.what() + ")");
    }
}

}  // namespace ncpeh::config
