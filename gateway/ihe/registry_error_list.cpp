#include "gateway/ihe/registry_error_list.hpp"

#include <algorithm>

#include "gateway/ihe/remote_error.hpp"
#include "trust/xml/escape.hpp"
#include "trust/xml/namespaces.hpp"
#include "trust/xml/navigate.hpp"

namespace ncpeh::gateway::ihe {

std::string_view status_uri(response_status status) noexcept {
    switch (status) {
        case response_status::success:
            return "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success";
        case response_status::partial_success:
            return "urn:ihe:iti:2007:ResponseStatusType:PartialSuccess";
        case response_status::failure:
            break;
    }
    return "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure";
}

response_status status_of(std::span<const error> errors, bool has_content) noexcept {
    const bool failed = std::any_of(errors.begin(), errors.end(),
                                    [](const error& e) { return e.level == severity::error; });
    if (!failed) {
        return response_status::success;
    }
    return has_content ? response_status::partial_success : response_status::failure;
}

std::string_view severity_uri(severity level) noexcept {
    return level == severity::warning ? "urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Warning"
                                      : "urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error";
}

void append_registry_error_list(std::string& out, std::span<const error> errors,
                                std::string_view location) {
    using trust::xml::append_escaped;
    if (errors.empty()) {
        return;
    }
    const bool any_error = std::any_of(errors.begin(), errors.end(),
                                       [](const error& e) { return e.level == severity::error; });
    out += R"(<rs:RegistryErrorList highestSeverity=")";
    out += severity_uri(any_error ? severity::error : severity::warning);
    out += R"(">)";
    for (const error& e : errors) {
        out += R"(<rs:RegistryError errorCode=")";
        append_escaped(out, ehdsi_code(e.code));
        out += R"(" codeContext=")";
        append_escaped(out, message_for_partner(e));
        out += R"(" severity=")";
        out += severity_uri(e.level);
        out += R"(" location=")";
        append_escaped(out, location);
        out += R"("/>)";
    }
    out += "</rs:RegistryErrorList>";
}

std::optional<response_status> status_of_uri(std::string_view uri) noexcept {
    const auto colon = uri.rfind(':');
    if (colon == std::string_view::npos) {
        return std::nullopt;
    }
    const std::string_view last = uri.substr(colon + 1);
    if (last == "Success") {
        return response_status::success;
    }
    if (last == "PartialSuccess") {
        return response_status::partial_success;
    }
    if (last == "Failure") {
        return response_status::failure;
    }
    return std::nullopt;
}

result<registry_answer> read_registry_answer(const xmlNode& response) {
    namespace xml = trust::xml;
    namespace ns = trust::xml::ns;
    const std::string_view element = xml::local_name(response);
    const auto status_text = xml::attribute(response, "status");
    if (!status_text || status_text->empty()) {
        return make_error(errc::foreign_ncp_answer_invalid,
                          "the " + std::string(element) + " has no status")
            .with("element", std::string(element));
    }
    const auto status = status_of_uri(*status_text);
    if (!status) {
        return make_error(errc::foreign_ncp_answer_invalid,
                          "the " + std::string(element) + " has an unknown status")
            .with("element", std::string(element))
            .with("status", std::string(*status_text));
    }
    registry_answer answer;
    answer.status = *status;
    const xmlNode* list = xml::first_child(response, ns::rs, "RegistryErrorList");
    if (list == nullptr) {
        return answer;
    }
    for (const xmlNode* entry : xml::children(*list, ns::rs, "RegistryError")) {
        const auto code = xml::attribute(*entry, "errorCode");
        if (!code || code->empty()) {
            return make_error(errc::foreign_ncp_answer_invalid, "a RegistryError has no errorCode")
                .with("element", "RegistryError");
        }
        std::string message(xml::attribute(*entry, "codeContext").value_or(""));
        if (message.empty()) {
            message = xml::trimmed_text_of(*entry);
        }
        const auto level = xml::attribute(*entry, "severity").value_or("");
        answer.errors.push_back(
            error_from_remote(*code, std::move(message),
                              level.ends_with(":Warning") ? severity::warning : severity::error));
    }
    return answer;
}

}  // namespace ncpeh::gateway::ihe
