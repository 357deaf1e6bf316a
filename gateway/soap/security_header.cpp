#include "gateway/soap/security_header.hpp"

#include "trust/xml/namespaces.hpp"

namespace ncpeh::gateway::soap {

std::string write_security_header(std::span<const std::string> assertions) {
    std::string out = R"(<wsse:Security xmlns:wsse=")";
    out += trust::xml::ns::wsse;
    out += R"(">)";
    for (const std::string& assertion : assertions) {
        out += assertion;
    }
    out += "</wsse:Security>";
    return out;
}

}  // namespace ncpeh::gateway::soap
