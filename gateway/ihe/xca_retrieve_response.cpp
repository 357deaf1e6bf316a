#include "gateway/ihe/xca_retrieve_response.hpp"

#include "gateway/ihe/registry_error_list.hpp"
#include "gateway/ihe/transaction.hpp"
#include "trust/xml/escape.hpp"
#include "trust/xml/namespaces.hpp"

namespace ncpeh::gateway::ihe {

namespace ns = trust::xml::ns;

namespace {

using trust::xml::append_escaped;

void append_text_element(std::string& out, std::string_view element, std::string_view text) {
    out += "<xds:";
    out += element;
    out += '>';
    append_escaped(out, text);
    out += "</xds:";
    out += element;
    out += '>';
}

/// A Content-ID unique within the message; only its use in the cid: URL has to match.
std::string content_id_for(std::size_t index) {
    return "document" + std::to_string(index + 1) + ".ncpeh@localhost";
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
        append_text_element(out, "HomeCommunityId", document.request.home_community_id);
        append_text_element(out, "RepositoryUniqueId", document.request.repository_unique_id);
        append_text_element(out, "DocumentUniqueId", document.request.document_unique_id);
        append_text_element(out, "mimeType", document.mime_type);
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

}  // namespace ncpeh::gateway::ihe
