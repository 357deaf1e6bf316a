#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ncpeh::translators::cda {

/// A small streaming XML writer: elements are opened and closed in order, attributes follow
/// their start tag, text and attribute values are escaped. Names are qualified names written as
/// given ("pharm:formCode"), so the caller declares the namespaces on the root element
/// (`attribute("xmlns:pharm", …)`); names must outlive the writer (string literals). Characters
/// XML 1.0 cannot carry (controls other than tab, newline, carriage return) are replaced by U+FFFD,
/// so the output is always well-formed. Not thread-safe; one writer per document.
class xml_writer {
  public:
    xml_writer();

    /// Opens `<name`; attributes may follow until the next start, text or end.
    void start(std::string_view name);
    void attribute(std::string_view name, std::string_view value);
    /// Adds the attribute only when `value` is not empty.
    void optional_attribute(std::string_view name, std::string_view value);
    void text(std::string_view content);
    /// Closes the innermost open element (`/>` when it has no content).
    void end();
    /// `<name>content</name>`.
    void element(std::string_view name, std::string_view content);
    /// The document; every element must have been closed.
    std::string finish() &&;

  private:
    void close_start_tag();
    std::string out_;
    std::vector<std::string_view> open_;
    bool start_tag_open_ = false;
};

}  // namespace ncpeh::translators::cda
