#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <filesystem>
#include <memory>
#include <string>

namespace ncpeh::samples::foreign_ncp {

using http_response = boost::beast::http::response<boost::beast::http::string_body>;

/// The client TLS context of the foreign NCP: its dev-PKI TLS credential (file stem in `pki`)
/// and the dev CA as the only anchor. Throws std::runtime_error when the files are unusable.
std::unique_ptr<boost::asio::ssl::context> make_tls_context(const std::filesystem::path& pki,
                                                            const std::string& credential);

/// One kept-alive mutual-TLS connection to a country-A NCP, used by one coroutine at a time.
class ncp_connection {
  public:
    ncp_connection(boost::asio::any_io_executor executor, boost::asio::ssl::context& tls);

    /// Connects and completes the TLS handshake. Throws boost::system::system_error.
    boost::asio::awaitable<void> connect(std::string host, unsigned short port);
    /// POSTs a SOAP 1.2 envelope and reads the answer. Throws boost::system::system_error.
    boost::asio::awaitable<http_response> post_soap(std::string envelope);

  private:
    boost::beast::ssl_stream<boost::beast::tcp_stream> stream_;
    boost::beast::flat_buffer buffer_;
    std::string host_;
};

}  // namespace ncpeh::samples::foreign_ncp
