#include "tests/gateway/support/country_a_answers.hpp"

#include <catch2/catch.hpp>

#include <regex>

#include "gateway/soap/multipart.hpp"
#include "samples/foreign-ncp/foreign_requests.hpp"
#include "trust/encoding/base64.hpp"

namespace ncpeh::testing {

std::string document_id(std::string_view prescription, std::string_view level) {
    return std::string(samples::foreign_ncp::swedish_prescription_root) + ".9^" +
           std::string(prescription) + "." + std::string(level);
}

std::vector<std::string> listed_ids(const std::string& response) {
    std::vector<std::string> out;
    static const std::regex unique_id(
        R"re(identificationScheme="urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab"[^>]*value="([^"]+)")re");
    for (std::sregex_iterator it(response.begin(), response.end(), unique_id), end; it != end;
         ++it) {
        out.push_back((*it)[1].str());
    }
    return out;
}

std::string attachment_of(const gateway::net::response& res) {
    auto type = gateway::soap::parse_content_type(res[boost::beast::http::field::content_type]);
    REQUIRE(type.has_value());
    auto message = gateway::soap::parse_multipart_related(*type, res.body());
    REQUIRE(message.has_value());
    REQUIRE(message->parts.size() == 2);
    return message->parts[1].body;
}

std::string pdf_of(const std::string& l1_cda) {
    constexpr std::string_view start_tag = R"(representation="B64">)";
    const auto start = l1_cda.find(start_tag);
    if (start == std::string::npos) {
        return {};
    }
    const auto first = start + start_tag.size();
    const auto text = l1_cda.substr(first, l1_cda.find("</text>", first) - first);
    return trust::encoding::base64_decode(text).value_or("");
}

}  // namespace ncpeh::testing
