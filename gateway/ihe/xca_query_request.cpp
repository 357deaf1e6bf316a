#include "gateway/ihe/xca_query_request.hpp"

#include "gateway/ihe/registry_object.hpp"
#include "gateway/ihe/xds_identifiers.hpp"
#include "trust/xml/escape.hpp"
#include "trust/xml/namespaces.hpp"
#include "trust/xml/navigate.hpp"

namespace ncpeh::gateway::ihe {

namespace ns = trust::xml::ns;

namespace {

namespace xml = trust::xml;

error invalid(std::string message) {
    return make_error(errc::ihe_request_invalid, "XCA query: " + std::move(message));
}

std::string_view trim(std::string_view text) noexcept {
    constexpr std::string_view space = " \t\r\n";
    const auto first = text.find_first_not_of(space);
    if (first == std::string_view::npos) {
        return {};
    }
    return text.substr(first, text.find_last_not_of(space) - first + 1);
}

}  // namespace

std::vector<coded_value> parse_class_code_list(std::string_view value) {
    std::string cleaned;
    cleaned.reserve(value.size());
    for (const char c : value) {
        if (c != '(' && c != ')' && c != '\'') {
            cleaned += c;
        }
    }
    std::vector<coded_value> codes;
    std::string_view rest = cleaned;
    for (;;) {
        const auto comma = rest.find(',');
        const std::string_view item = trim(rest.substr(0, comma));
        if (!item.empty()) {
            coded_value code;
            const auto caret = item.find("^^");
            code.code = std::string(trim(item.substr(0, caret)));
            if (caret != std::string_view::npos) {
                code.scheme = std::string(trim(item.substr(caret + 2)));
            }
            if (!code.code.empty()) {
                codes.push_back(std::move(code));
            }
        }
        if (comma == std::string_view::npos) {
            break;
        }
        rest.remove_prefix(comma + 1);
    }
    return codes;
}

result<find_documents_query> parse_xca_query_request(const xmlNode& body_root) {
    if (!xml::is_element(body_root, ns::query, "AdhocQueryRequest")) {
        return invalid("the body is not a query:AdhocQueryRequest")
            .with("element", std::string(xml::local_name(body_root)));
    }
    find_documents_query query;
    if (const xmlNode* option = xml::first_child(body_root, ns::query, "ResponseOption")) {
        query.return_type = std::string(xml::attribute(*option, "returnType").value_or(""));
    }
    const xmlNode* adhoc = xml::first_child(body_root, ns::rim, "AdhocQuery");
    if (adhoc == nullptr) {
        return invalid("rim:AdhocQuery is missing").with("element", "AdhocQuery");
    }
    query.query_id = std::string(xml::attribute(*adhoc, "id").value_or(""));
    if (query.query_id != xds_id::find_documents) {
        return invalid("only the FindDocuments stored query is offered")
            .with("query_id", query.query_id);
    }
    const auto patient_values = slot_values(*adhoc, "$XDSDocumentEntryPatientId");
    if (!patient_values || patient_values->empty() || patient_values->front().empty()) {
        return invalid("the $XDSDocumentEntryPatientId slot is missing or empty")
            .with("slot", "$XDSDocumentEntryPatientId");
    }
    if (patient_values->size() != 1) {
        return invalid("the $XDSDocumentEntryPatientId slot has more than one value")
            .with("slot", "$XDSDocumentEntryPatientId");
    }
    auto patient = parse_patient_id(patient_values->front());
    if (!patient) {
        return std::move(patient.error()).with("slot", "$XDSDocumentEntryPatientId");
    }
    query.patient = std::move(*patient);
    if (const auto class_values = slot_values(*adhoc, "$XDSDocumentEntryClassCode")) {
        for (const std::string& value : *class_values) {
            for (coded_value& code : parse_class_code_list(value)) {
                query.class_codes.push_back(std::move(code));
            }
        }
    }
    if (query.class_codes.empty()) {
        return invalid("no $XDSDocumentEntryClassCode given")
            .with("slot", "$XDSDocumentEntryClassCode");
    }
    return query;
}

std::string write_xca_query_request(const find_documents_query& query) {
    using trust::xml::append_escaped;
    std::string out;
    out.reserve(1024);
    out += R"(<query:AdhocQueryRequest xmlns:query=")";
    out += ns::query;
    out += R"(" xmlns:rim=")";
    out += ns::rim;
    out += R"("><query:ResponseOption returnType=")";
    append_escaped(out, query.return_type.empty() ? "LeafClass" : query.return_type);
    out += R"(" returnComposedObjects="true"/><rim:AdhocQuery id=")";
    out += xds_id::find_documents;
    out += "\">";
    // Built piece by piece: GCC 12 at -O2 misreads `"'" + std::string + "'"` as an overflow.
    std::string patient = "'";
    patient += format_patient_id(query.patient.id);
    patient += '\'';
    append_slot(out, "$XDSDocumentEntryPatientId", patient);
    std::string status = "('";
    status += xds_id::status_approved;
    status += "')";
    append_slot(out, "$XDSDocumentEntryStatus", status);
    std::string class_codes = "(";
    for (const coded_value& code : query.class_codes) {
        if (class_codes.size() > 1) {
            class_codes += ',';
        }
        class_codes += '\'';
        class_codes += code.code;
        class_codes += "^^";
        class_codes += code.scheme;
        class_codes += '\'';
    }
    class_codes += ')';
    append_slot(out, "$XDSDocumentEntryClassCode", class_codes);
    out += "</rim:AdhocQuery></query:AdhocQueryRequest>";
    return out;
}

}  // namespace ncpeh::gateway::ihe
