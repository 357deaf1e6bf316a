#pragma once

#include <string>
#include <string_view>

namespace ncpeh::trust::xml {

/// Appends `text` to `out` escaped for XML character data and attribute values (both quote
/// kinds): & < > " ' become entity references; TAB, LF and CR become character references so
/// they survive attribute-value normalisation; other control characters, which XML 1.0 cannot
/// carry at all, become U+FFFD, so the output is always well-formed whatever a peer sent. The
/// one escaper of the project (SOAP/IHE writers and the CDA writer).
void append_escaped(std::string& out, std::string_view text);

/// Appends ` name="value"` with the value escaped: the attribute writer of the IHE writers.
void append_attribute(std::string& out, std::string_view name, std::string_view value);

/// Appends `<name>text</name>` with the text escaped; `name` as written (a prefix included, e.g.
/// "xds:DocumentUniqueId"): the text-element writer of the IHE writers.
void append_text_element(std::string& out, std::string_view name, std::string_view text);

/// `text` escaped as `append_escaped` does.
std::string escaped(std::string_view text);

}  // namespace ncpeh::trust::xml
