#include "gateway/ihe/patient_id.hpp"

#include <vector>

#include "trust/encoding/oid.hpp"

namespace ncpeh::gateway::ihe {

namespace {

std::string_view trim(std::string_view text) noexcept {
    constexpr std::string_view space = " \t\r\n";
    const auto first = text.find_first_not_of(space);
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(space);
    return text.substr(first, last - first + 1);
}

std::vector<std::string_view> split(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    for (;;) {
        const auto end = text.find(separator, start);
        parts.push_back(text.substr(start, end == std::string_view::npos ? end : end - start));
        if (end == std::string_view::npos) {
            return parts;
        }
        start = end + 1;
    }
}

error malformed(std::string message) {
    return make_error(errc::ihe_request_invalid, "malformed CX patient id: " + std::move(message));
}

}  // namespace

result<parsed_patient_id> parse_patient_id(std::string_view cx) {
    cx = trim(cx);
    if (cx.size() >= 2 && cx.front() == '\'' && cx.back() == '\'') {
        cx = trim(cx.substr(1, cx.size() - 2));
    }
    const auto components = split(cx, '^');
    if (components.size() < 4) {
        return malformed("expected EXT^^^&ROOT&ISO");
    }
    const auto authority = split(components[3], '&');
    if (authority.size() < 2) {
        return malformed("the assigning authority has no universal id");
    }
    if (authority.size() >= 3 && !authority[2].empty() && authority[2] != "ISO") {
        return malformed("the assigning authority's universal id type is not ISO");
    }
    parsed_patient_id out;
    out.id.extension = std::string(trim(components[0]));
    out.id.root = std::string(trim(authority[1]));
    if (out.id.extension.empty()) {
        return malformed("the id (first component) is empty");
    }
    if (out.id.root.empty()) {
        return malformed("the assigning authority OID is empty");
    }
    if (!trust::encoding::is_oid(out.id.root)) {
        if (!trust::encoding::is_oid(out.id.extension)) {
            return malformed("the assigning authority is not an OID");
        }
        // OpenNCP-era quirk (ehdsi-protocol.md §9.2): root and extension swapped.
        std::swap(out.id.root, out.id.extension);
        out.root_extension_swapped = true;
    }
    return out;
}

std::string format_patient_id(const patient_id& id) {
    return id.extension + "^^^&" + id.root + "&ISO";
}

}  // namespace ncpeh::gateway::ihe
