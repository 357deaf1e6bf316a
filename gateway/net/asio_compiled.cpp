// Asio, Asio SSL and Beast are compiled once here (BOOST_*_SEPARATE_COMPILATION is set for the
// whole project) instead of in every translation unit: this keeps builds fast on two cores.
#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#include <boost/beast/src.hpp>
