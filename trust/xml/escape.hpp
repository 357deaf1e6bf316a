#pragma once

#include <string>
#include <string_view>

namespace ncpeh::trust::xml {

/// Appends `text` to `out` escaped for XML character data and attribute values (both quote
/// kinds): & < > " ' become entity references; CR and TAB become character references so they
/// survive attribute-value normalisation.
void append_escaped(std::string& out, std::string_view text);

/// `text` escaped as `append_escaped` does.
std::string escaped(std::string_view text);

}  // namespace ncpeh::trust::xml
