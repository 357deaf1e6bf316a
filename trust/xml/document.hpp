#pragma once

#include <libxml/tree.h>

#include <cstddef>
#include <memory>
#include <string_view>

#include "trust/error/error.hpp"

namespace ncpeh::trust::xml {

/// Bounds applied to every parse. The defaults suit SOAP messages with inline CDA documents;
/// the gateway sets them from configuration.
struct parse_limits {
    /// Documents longer than this are rejected before libxml2 sees a byte.
    std::size_t max_bytes = 16 * 1024 * 1024;
    /// Maximum element nesting; the root element is depth 1.
    unsigned max_depth = 128;
    /// The structural limits below keep libxml2's work linear in the input: its duplicate-
    /// attribute check is quadratic in the attributes of one element, and each prefix lookup
    /// scans the namespace declarations in scope. They are checked by `check_markup_limits`
    /// before libxml2 sees the document. Real eHDSI messages stay far below each of them.
    /// Attributes of one element, namespace declarations included.
    unsigned max_attributes_per_element = 64;
    /// Elements, comments and processing instructions in the whole document.
    std::size_t max_nodes = 262144;
    /// Attributes in the whole document, namespace declarations included.
    std::size_t max_attributes = 262144;
    /// Namespace declarations in scope at any element (its own and its ancestors').
    unsigned max_namespaces_in_scope = 64;
    /// Length of an element or attribute name, prefix included.
    std::size_t max_name_bytes = 1024;
    /// Length of one attribute value as written (before entity and character references).
    std::size_t max_attribute_value_bytes = 64 * 1024;
};

struct doc_deleter {
    void operator()(xmlDoc* doc) const noexcept { xmlFreeDoc(doc); }
};

/// A parsed, well-formed, namespace-well-formed document without DTD or entity references.
/// Only `parse_document` makes one, so holding a `document` means the hardening checks passed.
/// Not thread-safe for concurrent mutation; concurrent reads are fine.
class document {
  public:
    const xmlNode& root() const noexcept { return *xmlDocGetRootElement(doc_.get()); }
    xmlNode& root() noexcept { return *xmlDocGetRootElement(doc_.get()); }
    /// The libxml2 document, for xmlsec and C14N. Ownership stays here.
    xmlDoc* get() const noexcept { return doc_.get(); }

  private:
    friend result<document> parse_document(std::string_view, const parse_limits&);
    explicit document(xmlDoc* doc) noexcept : doc_(doc) {}
    std::unique_ptr<xmlDoc, doc_deleter> doc_;
};

/// The project's only XML parsing entry point. libxml2 runs with no DTD loading, no entity
/// substitution and no network; a DOCTYPE, an entity declaration or reference, invalid UTF-8,
/// a namespace error, more than `limits.max_bytes` bytes, deeper nesting than
/// `limits.max_depth` or a document beyond the structural limits (`errc::xml_too_complex`) are
/// rejected with a precise `errc::xml_*` error and the line. Time is linear in the input.
/// Thread-safe: each call has its own parser context.
result<document> parse_document(std::string_view bytes, const parse_limits& limits = {});

}  // namespace ncpeh::trust::xml
