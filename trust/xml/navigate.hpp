#pragma once

#include <libxml/tree.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ncpeh::trust::xml {

// Namespace-aware navigation: elements and attributes are always named by namespace URI and
// local name, never by prefix, because peers use any prefix (or none) for the same namespace.

/// The element's local name ("Assertion" for <saml2:Assertion>).
std::string_view local_name(const xmlNode& node) noexcept;

/// The element's namespace URI, or empty when it has none.
std::string_view namespace_uri(const xmlNode& node) noexcept;

/// True when `node` is an element with namespace `ns` (empty = no namespace) and `local` name.
bool is_element(const xmlNode& node, std::string_view ns, std::string_view local) noexcept;

/// The first child element of `parent` named {ns}local, or nullptr.
const xmlNode* first_child(const xmlNode& parent, std::string_view ns,
                           std::string_view local) noexcept;

/// Every child element of `parent` named {ns}local, in document order.
std::vector<const xmlNode*> children(const xmlNode& parent, std::string_view ns,
                                     std::string_view local);

/// Every child element of `parent`, whatever its name.
std::vector<const xmlNode*> child_elements(const xmlNode& parent);

/// Follows a path of {ns}local steps from `start`, taking the first match at each step.
/// `find_path(root, {{soap, "Header"}, {wsse, "Security"}})`.
struct step {
    std::string_view ns;
    std::string_view local;
};
const xmlNode* find_path(const xmlNode& start, std::initializer_list<step> path) noexcept;

/// The value of the attribute without namespace named `name` (e.g. `ID`, `root`), if present.
std::optional<std::string_view> attribute(const xmlNode& element, std::string_view name) noexcept;

/// The value of the attribute {ns}name (e.g. xsi:type, wsu:Id), if present.
std::optional<std::string_view> attribute(const xmlNode& element, std::string_view ns,
                                          std::string_view name) noexcept;

/// The concatenated text of `node` and its descendants.
std::string text_of(const xmlNode& node);

/// `text_of` with leading and trailing XML white space removed.
std::string trimmed_text_of(const xmlNode& node);

}  // namespace ncpeh::trust::xml
