#include "gateway/audit/syslog_frame.hpp"

#include "trust/xml/date_time.hpp"

namespace ncpeh::gateway::audit {

namespace {

// RFC 5424 §6: PRINTUSASCII (33-126), NILVALUE when empty, at most `limit` characters.
void append_field(std::string& out, std::string_view value, std::size_t limit) {
    if (value.empty()) {
        out += '-';
    }
    for (const char c : value.substr(0, limit)) {
        out += (c >= 33 && c <= 126) ? c : '?';
    }
    out += ' ';
}

}  // namespace

std::string syslog_message(const syslog_header& header, int severity,
                           std::chrono::system_clock::time_point at, std::string_view xml) {
    std::string out;
    out.reserve(xml.size() + 128);
    out += '<';
    out += std::to_string(syslog_header::facility * 8 + severity);
    out += ">1 ";
    out += trust::xml::format_date_time(std::chrono::floor<std::chrono::milliseconds>(at));
    out += ' ';
    append_field(out, header.hostname, 255);
    append_field(out, header.app_name, 48);
    append_field(out, header.process_id, 128);
    append_field(out, syslog_header::message_id, 32);
    out += "- \xEF\xBB\xBF";  // no STRUCTURED-DATA, then the BOM that marks the MSG as UTF-8
    out += xml;
    return out;
}

std::string octet_counted(std::string_view message) {
    std::string out = std::to_string(message.size());
    out += ' ';
    out += message;
    return out;
}

}  // namespace ncpeh::gateway::audit
