#include "gateway/ihe/xca_retrieve_response.hpp"

#include "gateway/ihe/registry_error_list.hpp"
#include "gateway/ihe/transaction.hpp"
#include "gateway/soap/xop.hpp"
#include "trust/xml/escape.hpp"
#include "trust/xml/namespaces.hpp"
#include "trust/xml/navigate.hpp"

namespace ncpeh::gateway::ihe {

namespace ns = trust::xml::ns;

namespace {

using trust::xml::append_escaped;
using trust::xml::append_text_element;

/// A Content-ID unique within the message; only its use in the cid: URL has to match.
std::string content_id_for(std::size_t index) {
    return "document" + std::to_string(index + 1) + ".ncpeh@localhost";
}

namespace xml = trust::xml;

error invalid(std::string message, std::string_view element) {
    return make_error(errc::foreign_ncp_answer_invalid,
                      "XCA retrieve response: " + std::move(message))
        .with("element", std::string(element));
}

std::string child_text(const xmlNode& parent, std::string_view local) {
    const xmlNode* child = xml::first_child(parent, ns::xds, local);
    return child == nullptr ? std::string() : xml::trimmed_text_of(*child);
}

result<retrieved_document> read_document_response(const xmlNode& element,
                                                  const soap::multipart_related* attachments,
                                                  std::size_t index) {
    const auto at = [index](error e) {
        return std::move(e).with("document_response", std::to_string(index + 1));
    };
    retrieved_document document;
    document.request.home_community_id = child_text(element, "HomeCommunityId");
    document.request.repository_unique_id = child_text(element, "RepositoryUniqueId");
    document.request.document_unique_id = child_text(element, "DocumentUniqueId");
    if (document.request.document_unique_id.empty()) {
        return at(invalid("a DocumentResponse has no DocumentUniqueId", "DocumentUniqueId"));
    }
    if (document.request.repository_unique_id.empty()) {
        return at(invalid("a DocumentResponse has no RepositoryUniqueId", "RepositoryUniqueId"));
    }
    document.mime_type = child_text(element, "mimeType");
    if (document.mime_type.empty()) {
        return at(invalid("a DocumentResponse has no mimeType", "mimeType"));
    }
    const xmlNode* content = xml::first_child(element, ns::xds, "Document");
    if (content == nullptr) {
        return at(invalid("a DocumentResponse has no Document", "Document"));
    }
    auto bytes = soap::binary_content(*content, attachments);
    if (!bytes) {
        error e =
            invalid("the Document's content cannot be read: " + bytes.error().message, "Document");
        for (error_context_entry& entry : bytes.error().context) {
            e.with(std::move(entry.key), std::move(entry.value));
        }
        return at(std::move(e));
    }
    document.content = std::move(*bytes);
    return document;
}

}  // namespace

std::string write_xca_retrieve_response_body(const xca_retrieve_response& response,
                                             std::vector<soap::mime_part>& attachments) {
    std::string out;
    out.reserve(2048);
    out += R"(<xds:RetrieveDocumentSetResponse xmlns:xds=")";
    out += ns::xds;
    out += R"(" xmlns:rs=")";
    out += ns::rs;
    out += R"(" xmlns:xop=")";
    out += ns::xop;
    out += R"("><rs:RegistryResponse status=")";
    out += status_uri(status_of(response.errors, !response.documents.empty()));
    out += "\">";
    append_registry_error_list(out, response.errors, "urn:oid:" + response.home_community_id);
    out += "</rs:RegistryResponse>";
    for (std::size_t i = 0; i < response.documents.size(); ++i) {
        const retrieved_document& document = response.documents[i];
        soap::mime_part part;
        part.content_type = document.mime_type;
        part.content_id = content_id_for(attachments.size());
        part.body = document.content;
        out += "<xds:DocumentResponse>";
        append_text_element(out, "xds:HomeCommunityId", document.request.home_community_id);
        append_text_element(out, "xds:RepositoryUniqueId", document.request.repository_unique_id);
        append_text_element(out, "xds:DocumentUniqueId", document.request.document_unique_id);
        append_text_element(out, "xds:mimeType", document.mime_type);
        out += R"(<xds:Document><xop:Include href="cid:)";
        append_escaped(out, part.content_id);
        out += R"("/></xds:Document></xds:DocumentResponse>)";
        attachments.push_back(std::move(part));
    }
    out += "</xds:RetrieveDocumentSetResponse>";
    return out;
}

soap::mtom_message write_xca_retrieve_response(const xca_retrieve_response& response,
                                               soap::response_addressing headers) {
    if (headers.action.empty()) {
        headers.action = response_action(transaction::xca_retrieve);
    }
    std::vector<soap::mime_part> attachments;
    attachments.reserve(response.documents.size());
    const std::string body = write_xca_retrieve_response_body(response, attachments);
    return soap::write_mtom(soap::write_envelope(headers, body), headers.action, attachments);
}

result<xca_retrieve_response> parse_xca_retrieve_response(
    const xmlNode& body_root, const soap::multipart_related* attachments) {
    if (!xml::is_element(body_root, ns::xds, "RetrieveDocumentSetResponse")) {
        return invalid("the body is not an xds:RetrieveDocumentSetResponse",
                       xml::local_name(body_root));
    }
    const xmlNode* registry_response = xml::first_child(body_root, ns::rs, "RegistryResponse");
    if (registry_response == nullptr) {
        return invalid("rs:RegistryResponse (the status) is missing", "RegistryResponse");
    }
    auto answer = read_registry_answer(*registry_response);
    if (!answer) {
        return answer.error();
    }
    xca_retrieve_response response;
    response.status = answer->status;
    response.errors = std::move(answer->errors);
    const auto elements = xml::children(body_root, ns::xds, "DocumentResponse");
    for (std::size_t i = 0; i < elements.size(); ++i) {
        auto document = read_document_response(*elements[i], attachments, i);
        if (!document) {
            return document.error();
        }
        response.documents.push_back(std::move(*document));
    }
    if (!response.documents.empty()) {
        std::string_view home = response.documents.front().request.home_community_id;
        if (home.starts_with("urn:oid:")) {
            home.remove_prefix(std::string_view("urn:oid:").size());
        }
        response.home_community_id = std::string(home);
    }
    return response;
}

}  // namespace ncpeh::gateway::ihe
