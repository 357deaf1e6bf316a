// Asio's error categories for the fuzz preset's ncpeh_gateway_messages (tests/CMakeLists.txt):
// the national API's request bodies are country B's request types, whose headers include Asio's
// error.hpp (it refers to these categories at namespace scope). The project compiles Asio
// separately in gateway/net/asio_compiled.cpp, which that library leaves out with the rest of
// the network code; this is the only part of it the targets need.
#include <boost/asio/impl/error.ipp>
