#pragma once

#include <string_view>

#include "trust/error/error.hpp"
#include "trust/xml/document.hpp"

namespace ncpeh::trust::xml {

/// Checks the structural limits of `limits` (attributes per element and in all, nodes, namespace
/// declarations in scope, name and attribute-value lengths, nesting) in one linear pass over the
/// raw bytes, before libxml2 does work that grows faster than the input. It reads markup the
/// way the XML grammar does (comments, CDATA sections, processing instructions, quoted attribute
/// values), so nothing can be hidden from it inside a well-formed document. It does not decide
/// well-formedness: where the bytes stop following the grammar it stops and leaves the verdict
/// to libxml2, which rejects the document at that point at the latest.
/// Errors: `errc::xml_too_complex` or `errc::xml_too_deep`, naming the limit and the line.
result<void> check_markup_limits(std::string_view bytes, const parse_limits& limits);

}  // namespace ncpeh::trust::xml
