// The attack catalogue, part 2: hostile XML, MTOM and HTTP, slow and flooding senders, partner
// certificates that must not be accepted, and identifiers that name another patient or carry
// injection payloads, against a running `ncpeh serve` (docs/reliability.md, "Attacks"). Each
// must be refused precisely, without the national store receiving a request.
#include <catch2/catch.hpp>

#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/write.hpp>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "gateway/ihe/transaction.hpp"
#include "samples/foreign-ncp/foreign_requests.hpp"
#include "tests/gateway/support/attack_target.hpp"
#include "tests/gateway/support/country_a_answers.hpp"
#include "tests/gateway/support/partner_calls.hpp"
#include "tests/gateway/support/seed.hpp"
#include "tests/gateway/support/tls_client.hpp"
#include "tests/support/text.hpp"

namespace http = boost::beast::http;
namespace net = boost::asio;
using namespace ncpeh::testing;
using namespace ncpeh::testing::seed;
using namespace ncpeh::samples::foreign_ncp;

namespace {

namespace ihe = ncpeh::gateway::ihe;
const std::string_view query_action = ihe::request_action(ihe::transaction::xca_query);
const std::string_view retrieve_action = ihe::request_action(ihe::transaction::xca_retrieve);

attack_target& target() {
    return attack_target::shared();
}

attack_result post(const std::string& body,
                   const std::string& content_type = "application/soap+xml") {
    return target().attack([&] {
        tls_client client(target().port(), "fi-tls");
        return client.post("/ncp", content_type, body);
    });
}

/// A genuine, signed XCA query for Tolvan with `prolog` (a DOCTYPE, say) before the envelope
/// and `inside_body` inserted at the start of the query element's content.
std::string genuine_query(const std::string& prolog = "", const std::string& inside_body = "") {
    std::string envelope =
        soap_envelope(query_action, security_header(partner_sources(), for_patient(tolvan)),
                      xca_query_body(partner_sources(), personnummer_cx(tolvan)));
    if (!inside_body.empty()) {
        const auto query = envelope.find("AdhocQueryRequest");
        REQUIRE(query != std::string::npos);
        envelope.insert(envelope.find('>', query) + 1, inside_body);
    }
    return prolog + envelope;
}

/// A SOAP fault naming `reason` in its Reason text, and nothing asked of the store.
void check_fault(const attack_result& r, unsigned status, std::string_view reason) {
    INFO(r.body.substr(0, 1500));
    CHECK(r.status == status);
    CHECK(contains(r.body, "env:Sender"));
    CHECK(contains(r.body, reason));
    CHECK(r.store_requests == 0);
}

}  // namespace

TEST_CASE("Hostile XML is refused by the parser before anything reads it") {
    SECTION("a DOCTYPE with an internal subset") {
        check_fault(post(genuine_query("<!DOCTYPE x [<!ELEMENT x ANY>]>")), 400, "DOCTYPE");
    }
    SECTION("entity expansion (a billion laughs)") {
        std::string entities = "<!ENTITY l0 \"lol\">";
        for (int i = 1; i < 10; ++i) {
            entities += "<!ENTITY l" + std::to_string(i) + " \"";
            for (int j = 0; j < 10; ++j) {
                entities += "&l" + std::to_string(i - 1) + ";";
            }
            entities += "\">";
        }
        check_fault(post(genuine_query("<!DOCTYPE s:Envelope [" + entities + "]>",
                                       "<x xmlns=\"urn:example:attack\">&l9;</x>")),
                    400, "DOCTYPE");
    }
    SECTION("an external entity naming a local file") {
        const auto r =
            post(genuine_query("<!DOCTYPE s:Envelope [<!ENTITY x SYSTEM "
                               "\"file:///etc/passwd\">]>",
                               "<x xmlns=\"urn:example:attack\">&x;</x>"));
        check_fault(r, 400, "DOCTYPE");
        CHECK_FALSE(contains(r.body, "root:"));
    }
    SECTION("an entity reference without any DOCTYPE") {
        check_fault(post(genuine_query("", "<x xmlns=\"urn:example:attack\">&x;</x>")), 400,
                    "entity");
    }
    SECTION("nesting 100,000 elements deep") {
        std::string deep;
        for (int i = 0; i < 100000; ++i) {
            deep += "<d>";
        }
        for (int i = 0; i < 100000; ++i) {
            deep += "</d>";
        }
        check_fault(post(genuine_query("", "<x xmlns=\"urn:example:attack\">" + deep + "</x>")),
                    400, "element nesting exceeds the limit of 128");
    }
    SECTION("an attribute value of 2 MiB") {
        const std::string huge =
            "<x xmlns=\"urn:example:attack\" a=\"" + std::string(2 * 1024 * 1024, 'A') + "\"/>";
        check_fault(post(genuine_query("", huge)), 400, "attribute value");
    }
    SECTION("5,000 namespace declarations in scope") {
        std::string declarations;
        for (int i = 0; i < 5000; ++i) {
            declarations +=
                " xmlns:n" + std::to_string(i) + "=\"urn:example:n" + std::to_string(i) + "\"";
        }
        check_fault(
            post(genuine_query("", "<x xmlns=\"urn:example:attack\"" + declarations + "/>")), 400,
            "namespace");
    }
    SECTION("300,000 empty elements") {
        std::string many;
        for (int i = 0; i < 300000; ++i) {
            many += "<e/>";
        }
        check_fault(post(genuine_query("", "<x xmlns=\"urn:example:attack\">" + many + "</x>")),
                    400, "the document has more than 262144 elements");
    }
}

TEST_CASE("Oversized requests are refused before they are read") {
    SECTION("a body larger than max_request_bytes, announced by Content-Length") {
        const auto r = target().attack([] {
            tls_client client(target().port(), "fi-tls");
            http::request<http::empty_body> req{http::verb::post, "/ncp", 11};
            req.set(http::field::host, "127.0.0.1");
            req.set(http::field::content_type, "application/soap+xml");
            req.set(http::field::content_length, std::to_string(64 * 1024 * 1024));
            http::write(client.stream(), req);
            return client.read();
        });
        CHECK(r.status == 413);
        CHECK(r.store_requests == 0);
    }
    SECTION("a chunked body whose first chunk announces 5 MiB") {
        const auto r = target().attack([] {
            tls_client client(target().port(), "fi-tls");
            net::write(client.stream(),
                       net::buffer(std::string("POST /ncp HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                               "Content-Type: application/soap+xml\r\n"
                                               "Transfer-Encoding: chunked\r\n\r\n500000\r\n")));
            return client.read();
        });
        CHECK(r.status == 413);
        CHECK(r.store_requests == 0);
    }
    SECTION("64 KiB of request headers") {
        const auto r = target().attack([] {
            tls_client client(target().port(), "fi-tls");
            http::request<http::string_body> req{http::verb::post, "/ncp", 11};
            req.set(http::field::content_type, "application/soap+xml");
            req.set("X-Padding", std::string(64 * 1024, 'p'));
            req.body() = genuine_query();
            req.prepare_payload();
            return client.send(std::move(req));
        });
        CHECK((r.status == 431 || r.status == 0));
        CHECK(r.store_requests == 0);
    }
}

TEST_CASE("MTOM messages with missing, extra or huge parts") {
    const std::string boundary = "MIMEBoundary_attack";
    const std::string content_type =
        "multipart/related; type=\"application/xop+xml\"; boundary=\"" + boundary +
        "\"; start=\"<root@attack>\"; start-info=\"application/soap+xml\"";
    auto part = [&](const std::string& id, const std::string& type, const std::string& content) {
        return "--" + boundary + "\r\nContent-Type: " + type + "\r\nContent-ID: <" + id +
               ">\r\nContent-Transfer-Encoding: binary\r\n\r\n" + content + "\r\n";
    };
    const std::string include =
        "<xop:Include xmlns:xop=\"http://www.w3.org/2004/08/xop/include\" "
        "href=\"cid:missing@attack\"/>";
    const std::string root_type =
        "application/xop+xml; charset=UTF-8; type=\"application/soap+xml\"";
    SECTION("an xop:Include whose part is missing") {
        const std::string body =
            part("root@attack", root_type,
                 genuine_query("", "<x xmlns=\"urn:example:attack\">" + include + "</x>")) +
            "--" + boundary + "--\r\n";
        check_fault(post(body, content_type), 400, "xop:Include names a missing MIME part");
    }
    SECTION("the root part missing: only an attachment") {
        const std::string body =
            part("other@attack", "application/octet-stream", "data") + "--" + boundary + "--\r\n";
        check_fault(post(body, content_type), 400,
                    "the start part named in Content-Type is missing");
    }
    SECTION("two parts with the same Content-ID") {
        const std::string body = part("root@attack", root_type, genuine_query()) +
                                 part("extra@attack", "application/octet-stream", "one") +
                                 part("extra@attack", "application/octet-stream", "two") + "--" +
                                 boundary + "--\r\n";
        check_fault(post(body, content_type), 400,
                    "two multipart parts share the Content-ID &lt;extra@attack&gt;");
    }
    SECTION("1,001 parts") {
        std::string body = part("root@attack", root_type, genuine_query());
        for (int i = 0; i < 1000; ++i) {
            body += part("extra" + std::to_string(i) + "@attack", "text/plain", "x");
        }
        check_fault(post(body + "--" + boundary + "--\r\n", content_type), 400,
                    "too many multipart parts");
    }
    SECTION("an attachment of 5 MiB, refused on its Content-Length") {
        const auto r = target().attack([&] {
            tls_client client(target().port(), "fi-tls");
            const std::string head = part("root@attack", root_type, genuine_query()) + "--" +
                                     boundary + "\r\nContent-ID: <huge@attack>\r\n\r\n";
            http::request<http::empty_body> req{http::verb::post, "/ncp", 11};
            req.set(http::field::host, "127.0.0.1");
            req.set(http::field::content_type, content_type);
            req.set(http::field::content_length, std::to_string(head.size() + 5 * 1024 * 1024));
            http::write(client.stream(), req);
            net::write(client.stream(), net::buffer(head));
            return client.read();
        });
        CHECK(r.status == 413);
        CHECK(r.store_requests == 0);
    }
}

TEST_CASE("Slow senders are cut off at the request deadline, not kept alive byte by byte") {
    auto trickle = [](const std::string& head, const std::string& tail) {
        return target().attack([&] {
            tls_client client(target().port(), "fi-tls");
            net::write(client.stream(), net::buffer(head));
            // One byte every 100 ms, for up to 6 s: four times the 1.5 s deadline.
            for (std::size_t i = 0; i < tail.size() && i < 60; ++i) {
                boost::system::error_code closed;
                net::write(client.stream(), net::buffer(tail.data() + i, 1), closed);
                if (closed) {
                    break;
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
            }
            return client.read();
        });
    };
    SECTION("the headers, a byte at a time") {
        const auto started = std::chrono::steady_clock::now();
        const auto r = trickle("POST /ncp HTTP/1.1\r\n", "Host: 127.0.0.1\r\nContent-Type: x\r\n" +
                                                             std::string(100, 'X') + "\r\n\r\n");
        CHECK(r.status == 0);
        CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
        CHECK(contains(r.log, "read timed out in the middle of a request"));
        CHECK(r.store_requests == 0);
    }
    SECTION("the body, a byte at a time") {
        const auto r = trickle(
            "POST /ncp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/soap+xml\r\n"
            "Content-Length: 1000\r\n\r\n",
            std::string(1000, ' '));
        CHECK(r.status == 0);
        CHECK(contains(r.log, "read timed out in the middle of a request"));
        CHECK(r.store_requests == 0);
    }
    REQUIRE(identifies_tolvan(target().port()));
}

TEST_CASE("Partner certificates that must not open a channel") {
    struct refused_credential {
        const char* credential;  ///< dev-PKI file stem; "" = none
        const char* what;
        const char* logged;  ///< the reason in the tls.handshake_failed log line
    };
    for (const auto& [credential, what, logged] :
         {refused_credential{"", "none", "peer did not return a certificate"},
          refused_credential{"rogue-ca", "self-signed, by a CA nobody trusts",
                             "self-signed certificate"},
          refused_credential{"fi-tls-expired", "expired", "certificate has expired"},
          refused_credential{"fi-tls-revoked", "revoked", "certificate revoked"},
          refused_credential{"fi-tls-server-only", "for servers only",
                             "unsuitable certificate purpose"}}) {
        DYNAMIC_SECTION("a client certificate: " << what) {
            const std::string who = credential;
            const auto r = target().attack([&] {
                tls_client client(target().port(), who);
                return client.post("/ncp", "application/soap+xml", genuine_query());
            });
            INFO(r.log);
            CHECK(r.status == 0);
            CHECK(contains(r.log, "tls.handshake_failed"));
            CHECK(contains(r.log, logged));
            CHECK(r.store_requests == 0);
        }
    }
    SECTION("a trusted certificate that is not configured for any partner") {
        const auto r = target().attack([] {
            tls_client client(target().port(), "se-tls");
            return client.post("/ncp", "application/soap+xml", genuine_query());
        });
        CHECK(r.status == 403);
        CHECK(r.store_requests == 0);
    }
}

TEST_CASE("Identifiers that name another patient or carry injection payloads") {
    SECTION("a query for another patient than the TRC's") {
        const auto r = target().attack([] {
            tls_client client(target().port(), "fi-tls");
            return client.post(
                "/ncp", "application/soap+xml",
                soap_envelope(query_action, security_header(partner_sources(), for_patient(tolvan)),
                              xca_query_body(partner_sources(), personnummer_cx(testa))));
        });
        CHECK(contains(r.body, "ResponseStatusType:Failure"));
        CHECK(listed_ids(r.body).empty());
        CHECK(r.logged_code("ncp_a.transaction") == "patient_differs_from_trc");
        CHECK(r.store_requests == 0);
    }
    SECTION("another patient's document, asked with Tolvan's TRC") {
        // Only the store knows whose a prescription is: it is asked, and the answer is withheld.
        const auto r = target().attack([] {
            tls_client client(target().port(), "fi-tls");
            return client.post(
                "/ncp", "application/soap+xml",
                soap_envelope(
                    retrieve_action, security_header(partner_sources(), for_patient(tolvan)),
                    xca_retrieve_body(partner_sources(), document_id(expired_metformin, "L3"))));
        });
        CHECK(contains(r.body, "ResponseStatusType:Failure"));
        CHECK_FALSE(contains(r.body, "Include"));
        CHECK_FALSE(contains(r.body, std::string(testa)));
    }
    for (const std::string& payload :
         {std::string("../../Patient/x"), std::string("x' OR '1'='1"),
          std::string("x%2F..%2FPatient"), std::string("x&patient=190001019827"),
          std::string("x\r\nX-Injected: 1"), std::string(5000, '7')}) {
        DYNAMIC_SECTION("a document id carrying " << payload.substr(0, 30)) {
            const auto r = target().attack([&] {
                tls_client client(target().port(), "fi-tls");
                return client.post(
                    "/ncp", "application/soap+xml",
                    soap_envelope(retrieve_action,
                                  security_header(partner_sources(), for_patient(tolvan)),
                                  xca_retrieve_body(partner_sources(),
                                                    std::string(swedish_prescription_root) + ".9^" +
                                                        payload + ".L3")));
            });
            INFO(r.body.substr(0, 1500));
            CHECK(contains(r.body, "errorCode=\"XDSMissingDocument\""));
            CHECK(contains(r.body, "ResponseStatusType:Failure"));
            CHECK_FALSE(contains(r.body, "Include"));
            CHECK(r.store_requests == 0);
        }
    }
    for (const std::string& payload :
         {std::string("19121212121'--"), std::string("191212121212&_id=x"),
          std::string("../Patient"), std::string(4000, '1')}) {
        DYNAMIC_SECTION("a patient id carrying " << payload.substr(0, 30)
                                                 << ", in the TRC and the query alike") {
            const std::string cx = personnummer_cx(payload);
            const auto r = target().attack([&] {
                tls_client client(target().port(), "fi-tls");
                caller_claims claims;
                claims.trc_patient = cx;
                return client.post(
                    "/ncp", "application/soap+xml",
                    soap_envelope(query_action, security_header(partner_sources(), claims),
                                  xca_query_body(partner_sources(), cx)));
            });
            // Not a personnummer: answered as a patient without prescriptions, unasked.
            INFO(r.body.substr(0, 1500));
            CHECK(contains(r.body, R"(errorCode="1101")"));
            CHECK(listed_ids(r.body).empty());
            CHECK(r.store_requests == 0);
        }
    }
}
