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
/// a namespace error, more than `limits.max_bytes` bytes or deeper nesting than
/// `limits.max_depth` are rejected with a precise `errc::xml_*` error and the line.
/// Thread-safe: each call has its own parser context.
result<document> parse_document(std::string_view bytes, const parse_limits& limits = {});

}  // namespace ncpeh::trust::xml
