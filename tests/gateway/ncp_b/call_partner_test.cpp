// One SOAP exchange with a foreign NCP-A, against the project's own http_server on loopback
// playing the partner (fi-tls) and answering in the shapes real and broken peers answer.
// Test that the header is self-contained.
#include "gateway/ncp_b/call_partner.hpp"
#include "gateway/ncp_b/record_call.hpp"

#include <catch2/catch.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/beast/http/field.hpp>

#include <mutex>
#include <optional>

#include "gateway/net/tls_context.hpp"
#include "gateway/soap/fault.hpp"
#include "gateway/soap/request.hpp"
#include "gateway/soap/security_header.hpp"
#include "tests/gateway/support/loopback_servers.hpp"
#include "trust/xml/namespaces.hpp"
#include "trust/xml/navigate.hpp"

namespace gnet = ncpeh::gateway::net;
namespace ncp_b = ncpeh::gateway::ncp_b;
namespace ihe = ncpeh::gateway::ihe;
namespace soap = ncpeh::gateway::soap;
namespace net = boost::asio;
namespace http = boost::beast::http;
namespace xml = ncpeh::trust::xml;
namespace ns = ncpeh::trust::xml::ns;
using ncpeh::errc;
using ncpeh::testing::loopback_http_server;
using namespace std::chrono_literals;

namespace {

/// How the fake partner answers.
enum class shape {
    good,
    good_mtom,
    without_relates_to,
    wrong_relates_to,
    wrong_action,
    fault,
    unavailable,
    html,
    soap11,
};

/// What the fake partner saw of the last request.
struct seen_request {
    std::string target;
    std::string content_type;
    soap::addressing headers;
    bool has_security = false;
    std::string attachment;
};

class fake_partner {
  public:
    explicit fake_partner(shape answer_shape, const std::string& credential = "fi-tls")
        : server_(
              [this, answer_shape](const gnet::request& req) { return answer(req, answer_shape); },
              credential) {}

    unsigned short port() const { return server_.port(); }
    unsigned open_connections() const { return server_.open_connections(); }
    seen_request last() {
        const std::lock_guard lock(mutex_);
        return last_;
    }

  private:
    gnet::response answer(const gnet::request& req, shape answer_shape) {
        // Runs on the server's thread: no Catch2 assertions here; a request the fake cannot
        // read gets a 400, which fails the test on the calling side.
        gnet::response res{http::status::ok, 11};
        auto decoded = soap::decode_request(req[http::field::content_type], req.body(), {});
        const auto tx =
            decoded ? ihe::transaction_of_action(decoded->envelope.headers().action) : std::nullopt;
        if (!tx) {
            res.result(http::status::bad_request);
            return res;
        }
        const auto& headers = decoded->envelope.headers();
        {
            const std::lock_guard lock(mutex_);
            last_.target = req.target();
            last_.content_type = req[http::field::content_type];
            last_.headers = headers;
            last_.has_security = decoded->envelope.security() != nullptr;
            last_.attachment.clear();
            if (decoded->attachments() != nullptr && decoded->attachments()->parts.size() > 1) {
                last_.attachment = decoded->attachments()->parts[1].body;
            }
        }
        soap::response_addressing out;
        out.action = ihe::response_action(*tx);
        out.relates_to = headers.message_id;
        out.message_id = soap::make_uuid_urn();
        const std::string body =
            R"(<r:RegistryResponse xmlns:r="urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0" status="urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success"/>)";
        res.set(http::field::content_type, "application/soap+xml; charset=UTF-8");
        switch (answer_shape) {
            case shape::good:
                res.body() = soap::write_envelope(out, body);
                break;
            case shape::good_mtom: {
                auto mtom = soap::write_mtom(soap::write_envelope(out, body), out.action,
                                             {{"application/pdf", "doc-1", "%PDF fictional"}});
                res.set(http::field::content_type, mtom.content_type);
                res.body() = std::move(mtom.body);
                break;
            }
            case shape::without_relates_to:
                out.relates_to.clear();
                res.body() = soap::write_envelope(out, body);
                break;
            case shape::wrong_relates_to:
                out.relates_to = "urn:uuid:00000000-0000-4000-8000-00000000beef";
                res.body() = soap::write_envelope(out, body);
                break;
            case shape::wrong_action:
                out.action = "urn:ihe:iti:2007:CrossGatewayQueryResponse";
                res.body() = soap::write_envelope(out, body);
                break;
            case shape::fault:
                res.result(http::status::internal_server_error);
                res.body() =
                    soap::write_fault(ncpeh::make_error(errc::no_consent, "no consent on file"),
                                      {"", headers.message_id, soap::make_uuid_urn()});
                break;
            case shape::unavailable:
                res.result(http::status::service_unavailable);
                res.set(http::field::content_type, "text/plain");
                res.body() = "maintenance\n";
                break;
            case shape::html:
                res.set(http::field::content_type, "text/html");
                res.body() = "<html><body>It works!</body></html>";
                break;
            case shape::soap11:
                res.set(http::field::content_type, "text/xml; charset=UTF-8");
                res.body() =
                    R"(<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>)" +
                    body + "</s:Body></s:Envelope>";
                break;
        }
        return res;
    }

    std::mutex mutex_;
    seen_request last_;
    loopback_http_server server_;  // last: stopped before the members its handler uses
};

/// Our side: one io_context on the test thread and the partner client.
class ncp_b_side {
  public:
    ncp_b_side() {
        tls_ = std::move(
            gnet::make_client_tls_context(ncpeh::testing::dev_tls_settings("se-tls")).value());
        client_.emplace(std::vector<net::any_io_executor>{context_.get_executor()}, tls_.get());
    }

    ncpeh::result<ncp_b::partner_answer> call(const ncp_b::partner_endpoint& partner,
                                              ncp_b::soap_call request,
                                              ncp_b::call_limits limits = {}) {
        // A decoded answer cannot be default-constructed, as a future's value must be.
        std::optional<ncpeh::result<ncp_b::partner_answer>> answer;
        auto done = net::co_spawn(
            context_,
            [&]() -> net::awaitable<void> {
                answer.emplace(
                    co_await ncp_b::call_partner(*client_, partner, std::move(request), limits));
            },
            net::use_future);
        context_.restart();
        context_.run();
        done.get();
        return std::move(*answer);
    }

    gnet::http_client& client() { return *client_; }

  private:
    net::io_context context_;
    std::unique_ptr<net::ssl::context> tls_;
    std::optional<gnet::http_client> client_;
};

ncp_b::partner_endpoint finland(unsigned short port, std::string scheme = "https") {
    return {"FI", scheme + "://127.0.0.1:" + std::to_string(port) + "/ncp/xca?x=1", 10s};
}

const std::vector<std::string> assertions = {
    R"(<saml2:Assertion xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion" ID="_hcp" Version="2.0"/>)"};

ncp_b::soap_call query_call() {
    return {ihe::transaction::xca_query,
            soap::write_security_header(assertions),
            R"(<q:AdhocQueryRequest xmlns:q="urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0"/>)",
            {}};
}

ncp_b::soap_call submit_call() {
    return {
        ihe::transaction::xdr_submit,
        soap::write_security_header(assertions),
        R"(<x:ProvideAndRegisterDocumentSetRequest xmlns:x="urn:ihe:iti:xds-b:2007"><x:Document id="d1"><xop:Include xmlns:xop="http://www.w3.org/2004/08/xop/include" href="cid:d1"/></x:Document></x:ProvideAndRegisterDocumentSetRequest>)",
        {{"text/xml", "d1", "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"/>"}}};
}

}  // namespace

TEST_CASE("a plain and an MTOM exchange with one partner share a kept-alive connection",
          "[call_partner]") {
    fake_partner partner(shape::good);
    ncp_b_side us;

    auto listed = us.call(finland(partner.port()), query_call());
    REQUIRE(listed.has_value());
    CHECK_FALSE(listed->mime.has_value());
    CHECK(xml::is_element(listed->envelope.body_root(), ns::rs, "RegistryResponse"));
    const seen_request plain = partner.last();
    CHECK(plain.target == "/ncp/xca?x=1");
    CHECK(plain.content_type ==
          R"(application/soap+xml; charset=UTF-8; action="urn:ihe:iti:2007:CrossGatewayQuery")");
    CHECK(plain.headers.action == "urn:ihe:iti:2007:CrossGatewayQuery");
    CHECK(plain.headers.to == finland(partner.port()).url);
    CHECK(plain.headers.reply_to == soap::anonymous_address);
    CHECK(plain.headers.message_id.starts_with("urn:uuid:"));
    CHECK(plain.has_security);
    CHECK(listed->envelope.headers().relates_to == plain.headers.message_id);
    CHECK(listed->server_certificate_cn == "ncp.fi.localhost");

    auto submitted = us.call(finland(partner.port()), submit_call());
    REQUIRE(submitted.has_value());
    const seen_request mtom = partner.last();
    CHECK(mtom.content_type.starts_with("multipart/related"));
    CHECK(mtom.attachment == "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"/>");
    CHECK(mtom.headers.action == "urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b");
    CHECK(mtom.headers.message_id != plain.headers.message_id);
    CHECK(submitted->server_certificate_cn == "ncp.fi.localhost");  // on the kept-alive connection

    CHECK(us.client().connections_opened() == 1);
    CHECK(partner.open_connections() == 1);
}

TEST_CASE("the ATNA audit of a call names who was called and who answered", "[call_partner]") {
    fake_partner partner(shape::good);
    ncp_b_side us;
    const ncp_b::partner_endpoint called = finland(partner.port());
    auto answer = us.call(called, query_call());
    REQUIRE(answer.has_value());

    ncp_b::call_outcome outcome{.transaction = ncp_b::audited::xca_list, .country = "FI"};
    ncp_b::note_partner(outcome, called, answer);
    CHECK(outcome.partner_address == "127.0.0.1");
    CHECK(outcome.partner_certificate_cn == "ncp.fi.localhost");
    CHECK(outcome.response_message_id == answer->envelope.headers().message_id);
    CHECK(outcome.response_message_id.starts_with("urn:uuid:"));

    // Without an answer the partner is still named by its address, and nothing else is made up.
    ncp_b::call_outcome failed{.transaction = ncp_b::audited::xca_list, .country = "FI"};
    ncp_b::note_partner(failed, called,
                        ncpeh::make_error(ncpeh::errc::foreign_ncp_unreachable, "refused"));
    CHECK(failed.partner_address == "127.0.0.1");
    CHECK(failed.partner_certificate_cn.empty());
    CHECK(failed.response_message_id.empty());
}

TEST_CASE("an MTOM answer comes back with its parts", "[call_partner]") {
    fake_partner partner(shape::good_mtom);
    ncp_b_side us;
    auto answer = us.call(finland(partner.port()), query_call());
    REQUIRE(answer.has_value());
    REQUIRE(answer->attachments() != nullptr);
    REQUIRE(answer->attachments()->find("doc-1") != nullptr);
    CHECK(answer->attachments()->find("doc-1")->body == "%PDF fictional");
}

TEST_CASE("a missing RelatesTo is tolerated (OpenNCP peers omit it)", "[call_partner]") {
    fake_partner partner(shape::without_relates_to);
    ncp_b_side us;
    CHECK(us.call(finland(partner.port()), query_call()).has_value());
}

TEST_CASE("answers that do not belong to the request are invalid", "[call_partner]") {
    SECTION("another request's RelatesTo") {
        fake_partner partner(shape::wrong_relates_to);
        ncp_b_side us;
        auto answer = us.call(finland(partner.port()), query_call());
        REQUIRE_FALSE(answer.has_value());
        CHECK(answer.error().code == errc::foreign_ncp_answer_invalid);
        CHECK(answer.error().context_value("relates_to") ==
              "urn:uuid:00000000-0000-4000-8000-00000000beef");
        CHECK(answer.error().context_value("country") == "FI");
        CHECK(answer.error().context_value("message_id").starts_with("urn:uuid:"));
    }
    SECTION("another transaction's action") {
        fake_partner partner(shape::wrong_action);
        ncp_b_side us;
        ncp_b::soap_call retrieve = query_call();
        retrieve.transaction = ihe::transaction::xca_retrieve;
        auto answer = us.call(finland(partner.port()), std::move(retrieve));
        REQUIRE_FALSE(answer.has_value());
        CHECK(answer.error().code == errc::foreign_ncp_answer_invalid);
        CHECK(answer.error().context_value("action") ==
              "urn:ihe:iti:2007:CrossGatewayQueryResponse");
    }
}

TEST_CASE("a SOAP fault is the partner's refusal with its code", "[call_partner]") {
    fake_partner partner(shape::fault);
    ncp_b_side us;
    auto answer = us.call(finland(partner.port()), query_call());
    REQUIRE_FALSE(answer.has_value());
    CHECK(answer.error().code == errc::foreign_ncp_refused);
    CHECK(answer.error().context_value("remote_code") == ncpeh::ehdsi_code(errc::no_consent));
    CHECK(answer.error().context_value("http_status") == "500");
    CHECK(answer.error().context_value("country") == "FI");
}

TEST_CASE("answers that are not SOAP 1.2 are invalid", "[call_partner]") {
    SECTION("an HTTP error without a fault") {
        fake_partner partner(shape::unavailable);
        ncp_b_side us;
        auto answer = us.call(finland(partner.port()), query_call());
        REQUIRE_FALSE(answer.has_value());
        CHECK(answer.error().code == errc::foreign_ncp_answer_invalid);
        CHECK(answer.error().context_value("http_status") == "503");
    }
    SECTION("a web page") {
        fake_partner partner(shape::html);
        ncp_b_side us;
        auto answer = us.call(finland(partner.port()), query_call());
        REQUIRE_FALSE(answer.has_value());
        CHECK(answer.error().code == errc::foreign_ncp_answer_invalid);
        CHECK(answer.error().context_value("cause") == "soap_malformed");
    }
    SECTION("SOAP 1.1") {
        fake_partner partner(shape::soap11);
        ncp_b_side us;
        auto answer = us.call(finland(partner.port()), query_call());
        REQUIRE_FALSE(answer.has_value());
        CHECK(answer.error().code == errc::foreign_ncp_answer_invalid);
        CHECK(answer.error().context_value("cause") == "soap_version_mismatch");
    }
    SECTION("an answer above the parser's limits") {
        fake_partner partner(shape::good);
        ncp_b_side us;
        ncp_b::call_limits limits;
        limits.xml.max_bytes = 100;
        auto answer = us.call(finland(partner.port()), query_call(), limits);
        REQUIRE_FALSE(answer.has_value());
        CHECK(answer.error().code == errc::foreign_ncp_answer_invalid);
        CHECK(answer.error().context_value("cause") == "xml_too_large");
    }
}

TEST_CASE("partner URLs must be https", "[call_partner]") {
    ncp_b_side us;
    for (const std::string url : {"http://127.0.0.1:1/ncp", "ftp://ncp.fi.example/",
                                  "https://user:pw@ncp.fi.example/", "not a url"}) {
        INFO(url);
        auto answer = us.call({"FI", url, 1s}, query_call());
        REQUIRE_FALSE(answer.has_value());
        CHECK(answer.error().code == errc::foreign_ncp_unreachable);
        CHECK(answer.error().context_value("url") == url);
    }
    CHECK(us.client().connections_opened() == 0);
}

TEST_CASE("plain HTTP is allowed when a test asks for it", "[call_partner]") {
    fake_partner plain_partner(shape::good, "");
    ncp_b_side us;
    ncp_b::call_limits limits;
    limits.allow_plain_http_for_test = true;
    auto answer = us.call(finland(plain_partner.port(), "http"), query_call(), limits);
    REQUIRE(answer.has_value());
    CHECK(plain_partner.last().headers.to == finland(plain_partner.port(), "http").url);
}

TEST_CASE("a partner that does not answer in time is a time-out", "[call_partner]") {
    ncpeh::testing::silent_listener silent;
    ncp_b_side us;
    auto partner = finland(silent.port());
    partner.timeout = 200ms;
    auto answer = us.call(partner, query_call());
    REQUIRE_FALSE(answer.has_value());
    CHECK(answer.error().code == errc::foreign_ncp_timeout);
    CHECK(answer.error().context_value("country") == "FI");
}

TEST_CASE("a partner that refuses connections is unreachable", "[call_partner]") {
    ncp_b_side us;
    auto answer = us.call(finland(ncpeh::testing::closed_port()), query_call());
    REQUIRE_FALSE(answer.has_value());
    CHECK(answer.error().code == errc::foreign_ncp_unreachable);
}
