#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <functional>
#include <memory>
#include <string>

namespace ncpeh::testing {

/// A synchronous TLS client connection to 127.0.0.1:`port`, presenting the dev-PKI credential
/// `credential` (file stem in samples/pki/generated, "" = none) and trusting the dev CA.
/// `tweak` may change the TLS context before the connection is made.
class tls_client {
  public:
    tls_client(unsigned short port, const std::string& credential,
               const std::function<void(boost::asio::ssl::context&)>& tweak = {});

    /// POSTs `body` to `target` and reads the response.
    boost::beast::http::response<boost::beast::http::string_body> post(
        const std::string& target, const std::string& content_type, const std::string& body,
        bool chunked = false);
    /// Sends `req` as it is (Host set when absent) and reads the response.
    boost::beast::http::response<boost::beast::http::string_body> send(
        boost::beast::http::request<boost::beast::http::string_body> req);
    boost::beast::http::response<boost::beast::http::string_body> read();
    boost::beast::ssl_stream<boost::beast::tcp_stream>& stream() { return *stream_; }

  private:
    boost::asio::io_context context_;
    std::unique_ptr<boost::asio::ssl::context> tls_;
    std::unique_ptr<boost::beast::ssl_stream<boost::beast::tcp_stream>> stream_;
    boost::beast::flat_buffer buffer_;
};

/// True when a POST with this credential gets any HTTP response at all.
bool gets_a_response(unsigned short port, const std::string& credential,
                     const std::function<void(boost::asio::ssl::context&)>& tweak = {});

}  // namespace ncpeh::testing
