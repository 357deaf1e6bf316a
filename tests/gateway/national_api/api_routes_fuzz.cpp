// Fuzz target: the national API's request-target resolution (gateway/national_api), the first
// code a Swedish pharmacy system's request line reaches: path templates, percent-decoding of the
// path parameters, the query string. Each input is a request target, resolved for every method
// the API has.
#include <boost/beast/http/verb.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "gateway/national_api/api_routes.hpp"
#include "tests/support/fuzz_input.hpp"

namespace api = ncpeh::gateway::national_api;
namespace http = boost::beast::http;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto target = ncpeh::testing::fuzz::text_of(data, size);
    for (const http::verb method : {http::verb::get, http::verb::post, http::verb::delete_}) {
        const auto routed = api::resolve_route(method, target);
        if (!routed) {
            continue;
        }
        if (routed->to == nullptr || routed->to->method != method) {
            std::abort();  // resolved to no route, or to one of another method
        }
        for (const auto& [name, value] : routed->query) {
            (void)routed->query_value(name);
        }
    }
    return 0;
}
