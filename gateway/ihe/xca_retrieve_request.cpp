#include "gateway/ihe/xca_retrieve_request.hpp"

#include "trust/xml/escape.hpp"
#include "trust/xml/namespaces.hpp"
#include "trust/xml/navigate.hpp"

namespace ncpeh::gateway::ihe {

namespace ns = trust::xml::ns;

namespace {

namespace xml = trust::xml;

std::string child_text(const xmlNode& parent, std::string_view local) {
    const xmlNode* child = xml::first_child(parent, ns::xds, local);
    return child == nullptr ? std::string() : xml::trimmed_text_of(*child);
}

error invalid(std::string message, std::string_view element, std::size_t index) {
    return make_error(errc::ihe_request_invalid, "XCA retrieve: " + std::move(message))
        .with("element", std::string(element))
        .with("document_request", std::to_string(index + 1));
}

}  // namespace

result<std::vector<document_request>> parse_xca_retrieve_request(const xmlNode& body_root) {
    if (!xml::is_element(body_root, ns::xds, "RetrieveDocumentSetRequest")) {
        return make_error(errc::ihe_request_invalid,
                          "XCA retrieve: the body is not an xds:RetrieveDocumentSetRequest")
            .with("element", std::string(xml::local_name(body_root)));
    }
    const auto elements = xml::children(body_root, ns::xds, "DocumentRequest");
    if (elements.empty()) {
        return make_error(errc::ihe_request_invalid, "XCA retrieve: no xds:DocumentRequest")
            .with("element", "DocumentRequest");
    }
    std::vector<document_request> requests;
    requests.reserve(elements.size());
    for (std::size_t i = 0; i < elements.size(); ++i) {
        document_request request;
        request.home_community_id = child_text(*elements[i], "HomeCommunityId");
        request.repository_unique_id = child_text(*elements[i], "RepositoryUniqueId");
        request.document_unique_id = child_text(*elements[i], "DocumentUniqueId");
        if (request.document_unique_id.empty()) {
            return invalid("a DocumentRequest has no DocumentUniqueId", "DocumentUniqueId", i);
        }
        if (request.repository_unique_id.empty()) {
            return invalid("a DocumentRequest has no RepositoryUniqueId", "RepositoryUniqueId", i);
        }
        requests.push_back(std::move(request));
    }
    return requests;
}

std::string write_xca_retrieve_request(std::span<const document_request> requests) {
    using trust::xml::append_escaped;
    constexpr std::string_view oid_urn_prefix = "urn:oid:";
    const auto append_text_element = [](std::string& out, std::string_view element,
                                        std::string_view prefix, std::string_view text) {
        out += "<xds:";
        out += element;
        out += '>';
        out += prefix;
        append_escaped(out, text);
        out += "</xds:";
        out += element;
        out += '>';
    };
    std::string out = R"(<xds:RetrieveDocumentSetRequest xmlns:xds=")";
    out += ns::xds;
    out += "\">";
    for (const document_request& request : requests) {
        out += "<xds:DocumentRequest>";
        if (!request.home_community_id.empty()) {
            const bool is_urn = request.home_community_id.starts_with("urn:");
            append_text_element(out, "HomeCommunityId", is_urn ? "" : oid_urn_prefix,
                                request.home_community_id);
        }
        append_text_element(out, "RepositoryUniqueId", "", request.repository_unique_id);
        append_text_element(out, "DocumentUniqueId", "", request.document_unique_id);
        out += "</xds:DocumentRequest>";
    }
    out += "</xds:RetrieveDocumentSetRequest>";
    return out;
}

}  // namespace ncpeh::gateway::ihe
