#include "translators/cda/xml_writer.hpp"

#include <cassert>

namespace ncpeh::translators::cda {

void append_escaped(std::string& out, std::string_view content, bool in_attribute) {
    for (char ch : content) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
            case '&':
                out.append("&amp;");
                break;
            case '<':
                out.append("&lt;");
                break;
            case '>':
                out.append("&gt;");
                break;
            case '"':
                if (in_attribute) {
                    out.append("&quot;");
                } else {
                    out.push_back('"');
                }
                break;
            case '\t':
                out.append(in_attribute ? "&#9;" : "\t");
                break;
            case '\n':
                out.append(in_attribute ? "&#10;" : "\n");
                break;
            case '\r':
                out.append("&#13;");
                break;
            default:
                if (c < 0x20 || c == 0x7F) {
                    out.append("\xEF\xBF\xBD");  // U+FFFD: not representable in XML 1.0
                } else {
                    out.push_back(ch);
                }
        }
    }
}

xml_writer::xml_writer() {
    out_.reserve(16 * 1024);
    out_.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
}

void xml_writer::close_start_tag() {
    if (start_tag_open_) {
        out_.push_back('>');
        start_tag_open_ = false;
    }
}

void xml_writer::start(std::string_view name) {
    close_start_tag();
    out_.push_back('<');
    out_.append(name);
    open_.push_back(name);
    start_tag_open_ = true;
}

void xml_writer::attribute(std::string_view name, std::string_view value) {
    assert(start_tag_open_);
    out_.push_back(' ');
    out_.append(name);
    out_.append("=\"");
    append_escaped(out_, value, true);
    out_.push_back('"');
}

void xml_writer::optional_attribute(std::string_view name, std::string_view value) {
    if (!value.empty()) {
        attribute(name, value);
    }
}

void xml_writer::text(std::string_view content) {
    close_start_tag();
    append_escaped(out_, content, false);
}

void xml_writer::end() {
    assert(!open_.empty());
    if (start_tag_open_) {
        out_.append("/>");
        start_tag_open_ = false;
    } else {
        out_.append("</");
        out_.append(open_.back());
        out_.push_back('>');
    }
    open_.pop_back();
}

void xml_writer::element(std::string_view name, std::string_view content) {
    start(name);
    text(content);
    end();
}

std::string xml_writer::finish() && {
    assert(open_.empty());
    out_.push_back('\n');
    return std::move(out_);
}

}  // namespace ncpeh::translators::cda
