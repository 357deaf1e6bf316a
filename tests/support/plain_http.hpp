#pragma once

#include <boost/beast/http/verb.hpp>

#include <string>
#include <utility>

namespace ncpeh::testing {

/// One plain HTTP/1.1 request to 127.0.0.1:`port` on a connection of its own: the status and
/// body answered.
std::pair<unsigned, std::string> plain_http(unsigned short port, boost::beast::http::verb method,
                                            const std::string& target,
                                            const std::string& body = {});

}  // namespace ncpeh::testing
