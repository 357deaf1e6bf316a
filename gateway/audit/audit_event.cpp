#include "gateway/audit/audit_event.hpp"

#include <sstream>

namespace ncpeh::gateway::audit {

std::string_view name_of(outcome o) noexcept {
    switch (o) {
        case outcome::started:
            return "started";
        case outcome::success:
            return "success";
        case outcome::failure:
            break;
    }
    return "failure";
}

outcome outcome_from_name(std::string_view name) noexcept {
    if (name == "started") {
        return outcome::started;
    }
    return name == "success" ? outcome::success : outcome::failure;
}

std::string join_document_ids(const std::vector<std::string>& ids) {
    std::string out;
    for (const std::string& id : ids) {
        if (!out.empty()) {
            out += ' ';
        }
        out += id;
    }
    return out;
}

std::vector<std::string> split_document_ids(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string id; in >> id;) {
        out.push_back(id);
    }
    return out;
}

}  // namespace ncpeh::gateway::audit
