// foreign-ncp: a foreign NCP-B (Finland by default, with the dev PKI) calling Sweden's ncpeh as
// country A — for the demo and for load measurements. Not a production NCP-B: it sends the
// project's own request bodies (samples/foreign-ncp/requests) adapted to the patient asked for.
// With `serve` it is the other way round: Finland's NCP-A, a strict peer for our country B.
//
//   foreign-ncp --port P identify PATIENT
//   foreign-ncp --port P list PATIENT
//   foreign-ncp --port P retrieve PATIENT DOCUMENT_ID [--out FILE]
//   foreign-ncp --port P dispense|discard PATIENT PRESCRIPTION_ID NUMBER
//   foreign-ncp --port P load PATIENT DOCUMENT_ID [--requests N] [--connections C] [--rate R]
//                                                 [--wait-for-go]
//   (any client command: [--assertion-validity SECONDS], default HCP 4 h, TRC 2 h)
//   foreign-ncp serve --port P [--host H] [--tls fi-tls] [--pki DIR] [--documents DIR]...
//                     [--received DIR] [--peer-country SE] [--peer-tls se-tls|FILE.pem|SHA256]
//                     [--fail-first-xdr N] [--delay-ms MS] [--unavailable]
//                     [--malformed] [--wrong-patient]
//
// PATIENT is a personnummer or a CX (`EXT^^^&ROOT&ISO`, e.g. a Finnish patient of `serve`);
// `--community` names the called NCP (XCPD receiver, retrieve repository), Sweden by default.
// A PRESCRIPTION_ID given as `root^extension` is another country's prescription.
//
// Exit status: 0 the answer was a success, 1 the NCP answered with an error, 2 unusable input or
// no connection. `serve` runs until SIGTERM/SIGINT and prints the bound port first on stdout.
#include <CLI/CLI.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <algorithm>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <regex>
#include <thread>

#include "gateway/ihe/transaction.hpp"
#include "gateway/soap/response.hpp"
#include "samples/foreign-ncp/foreign_requests.hpp"
#include "samples/foreign-ncp/load_run.hpp"
#include "samples/foreign-ncp/ncp_connection.hpp"
#include "samples/foreign-ncp/serve_finland.hpp"

namespace {

namespace net = boost::asio;
using namespace ncpeh::samples::foreign_ncp;

using ncpeh::gateway::ihe::request_action;
using ncpeh::gateway::ihe::transaction;
const std::string_view xcpd_action = request_action(transaction::xcpd);
const std::string_view query_action = request_action(transaction::xca_query);
const std::string_view retrieve_action = request_action(transaction::xca_retrieve);
const std::string_view xdr_action = request_action(transaction::xdr_submit);

struct options {
    std::string host = "127.0.0.1";
    unsigned short port = 0;
    std::string tls = "fi-tls";
    caller_claims claims;
    sources from;
    std::string personnummer;  ///< or a CX
    std::string community = std::string(swedish_hcid);
    std::string document;
    std::string prescription;
    std::string number;
    std::string out;
    std::size_t requests = 2000;
    std::size_t connections = 16;
    double rate = 0;
    bool wait_for_go = false;
};

std::filesystem::path checkout_dir() {
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::filesystem::current_path() : exe.parent_path() / "../..";
}

std::vector<std::string> all(const std::string& text, const std::string& pattern) {
    std::vector<std::string> out;
    const std::regex re(pattern);
    for (std::sregex_iterator it(text.begin(), text.end(), re), end; it != end; ++it) {
        out.push_back((*it)[1].str());
    }
    return out;
}

std::string first(const std::string& text, const std::string& pattern) {
    auto found = all(text, pattern);
    return found.empty() ? std::string() : found.front();
}

http_response exchange(const options& o, std::string_view action, const std::string& body) {
    auto tls = make_tls_context(o.from.pki, o.tls);
    const std::string envelope = soap_envelope(action, security_header(o.from, o.claims), body,
                                               ncpeh::gateway::soap::make_uuid_urn());
    net::io_context context;
    auto answer = net::co_spawn(
        context,
        [&]() -> net::awaitable<http_response> {
            ncp_connection connection(co_await net::this_coro::executor, *tls);
            co_await connection.connect(o.host, o.port);
            co_return co_await connection.post_soap(envelope);
        },
        net::use_future);
    context.run();
    return answer.get();
}

// The RegistryErrors of an ebRS answer, "code: context" each.
int report_registry_errors(const std::string& body) {
    const auto codes = all(body, R"re(errorCode="([^"]*)")re");
    const auto contexts = all(body, R"re(codeContext="([^"]*)")re");
    for (std::size_t i = 0; i < codes.size(); ++i) {
        std::cout << "  error " << codes[i] << ": " << (i < contexts.size() ? contexts[i] : "")
                  << '\n';
    }
    return body.find("ResponseStatusType:Success") != std::string::npos ? 0 : 1;
}

int identify(const options& o) {
    const auto res =
        exchange(o, xcpd_action, xcpd_body_for(o.from, patient_cx(o.personnummer), o.community));
    const std::string code = first(res.body(), R"re(<queryResponseCode code="([A-Z]+)")re");
    if (code == "OK") {
        std::cout << "XCPD: found " << first(res.body(), R"(<given>([^<]*)</given>)") << ' '
                  << first(res.body(), R"(<family>([^<]*)</family>)") << ", born "
                  << first(res.body(), R"re(<birthTime value="([0-9]*)")re") << '\n';
        return 0;
    }
    std::cout << "XCPD: " << (code == "NF" ? "no such patient" : "refused") << " (" << code << ")";
    const std::string detail =
        first(res.body(), R"re(acknowledgementDetail[^>]*>\s*<code code="([^"]*)")re");
    std::cout << (detail.empty() ? "" : " " + detail) << '\n';
    return 1;
}

int list(const options& o) {
    const auto res = exchange(o, query_action, xca_query_body(o.from, patient_cx(o.personnummer)));
    const auto ids = all(
        res.body(),
        R"re(identificationScheme="urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab"[^>]*value="([^"]+)")re");
    const auto names =
        all(res.body(), R"re(Description>\s*<(?:rim:)?LocalizedString[^>]*value="([^"]*)")re");
    std::cout << "XCA query: " << ids.size() << " document(s)\n";
    for (std::size_t i = 0; i < ids.size(); ++i) {
        std::cout << "  " << ids[i] << (i < names.size() ? "  " + names[i] : "") << '\n';
    }
    return report_registry_errors(res.body());
}

int retrieve(const options& o) {
    const auto res =
        exchange(o, retrieve_action, xca_retrieve_body(o.from, o.document, o.community));
    const int status = report_registry_errors(res.body());
    const auto start = res.body().find("<ClinicalDocument");
    const auto end = res.body().rfind("</ClinicalDocument>");
    if (start == std::string::npos || end == std::string::npos) {
        std::cout << "XCA retrieve: no document\n";
        return 1;
    }
    const std::string cda = res.body().substr(start, end - start + 19);
    std::cout << "XCA retrieve (MTOM): " << cda.size() << " bytes, \""
              << first(cda, R"(<title>([^<]*)</title>)") << "\"\n";
    if (!o.out.empty()) {
        std::ofstream(o.out, std::ios::binary) << cda;
        std::cout << "  written to " << o.out << '\n';
    }
    return status;
}

int submit(const options& o, bool discard) {
    const auto res =
        exchange(o, xdr_action,
                 xdr_body(o.from, patient_cx(o.personnummer), o.prescription, o.number, discard));
    const int status = report_registry_errors(res.body());
    std::cout << "XDR " << (discard ? "discard" : "eDispensation") << ": "
              << (status == 0 ? "accepted" : "refused") << '\n';
    return status;
}

/// Lists the `count` slowest requests with when they were due, so a stall can be placed in time.
void print_slowest(const load_report& r, std::size_t count) {
    std::vector<load_exchange> slowest = r.exchanges;
    count = std::min(count, slowest.size());
    std::partial_sort(
        slowest.begin(), slowest.begin() + static_cast<std::ptrdiff_t>(count), slowest.end(),
        [](const load_exchange& a, const load_exchange& b) { return a.latency_ms > b.latency_ms; });
    std::cout << "slowest:";
    for (std::size_t i = 0; i < count; ++i) {
        std::cout << std::setprecision(1) << ' ' << slowest[i].latency_ms << " ms (due at "
                  << std::setprecision(3) << slowest[i].scheduled_at.count() << " s)";
    }
    std::cout << '\n';
}

int load(const options& o) {
    std::cout << "preparing " << o.requests << " signed retrieve requests..." << std::flush;
    std::vector<std::string> envelopes(o.requests);
    const std::string body = xca_retrieve_body(o.from, o.document, o.community);
    const unsigned workers = std::max(1U, std::thread::hardware_concurrency());
    std::vector<std::thread> pool;
    for (unsigned w = 0; w < workers; ++w) {
        pool.emplace_back([&, w] {
            for (std::size_t i = w; i < envelopes.size(); i += workers) {
                envelopes[i] = soap_envelope(retrieve_action, security_header(o.from, o.claims),
                                             body, ncpeh::gateway::soap::make_uuid_urn());
            }
        });
    }
    for (auto& t : pool) {
        t.join();
    }
    std::cout << " done\n";
    if (o.wait_for_go) {
        std::cout << "waiting for a line on standard input to start" << std::endl;
        std::string go;
        std::getline(std::cin, go);
    }
    auto tls = make_tls_context(o.from.pki, o.tls);
    load_options lo;
    lo.host = o.host;
    lo.port = o.port;
    lo.connections = o.connections;
    lo.rate = o.rate;
    const load_report r = run_load(lo, *tls, envelopes);
    std::cout << std::fixed << std::setprecision(1) << "retrieves: " << r.succeeded << " ok, "
              << r.failed << " failed in " << r.elapsed.count() << " s over " << o.connections
              << " connections"
              << (o.rate > 0 ? " at an offered " + std::to_string(static_cast<int>(o.rate)) + "/s"
                             : "")
              << "\nthroughput: " << r.throughput() << " retrieves/s\nlatency ms: p50 "
              << std::setprecision(2) << r.quantile_ms(0.50) << ", p90 " << r.quantile_ms(0.90)
              << ", p99 " << r.quantile_ms(0.99) << ", max " << r.quantile_ms(1.0) << '\n';
    std::cout << std::setprecision(1) << "connections opened before the run in "
              << std::chrono::duration<double, std::milli>(r.connecting).count() << " ms\n";
    print_slowest(r, 5);
    std::cout << std::setprecision(0) << "client CPU per request: "
              << r.cpu.count() * 1e6 / static_cast<double>(r.succeeded + r.failed) << " µs\n";
    if (!r.first_failure.empty()) {
        std::cout << "first failure: " << r.first_failure.substr(0, 400) << '\n';
    }
    return r.failed == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    options o;
    o.from.pki = checkout_dir() / "samples/pki/generated";
    o.from.requests = checkout_dir() / "samples/foreign-ncp/requests";
    CLI::App app{
        "A foreign NCP-B (FI, dev PKI) calling ncpeh as country A: demo and load tool; "
        "with serve, Finland's NCP-A"};
    app.require_subcommand(1);
    app.fallthrough();  // `serve --port P` as well as `--port P identify …`
    app.add_option("--port", o.port,
                   "ncpeh's cross-border port (serve: the port to listen on, 0 = a free one)")
        ->required();
    app.add_option("--host", o.host, "ncpeh's address (serve: to listen on; default 127.0.0.1)");
    app.add_option("--tls", o.tls,
                   "TLS client (serve: server) credential in the dev PKI (default fi-tls)");
    app.add_option("--seal", o.claims.seal, "assertion signing credential (default fi-seal)");
    app.add_option("--country", o.claims.country, "country of the caller (default FI)");
    app.add_option("--pki", o.from.pki, "dev PKI folder (default samples/pki/generated)");
    app.add_option("--requests", o.from.requests,
                   "request bodies (default samples/foreign-ncp/requests)");
    unsigned validity_s = 0;
    app.add_option("--assertion-validity", validity_s,
                   "lifetime of the signed assertions in seconds (default: HCP 4 h, TRC 2 h); "
                   "a long load run with a short one keeps ncpeh's replay cache at a steady size");
    app.add_option("--community", o.community,
                   "home community id of the called NCP: XCPD receiver, retrieve repository "
                   "(default 2.999.752.1.1, Sweden; Finland's serve is 2.999.246.1.1)");

    auto* id = app.add_subcommand("identify", "XCPD: find a patient by personnummer or CX");
    id->add_option("PNR", o.personnummer)->required();
    auto* ls = app.add_subcommand("list", "XCA query: the patient's ePrescriptions");
    ls->add_option("PNR", o.personnummer)->required();
    auto* get = app.add_subcommand("retrieve", "XCA retrieve: one document (L3 or L1)");
    get->add_option("PNR", o.personnummer)->required();
    get->add_option("DOCUMENT_ID", o.document)->required();
    get->add_option("--out", o.out, "write the CDA here");
    auto* dispense = app.add_subcommand("dispense", "XDR: report an eDispensation");
    auto* discard = app.add_subcommand("discard", "XDR: discard an eDispensation");
    for (auto* sub : {dispense, discard}) {
        sub->add_option("PNR", o.personnummer)->required();
        sub->add_option("PRESCRIPTION_ID", o.prescription)->required();
        sub->add_option("NUMBER", o.number, "the dispensation's number (its idempotency key)")
            ->required();
    }
    auto* lo = app.add_subcommand("load", "measure XCA retrieve: throughput and latency");
    lo->add_option("PNR", o.personnummer)->required();
    lo->add_option("DOCUMENT_ID", o.document)->required();
    lo->add_option("--requests", o.requests, "requests to send (default 2000)");
    lo->add_option("--connections", o.connections, "kept-alive connections (default 16)");
    lo->add_option("--rate", o.rate, "offered requests/s (default: as fast as possible)");
    lo->add_flag("--wait-for-go", o.wait_for_go,
                 "once the requests are prepared, start only after a line on standard input "
                 "(lets a script measure something else just before the run)");
    serve_options so;
    std::vector<std::string> documents;
    std::string received;
    unsigned delay_ms = 0;
    auto* serve =
        app.add_subcommand("serve", "run Finland's NCP-A for our country B (strict peer)");
    serve->add_option("--documents", documents,
                      "folder of ePrescription CDA files to serve, repeatable (default "
                      "samples/foreign-ncp/finland)");
    serve->add_option("--received", received,
                      "keep each acknowledged XDR here (<eD id>.xml and received.jsonl)");
    serve->add_option("--peer-country", so.peer_country, "the admitted caller's country (SE)");
    serve->add_option("--peer-tls", so.peer_tls,
                      "the admitted TLS client: dev-PKI credential, PEM file or SHA-256 "
                      "fingerprint (default se-tls)");
    serve->add_option("--fail-first-xdr", so.faults.fail_first_xdr,
                      "answer the first N XDRs with a RegistryResponse Failure (4103)");
    serve->add_option("--delay-ms", delay_ms, "answer every request after this delay");
    serve->add_flag("--log-requests", so.log_requests,
                    "write a line per admitted request (its path) to standard error");
    serve->add_flag("--unavailable", so.faults.unavailable,
                    "answer every request with HTTP 503 and a SOAP Receiver fault");
    serve->add_flag("--malformed", so.faults.malformed,
                    "answer every request with HTTP 200 and a cut-off SOAP envelope");
    serve->add_flag("--wrong-patient", so.faults.wrong_patient,
                    "answer XCA retrieves with another patient's ePrescription");
    CLI11_PARSE(app, argc, argv);
    o.claims.trc_patient = o.personnummer.empty() ? "" : patient_cx(o.personnummer);
    o.claims.validity = std::chrono::seconds(validity_s);
    try {
        if (*serve) {
            so.host = o.host;
            so.port = o.port;
            so.pki = o.from.pki;
            so.tls = o.tls;
            so.received = received;
            so.faults.delay = std::chrono::milliseconds(delay_ms);
            for (const auto& folder : documents) {
                so.documents.emplace_back(folder);
            }
            if (so.documents.empty()) {
                so.documents.push_back(checkout_dir() / "samples/foreign-ncp/finland");
            }
            return serve_finland(so);
        }
        if (*id) {
            o.claims.trc_patient.clear();
            return identify(o);
        }
        if (*ls) {
            return list(o);
        }
        if (*get) {
            return retrieve(o);
        }
        if (*dispense || *discard) {
            return submit(o, discard->parsed());
        }
        return load(o);
    } catch (const std::exception& e) {
        std::cerr << "foreign-ncp: " << e.what() << '\n';
        return 2;
    }
}
