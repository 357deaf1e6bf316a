#include "samples/foreign-ncp/serve_finland.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <cctype>
#include <csignal>
#include <iostream>
#include <stdexcept>

#include "gateway/ncp_a/partner_directory.hpp"
#include "gateway/net/tls_context.hpp"
#include "trust/x509/fingerprint.hpp"

namespace ncpeh::samples::foreign_ncp {

namespace {

namespace asio = boost::asio;

// The lower-case hex fingerprint of the admitted client certificate.
std::string peer_fingerprint(const serve_options& o) {
    std::string hex;
    for (char c : o.peer_tls) {
        if (c != ':') {
            hex += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
    }
    if (hex.size() == 64 && std::all_of(hex.begin(), hex.end(), [](char c) {
            return std::isxdigit(static_cast<unsigned char>(c)) != 0;
        })) {
        return hex;
    }
    std::filesystem::path file = o.peer_tls;
    if (file.extension() != ".pem") {
        file = o.pki / (o.peer_tls + ".pem");
    }
    auto fingerprint = trust::x509::sha256_fingerprint_of_file(file);
    if (!fingerprint) {
        throw std::runtime_error("--peer-tls: no certificate in " + file.string());
    }
    return *fingerprint;
}

}  // namespace

int serve_finland(const serve_options& o) {
    gateway::net::tls_settings tls;
    tls.credential.certificate = o.pki / (o.tls + ".pem");
    tls.credential.private_key = o.pki / (o.tls + ".key");
    tls.anchors = o.pki / "trust-partner-tls.pem";
    auto server_tls = gateway::net::make_server_tls_context(tls);
    if (!server_tls) {
        throw std::runtime_error(server_tls.error().describe());
    }
    auto anchors = trust::x509::trust_store::load(trust::x509::store_kind::assertion_signatures,
                                                  o.pki / "trust-assertion-signatures.pem");
    if (!anchors) {
        throw std::runtime_error(anchors.error().describe());
    }
    std::vector<std::string> notes;
    const served_documents documents = served_documents::load(o.documents, notes);
    for (const auto& note : notes) {
        std::cerr << "foreign-ncp: " << note << '\n';
    }
    received_dispensations received(o.received);

    finland_settings settings;
    settings.assertion_anchors = &*anchors;
    settings.documents = &documents;
    settings.received = &received;
    finland_ncp_a responder(settings, o.faults);

    config::partner peer;
    peer.country = o.peer_country;
    peer.tls_certificate_sha256 = {peer_fingerprint(o)};
    const std::chrono::milliseconds delay = o.faults.delay;
    auto handler = gateway::ncp_a::admit_partners(
        gateway::ncp_a::partner_directory({peer}),
        [&responder, delay, log_requests = o.log_requests](
            const gateway::ncp_a::peer& caller,
            gateway::net::request&& req) -> asio::awaitable<gateway::net::response> {
            if (log_requests) {
                std::cerr << "foreign-ncp: request " << req.target() << std::endl;
            }
            if (delay.count() > 0) {
                asio::steady_timer timer(co_await asio::this_coro::executor, delay);
                co_await timer.async_wait(asio::use_awaitable);
            }
            co_return responder.answer(caller, std::move(req));
        });

    asio::io_context io(1);
    gateway::net::http_server server(io.get_executor(), server_tls->get(), {}, std::move(handler),
                                     {}, "foreign-ncp");
    const auto bound = server.listen(o.host, o.port);
    if (!bound) {
        throw std::runtime_error(bound.error().describe());
    }
    std::cout << bound->port() << std::endl;
    std::cerr << "foreign-ncp: Finland's NCP-A (home community " << finnish_hcid << ") serving "
              << documents.prescriptions().size() << " ePrescription(s) to " << o.peer_country
              << "; listening on " << bound->address().to_string() << ":" << bound->port()
              << std::endl;

    asio::signal_set signals(io, SIGTERM, SIGINT);
    signals.async_wait([&](const boost::system::error_code& error, int) {
        if (error) {
            return;
        }
        std::cerr << "foreign-ncp: stopping" << std::endl;
        asio::co_spawn(io, server.shutdown(), [&io](std::exception_ptr) { io.stop(); });
    });
    io.run();
    std::cerr << "foreign-ncp: stopped" << std::endl;
    return 0;
}

}  // namespace ncpeh::samples::foreign_ncp
