// Beast's verb names for the fuzz preset's ncpeh_gateway_messages (tests/CMakeLists.txt): the
// project compiles Beast separately in gateway/net/asio_compiled.cpp, which that library leaves
// out with the rest of the network code; the national API's routes need only this part.
#include <ostream>
// clang-format off: the implementation file needs these declarations first
#include <boost/beast/core/detail/string.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/impl/verb.ipp>
#include <boost/beast/http/verb.hpp>
// clang-format on
