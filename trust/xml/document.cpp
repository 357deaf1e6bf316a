#include "trust/xml/document.hpp"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include <climits>
#include <mutex>
#include <string>

#include "trust/xml/check_markup_limits.hpp"

namespace ncpeh::trust::xml {

namespace {

// Refuses every external resource: no DTD, entity, XInclude or schema is ever fetched, whether
// by file or network URI, even if a caller elsewhere forgot an option.
xmlParserInputPtr refuse_external_entity(const char* /*url*/, const char* /*id*/,
                                         xmlParserCtxtPtr /*ctxt*/) {
    return nullptr;
}

void initialise_libxml_once() {
    static std::once_flag once;
    std::call_once(once, [] {
        xmlInitParser();
        xmlSetExternalEntityLoader(refuse_external_entity);
    });
}

/// What the SAX hooks observe during one parse; reached through the context's `_private`.
struct parse_state {
    const parse_limits* limits = nullptr;
    startElementNsSAX2Func start_element = nullptr;
    endElementNsSAX2Func end_element = nullptr;
    unsigned depth = 0;
    bool has_error = false;
    error first_error;

    void fail(xmlParserCtxtPtr ctxt, errc code, std::string message) {
        if (!has_error) {
            has_error = true;
            first_error = make_error(code, std::move(message));
            first_error.with("line", std::to_string(xmlSAX2GetLineNumber(ctxt)));
        }
        xmlStopParser(ctxt);
    }
};

parse_state& state_of(void* ctx) {
    auto* ctxt = static_cast<xmlParserCtxtPtr>(ctx);
    return *static_cast<parse_state*>(ctxt->_private);
}

void on_internal_subset(void* ctx, const xmlChar* /*name*/, const xmlChar* /*external_id*/,
                        const xmlChar* /*system_id*/) {
    state_of(ctx).fail(static_cast<xmlParserCtxtPtr>(ctx), errc::xml_doctype_forbidden,
                       "document type declarations (DOCTYPE) are not accepted");
}

void on_entity_decl(void* ctx, const xmlChar* name, int /*type*/, const xmlChar* /*public_id*/,
                    const xmlChar* /*system_id*/, xmlChar* /*content*/) {
    state_of(ctx).fail(static_cast<xmlParserCtxtPtr>(ctx), errc::xml_entity_forbidden,
                       std::string("entity declaration '") + reinterpret_cast<const char*>(name) +
                           "' is not accepted");
}

xmlEntityPtr on_get_entity(void* ctx, const xmlChar* name) {
    state_of(ctx).fail(static_cast<xmlParserCtxtPtr>(ctx), errc::xml_entity_forbidden,
                       std::string("entity reference '&") + reinterpret_cast<const char*>(name) +
                           ";' is not accepted");
    return nullptr;
}

void on_start_element(void* ctx, const xmlChar* localname, const xmlChar* prefix,
                      const xmlChar* uri, int nb_namespaces, const xmlChar** namespaces,
                      int nb_attributes, int nb_defaulted, const xmlChar** attributes) {
    auto& state = state_of(ctx);
    if (++state.depth > state.limits->max_depth) {
        state.fail(
            static_cast<xmlParserCtxtPtr>(ctx), errc::xml_too_deep,
            "element nesting exceeds the limit of " + std::to_string(state.limits->max_depth));
        return;
    }
    state.start_element(ctx, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes,
                        nb_defaulted, attributes);
}

void on_end_element(void* ctx, const xmlChar* localname, const xmlChar* prefix,
                    const xmlChar* uri) {
    auto& state = state_of(ctx);
    --state.depth;
    state.end_element(ctx, localname, prefix, uri);
}

errc classify(int libxml_code) {
    switch (libxml_code) {
        case XML_ERR_INVALID_CHAR:
        case XML_ERR_INVALID_ENCODING:
        case XML_ERR_UNSUPPORTED_ENCODING:
        case XML_ERR_UNKNOWN_ENCODING:
        case XML_ERR_ENCODING_NAME:
        case XML_I18N_CONV_FAILED:
            return errc::xml_invalid_encoding;
        case XML_ERR_UNDECLARED_ENTITY:
        case XML_WAR_UNDECLARED_ENTITY:
        case XML_ERR_ENTITY_LOOP:
        case XML_ERR_ENTITY_PE_INTERNAL:
        case XML_ERR_PEREF_NO_NAME:
            return errc::xml_entity_forbidden;
        case XML_ERR_DOCTYPE_NOT_FINISHED:
        case XML_ERR_EXT_SUBSET_NOT_FINISHED:
            return errc::xml_doctype_forbidden;
        default:
            return errc::xml_malformed;
    }
}

void on_structured_error(void* ctx, xmlErrorPtr err) {
    if (err == nullptr || err->level < XML_ERR_ERROR) {
        return;  // warnings do not reject a document
    }
    auto* ctxt = static_cast<xmlParserCtxtPtr>(ctx);
    auto& state = state_of(ctxt);
    if (state.has_error) {
        return;
    }
    std::string message = err->message != nullptr ? err->message : "XML error";
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
        message.pop_back();
    }
    state.has_error = true;
    state.first_error = make_error(classify(err->code), "XML rejected: " + message);
    state.first_error.with("line", std::to_string(err->line));
}

struct ctxt_deleter {
    void operator()(xmlParserCtxtPtr ctxt) const noexcept {
        if (ctxt->myDoc != nullptr) {
            xmlFreeDoc(ctxt->myDoc);
            ctxt->myDoc = nullptr;
        }
        xmlFreeParserCtxt(ctxt);
    }
};

// Parse options: never XML_PARSE_NOENT, DTDLOAD, DTDATTR, DTDVALID, XINCLUDE or HUGE.
constexpr int hardened_options = XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES;

}  // namespace

result<document> parse_document(std::string_view bytes, const parse_limits& limits) {
    if (bytes.size() > limits.max_bytes) {
        return make_error(errc::xml_too_large, "document of " + std::to_string(bytes.size()) +
                                                   " bytes exceeds the limit of " +
                                                   std::to_string(limits.max_bytes) + " bytes");
    }
    if (bytes.empty()) {
        return make_error(errc::xml_malformed, "document is empty");
    }
    if (bytes.size() > static_cast<std::size_t>(INT_MAX)) {
        return make_error(errc::xml_too_large, "document exceeds 2 GiB");
    }
    if (auto within = check_markup_limits(bytes, limits); !within) {
        return std::move(within).error();
    }
    initialise_libxml_once();

    std::unique_ptr<xmlParserCtxt, ctxt_deleter> ctxt(
        xmlCreateMemoryParserCtxt(bytes.data(), static_cast<int>(bytes.size())));
    if (!ctxt) {
        return make_error(errc::internal, "libxml2 could not create a parser context");
    }
    parse_state state;
    state.limits = &limits;
    xmlSAXHandler& sax = *ctxt->sax;
    state.start_element = sax.startElementNs;
    state.end_element = sax.endElementNs;
    sax.startElementNs = on_start_element;
    sax.endElementNs = on_end_element;
    sax.internalSubset = on_internal_subset;
    sax.externalSubset = on_internal_subset;
    sax.entityDecl = on_entity_decl;
    sax.getEntity = on_get_entity;
    sax.getParameterEntity = on_get_entity;
    sax.resolveEntity = nullptr;
    sax.serror = on_structured_error;
    sax.error = nullptr;
    sax.warning = nullptr;
    ctxt->_private = &state;
    ctxt->vctxt.error = nullptr;
    ctxt->vctxt.warning = nullptr;
    xmlCtxtUseOptions(ctxt.get(), hardened_options);

    xmlParseDocument(ctxt.get());

    if (state.has_error) {
        return std::move(state.first_error);
    }
    if (ctxt->wellFormed == 0 || ctxt->myDoc == nullptr) {
        return make_error(errc::xml_malformed, "document is not well-formed XML");
    }
    if (ctxt->nsWellFormed == 0) {
        return make_error(errc::xml_malformed, "document is not namespace-well-formed");
    }
    xmlDoc* doc = ctxt->myDoc;
    ctxt->myDoc = nullptr;
    document parsed(doc);
    if (doc->intSubset != nullptr || doc->extSubset != nullptr) {
        return make_error(errc::xml_doctype_forbidden,
                          "document type declarations (DOCTYPE) are not accepted");
    }
    if (xmlDocGetRootElement(doc) == nullptr) {
        return make_error(errc::xml_malformed, "document has no root element");
    }
    return parsed;
}

}  // namespace ncpeh::trust::xml
