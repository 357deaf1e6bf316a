#pragma once

// What the fuzz targets of the IHE parsers (tests/gateway/ihe/*_fuzz.cpp) share.

#include <cstdlib>
#include <string_view>

#include "gateway/soap/message.hpp"
#include "tests/support/fuzz_input.hpp"
#include "trust/xml/document.hpp"

namespace ncpeh::testing::fuzz {

/// Feeds one input to `parse(body_root, attachments)`: a bare element (`is_bare_xml`) is the
/// SOAP body's root, without attachments; anything else is an HTTP message
/// (`split_content_type_line`) decoded as SOAP or MTOM travelling in `direction`.
template <class Parse>
void parse_body_or_message(std::string_view input, gateway::soap::message_direction direction,
                           Parse parse) {
    if (is_bare_xml(input)) {
        if (const auto doc = trust::xml::parse_document(input)) {
            (void)parse(doc->root(), static_cast<const gateway::soap::multipart_related*>(nullptr));
        }
        return;
    }
    const auto http = split_content_type_line(input);
    if (const auto message =
            gateway::soap::decode_message(http.content_type, http.body, {}, direction)) {
        (void)parse(message->envelope.body_root(), message->attachments());
    }
}

/// Parses `input` (a SOAP body's root element) with `parse`; when it parses, writes the result
/// with `write` and aborts unless the written text parses again: a writer must never make what
/// its own parser refuses.
template <class Parse, class Write>
void check_round_trip(std::string_view input, Parse parse, Write write) {
    const auto doc = trust::xml::parse_document(input);
    if (!doc) {
        return;
    }
    const auto parsed = parse(doc->root());
    if (!parsed) {
        return;
    }
    const auto written = trust::xml::parse_document(write(*parsed));
    if (!written || !parse(written->root())) {
        std::abort();
    }
}

}  // namespace ncpeh::testing::fuzz
