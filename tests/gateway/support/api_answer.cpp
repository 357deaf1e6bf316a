#include "tests/gateway/support/api_answer.hpp"

#include <boost/json/parse.hpp>

#include "translators/fhir/uris.hpp"

namespace ncpeh::testing {

boost::json::value api_answer::json() const {
    return boost::json::parse(body);
}

std::string api_answer::error() const {
    const auto outcome = boost::json::parse(body);
    for (const auto& coding : outcome.at("issue").at(0).at("details").at("coding").as_array()) {
        if (coding.at("system").as_string() == ncpeh::translators::fhir::uris::ncpeh_error_system) {
            return std::string(coding.at("code").as_string());
        }
    }
    return {};
}

}  // namespace ncpeh::testing
