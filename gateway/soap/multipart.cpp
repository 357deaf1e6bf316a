#include "gateway/soap/multipart.hpp"

#include <algorithm>
#include <cctype>

#include "gateway/soap/response.hpp"
#include "trust/encoding/base64.hpp"

namespace ncpeh::gateway::soap {

namespace {

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string_view trim(std::string_view text) {
    const auto begin = text.find_first_not_of(" \t\r\n");
    if (begin == std::string_view::npos) {
        return {};
    }
    const auto end = text.find_last_not_of(" \t\r\n");
    return text.substr(begin, end - begin + 1);
}

std::string strip_angle_brackets(std::string_view id) {
    id = trim(id);
    if (id.size() >= 2 && id.front() == '<' && id.back() == '>') {
        id = id.substr(1, id.size() - 2);
    }
    return std::string(id);
}

error malformed(std::string message) {
    return make_error(errc::mtom_malformed, std::move(message));
}

/// Position of the next delimiter line "--boundary" that starts a line at or after `from`.
std::size_t find_delimiter(std::string_view body, std::string_view delimiter, std::size_t from) {
    while (true) {
        const std::size_t at = body.find(delimiter, from);
        if (at == std::string_view::npos || at == 0 || body[at - 1] == '\n') {
            return at;
        }
        from = at + 1;
    }
}

}  // namespace

std::string_view content_type::parameter(std::string_view name) const {
    const auto it = parameters.find(name);
    return it == parameters.end() ? std::string_view{} : std::string_view(it->second);
}

result<content_type> parse_content_type(std::string_view header) {
    content_type out;
    const auto semicolon = header.find(';');
    out.media_type = lower(trim(header.substr(0, semicolon)));
    if (out.media_type.find('/') == std::string::npos) {
        return make_error(errc::mtom_malformed, "Content-Type has no media type");
    }
    std::size_t at = semicolon == std::string_view::npos ? header.size() : semicolon + 1;
    while (at < header.size()) {
        const auto equals = header.find('=', at);
        if (equals == std::string_view::npos) {
            break;
        }
        std::string name = lower(trim(header.substr(at, equals - at)));
        std::size_t cursor = equals + 1;
        while (cursor < header.size() && (header[cursor] == ' ' || header[cursor] == '\t')) {
            ++cursor;
        }
        std::string value;
        if (cursor < header.size() && header[cursor] == '"') {
            ++cursor;
            while (cursor < header.size() && header[cursor] != '"') {
                if (header[cursor] == '\\' && cursor + 1 < header.size()) {
                    ++cursor;
                }
                value += header[cursor++];
            }
            if (cursor >= header.size()) {
                return make_error(errc::mtom_malformed,
                                  "unterminated quoted parameter in Content-Type");
            }
            ++cursor;
            const auto next = header.find(';', cursor);
            at = next == std::string_view::npos ? header.size() : next + 1;
        } else {
            const auto next = header.find(';', cursor);
            value = std::string(trim(header.substr(cursor, next - cursor)));
            at = next == std::string_view::npos ? header.size() : next + 1;
        }
        if (!name.empty()) {
            out.parameters[name] = std::move(value);
        }
    }
    return out;
}

const mime_part* multipart_related::find(std::string_view cid) const {
    for (const mime_part& part : parts) {
        if (part.content_id == cid) {
            return &part;
        }
    }
    return nullptr;
}

result<multipart_related> parse_multipart_related(const content_type& type, std::string_view body) {
    if (type.media_type != "multipart/related") {
        return malformed("expected multipart/related, got " + type.media_type);
    }
    const std::string_view boundary = type.parameter("boundary");
    if (boundary.empty() || boundary.size() > 200) {
        return malformed("multipart/related without a usable boundary parameter");
    }
    const std::string delimiter = "--" + std::string(boundary);
    multipart_related out;
    std::size_t at = find_delimiter(body, delimiter, 0);
    if (at == std::string_view::npos) {
        return malformed("no multipart boundary found in the body");
    }
    while (true) {
        at += delimiter.size();
        if (body.substr(at, 2) == "--") {
            break;  // close delimiter
        }
        while (at < body.size() && (body[at] == ' ' || body[at] == '\t')) {
            ++at;  // transport padding
        }
        if (body.substr(at, 2) == "\r\n") {
            at += 2;
        } else if (body.substr(at, 1) == "\n") {
            at += 1;
        } else {
            return malformed("multipart boundary is not followed by a line break");
        }
        // Headers end at the first empty line.
        mime_part part;
        std::string transfer_encoding;
        while (true) {
            const auto line_end = body.find('\n', at);
            if (line_end == std::string_view::npos) {
                return malformed("multipart part headers are not terminated");
            }
            std::string_view line = body.substr(at, line_end - at);
            if (!line.empty() && line.back() == '\r') {
                line.remove_suffix(1);
            }
            at = line_end + 1;
            if (line.empty()) {
                break;
            }
            const auto colon = line.find(':');
            if (colon == std::string_view::npos) {
                return malformed("malformed multipart part header");
            }
            const std::string name = lower(trim(line.substr(0, colon)));
            const std::string_view value = trim(line.substr(colon + 1));
            if (name == "content-type") {
                part.content_type = std::string(value);
            } else if (name == "content-id") {
                part.content_id = strip_angle_brackets(value);
            } else if (name == "content-transfer-encoding") {
                transfer_encoding = lower(value);
            }
        }
        const std::size_t next = find_delimiter(body, delimiter, at);
        if (next == std::string_view::npos) {
            return malformed("multipart body ends without a closing boundary");
        }
        std::size_t content_end = next;
        if (content_end > at && body[content_end - 1] == '\n') {
            --content_end;
            if (content_end > at && body[content_end - 1] == '\r') {
                --content_end;
            }
        }
        const std::string_view content = body.substr(at, content_end - at);
        if (transfer_encoding.empty() || transfer_encoding == "binary" ||
            transfer_encoding == "8bit" || transfer_encoding == "7bit") {
            part.body = std::string(content);
        } else if (transfer_encoding == "base64") {
            auto decoded = trust::encoding::base64_decode(content);
            if (!decoded) {
                return malformed("multipart part has invalid base64 content");
            }
            part.body = std::move(*decoded);
        } else {
            return malformed("unsupported Content-Transfer-Encoding " + transfer_encoding);
        }
        if (!part.content_id.empty() && out.find(part.content_id) != nullptr) {
            return malformed("two multipart parts share the Content-ID <" + part.content_id + ">");
        }
        out.parts.push_back(std::move(part));
        at = next;
        if (out.parts.size() > 1000) {
            return malformed("too many multipart parts");
        }
    }
    if (out.parts.empty()) {
        return malformed("multipart message has no parts");
    }
    const std::string start = strip_angle_brackets(type.parameter("start"));
    if (!start.empty()) {
        const auto it = std::find_if(out.parts.begin(), out.parts.end(),
                                     [&](const mime_part& p) { return p.content_id == start; });
        if (it == out.parts.end()) {
            return malformed("the start part named in Content-Type is missing");
        }
        out.root = static_cast<std::size_t>(it - out.parts.begin());
    }
    return out;
}

mtom_message write_mtom(std::string_view soap_xml, std::string_view action,
                        const std::vector<mime_part>& attachments) {
    const std::string uuid = make_uuid_urn().substr(9);
    const std::string boundary = "MIMEBoundary_" + uuid;
    const std::string root_id = "0.root." + uuid + "@ncpeh";
    mtom_message out;
    out.content_type = "multipart/related; boundary=\"" + boundary +
                       "\"; type=\"application/xop+xml\"; start=\"<" + root_id +
                       ">\"; start-info=\"application/soap+xml\"; action=\"" + std::string(action) +
                       "\"";
    out.body.reserve(soap_xml.size() + 512);
    out.body += "--" + boundary + "\r\n";
    out.body +=
        "Content-Type: application/xop+xml; charset=UTF-8; type=\"application/soap+xml\"\r\n";
    out.body += "Content-Transfer-Encoding: binary\r\n";
    out.body += "Content-ID: <" + root_id + ">\r\n\r\n";
    out.body += soap_xml;
    for (const mime_part& part : attachments) {
        out.body += "\r\n--" + boundary + "\r\n";
        out.body += "Content-Type: " +
                    (part.content_type.empty() ? std::string("application/octet-stream")
                                               : part.content_type) +
                    "\r\n";
        out.body += "Content-Transfer-Encoding: binary\r\n";
        out.body += "Content-ID: <" + part.content_id + ">\r\n\r\n";
        out.body += part.body;
    }
    out.body += "\r\n--" + boundary + "--\r\n";
    return out;
}

result<std::string> content_id_of_cid_url(std::string_view url) {
    if (url.size() < 4 || lower(url.substr(0, 4)) != "cid:") {
        return malformed("xop:Include href is not a cid: URL");
    }
    std::string out;
    for (std::size_t i = 4; i < url.size(); ++i) {
        if (url[i] == '%') {
            if (i + 2 >= url.size() || !std::isxdigit(static_cast<unsigned char>(url[i + 1])) ||
                !std::isxdigit(static_cast<unsigned char>(url[i + 2]))) {
                return malformed("bad percent-encoding in cid: URL");
            }
            out += static_cast<char>(std::stoi(std::string(url.substr(i + 1, 2)), nullptr, 16));
            i += 2;
        } else {
            out += url[i];
        }
    }
    if (out.empty()) {
        return malformed("empty cid: URL");
    }
    return out;
}

}  // namespace ncpeh::gateway::soap
