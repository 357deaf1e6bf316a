#include "translators/cda/xml_writer.hpp"

#include <cassert>

#include "trust/xml/escape.hpp"

namespace ncpeh::translators::cda {

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
    trust::xml::append_escaped(out_, value);
    out_.push_back('"');
}

void xml_writer::optional_attribute(std::string_view name, std::string_view value) {
    if (!value.empty()) {
        attribute(name, value);
    }
}

void xml_writer::text(std::string_view content) {
    close_start_tag();
    trust::xml::append_escaped(out_, content);
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
