#pragma once

#include <libxml/tree.h>

#include <string>
#include <string_view>

#include "trust/error/error.hpp"
#include "trust/xml/document.hpp"

namespace ncpeh::gateway::soap {

/// WS-Addressing headers of a message (ehdsi-protocol.md §1). Only Action is required in a
/// request; the MessageID may be any URI (OpenNCP sends urn:uuid:, DK's tool uuid:). A response
/// carries RelatesTo (the request's MessageID) instead of To and ReplyTo.
struct addressing {
    std::string action;
    std::string message_id;
    std::string to;
    std::string reply_to;
    std::string relates_to;
};

/// A parsed SOAP 1.2 envelope. Holds the document; the node pointers stay valid as long as the
/// envelope lives. `security` is null when there is no wsse:Security header; how many there are
/// is recorded so the trust layer can refuse more than one.
class envelope {
  public:
    const addressing& headers() const noexcept { return addressing_; }
    const xmlNode* header() const noexcept { return header_; }
    const xmlNode* security() const noexcept { return security_; }
    int security_header_count() const noexcept { return security_count_; }
    /// The single element child of soap:Body (the IHE request).
    const xmlNode& body_root() const noexcept { return *body_root_; }
    const trust::xml::document& document() const noexcept { return document_; }
    /// For the assertion checks, which register the assertion IDs in the document (node
    /// pointers stay valid).
    trust::xml::document& document() noexcept { return document_; }

  private:
    friend result<envelope> parse_response_envelope(std::string_view,
                                                    const trust::xml::parse_limits&);
    explicit envelope(trust::xml::document&& doc) : document_(std::move(doc)) {}

    trust::xml::document document_;
    addressing addressing_;
    const xmlNode* header_ = nullptr;
    const xmlNode* security_ = nullptr;
    int security_count_ = 0;
    const xmlNode* body_root_ = nullptr;
};

/// Parses a SOAP 1.2 envelope through the hardened parser and checks its shape: root
/// soap:Envelope (a SOAP 1.1 envelope gives errc::soap_version_mismatch), at most one Header,
/// exactly one Body holding exactly one element, a wsa:Action header. Header blocks marked
/// mustUnderstand="1" (or "true") other than WS-Addressing and WS-Security give
/// errc::soap_must_understand.
result<envelope> parse_envelope(std::string_view xml, const trust::xml::parse_limits& limits);

/// `parse_envelope` for an answer: the same checks, except that wsa:Action may be missing (a
/// partner's SOAP fault may come without one; the caller decides what a missing action means).
result<envelope> parse_response_envelope(std::string_view xml,
                                         const trust::xml::parse_limits& limits);

}  // namespace ncpeh::gateway::soap
