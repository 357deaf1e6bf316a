// In-process assertion verification cost (docs/performance.md, "Assertion verification").
// Run: ./scripts/build release assertion_verify_bench &&
//      build/release/tests/assertion_verify_bench --benchmark_repetitions=5
//        --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>

#include "tests/support/swedish_pharmacist.hpp"
#include "tests/support/test_files.hpp"
#include "trust/saml/assertion_id.hpp"
#include "trust/saml/issue_assertion.hpp"
#include "trust/saml/security_header.hpp"
#include "trust/saml/verify_assertions.hpp"
#include "trust/xml/date_time.hpp"
#include "trust/xmldsig/register_id.hpp"
#include "trust/xmldsig/verify_assertion_signature.hpp"

namespace {

using namespace ncpeh;
using namespace ncpeh::trust;

// The benchmark links no Catch, so it reads files itself (tests/support uses Catch's FAIL).
const std::filesystem::path shared_dir = NCPEH_SHARED_DIR;
const std::filesystem::path pki = std::filesystem::path(NCPEH_SOURCE_DIR) / "samples/pki/generated";

const std::string dk_header =
    ncpeh::testing::read_file(shared_dir / "samples/ehdsi/soap/dk-xca-query-header.signed.xml");
const auto dk_time = xml::parse_date_time("2025-07-26T12:00:00Z").value();

// The DK header with only its HCP assertion (the TRC element cut out).
std::string hcp_only(const std::string& header) {
    const std::string end_tag = "</saml2:Assertion>";
    const auto hcp_end = header.find(end_tag) + end_tag.size();
    const auto trc_end = header.find(end_tag, hcp_end) + end_tag.size();
    return header.substr(0, hcp_end) + header.substr(trc_end);
}

std::string wrap(const std::string& assertions) {
    return "<s:Header xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><wsse:Security "
           "xmlns:wsse=\"http://docs.oasis-open.org/wss/2004/01/"
           "oasis-200401-wss-wssecurity-secext-1.0.xsd\">" +
           assertions + "</wsse:Security></s:Header>";
}

// Parse + locate + register ID + signature and chain: one assertion, as the gateway does it.
void verify_one(benchmark::State& state, const std::string& message, const x509::trust_store& store,
                std::chrono::system_clock::time_point at) {
    for (auto _ : state) {
        auto doc = xml::parse_document(message).value();
        auto nodes = saml::find_header_assertions(doc).value();
        if (!xmldsig::register_id(doc, *nodes[0], "ID") ||
            !xmldsig::verify_assertion_signature(doc, *nodes[0], store, at)) {
            state.SkipWithError("verification failed");
            return;
        }
    }
}

void dk_hcp_with_chain(benchmark::State& state) {
    const auto store = x509::trust_store::load(x509::store_kind::assertion_signatures,
                                               shared_dir / "samples/ehdsi/pki/ehdsi-test-ca.pem")
                           .value();
    verify_one(state, hcp_only(dk_header), store, dk_time);
}
BENCHMARK(dk_hcp_with_chain)->Unit(benchmark::kMicrosecond)->Name("dk_hcp_rsa4096_with_chain");

void dk_pair_full_policy(benchmark::State& state) {
    const auto store = x509::trust_store::load(x509::store_kind::assertion_signatures,
                                               shared_dir / "samples/ehdsi/pki/ehdsi-test-ca.pem")
                           .value();
    const saml::policy_context context{saml::transaction::xca_list, dk_time, std::string("DK")};
    for (auto _ : state) {
        if (!saml::verify_assertions(dk_header, store, context, nullptr)) {
            state.SkipWithError("verification failed");
            return;
        }
    }
}
BENCHMARK(dk_pair_full_policy)->Unit(benchmark::kMicrosecond)->Name("dk_hcp_trc_pair_full_checks");

struct dev_material {
    std::string one;
    std::string pair;
};

dev_material issue_dev(const std::string& seal_name) {
    const auto seal =
        xmldsig::signing_credential::load(pki / (seal_name + ".pem"), pki / (seal_name + ".key"))
            .value();
    const auto [hcp, trc] = ncpeh::testing::make_swedish_pharmacist_claims(
        saml::make_assertion_id().value(), saml::make_assertion_id().value(),
        std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now()));
    const auto hcp_xml = saml::issue_hcp_assertion(hcp, seal).value();
    const auto trc_xml = saml::issue_trc_assertion(trc, seal).value();
    return {wrap(hcp_xml), wrap(hcp_xml + trc_xml)};
}

void dev_one(benchmark::State& state, const std::string& seal_name) {
    const auto store = x509::trust_store::load(x509::store_kind::assertion_signatures,
                                               pki / "ca.pem", {pki / "ca.crl.pem"})
                           .value();
    verify_one(state, issue_dev(seal_name).one, store, std::chrono::system_clock::now());
}
BENCHMARK_CAPTURE(dev_one, rsa2048, std::string("se-seal"))
    ->Unit(benchmark::kMicrosecond)
    ->Name("dev_hcp_rsa2048_with_chain_and_crl");
BENCHMARK_CAPTURE(dev_one, ecdsa_p256, std::string("se-seal-ec"))
    ->Unit(benchmark::kMicrosecond)
    ->Name("dev_hcp_ecdsa_p256_with_chain_and_crl");

void dev_pair(benchmark::State& state) {
    const auto store = x509::trust_store::load(x509::store_kind::assertion_signatures,
                                               pki / "ca.pem", {pki / "ca.crl.pem"})
                           .value();
    const auto message = issue_dev("se-seal").pair;
    const saml::policy_context context{saml::transaction::xca_list,
                                       std::chrono::system_clock::now(), std::string("SE")};
    for (auto _ : state) {
        if (!saml::verify_assertions(message, store, context, nullptr)) {
            state.SkipWithError("verification failed");
            return;
        }
    }
}
BENCHMARK(dev_pair)->Unit(benchmark::kMicrosecond)->Name("dev_hcp_trc_pair_rsa2048_full_checks");

void issue_hcp(benchmark::State& state) {
    const auto seal =
        xmldsig::signing_credential::load(pki / "se-seal.pem", pki / "se-seal.key").value();
    saml::hcp_claims hcp;
    hcp.id = "_bench";
    hcp.country = "SE";
    hcp.name_id = "apotekare@example.se";
    hcp.subject_name = "Testa Apotekare";
    hcp.role = {"2262", "", "Pharmacists"};
    hcp.facility_type = "Pharmacy";
    hcp.locality = "Stockholm";
    hcp.permissions = {"PRD-004", "PRD-010"};
    hcp.issued_at =
        std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
    for (auto _ : state) {
        benchmark::DoNotOptimize(saml::issue_hcp_assertion(hcp, seal));
    }
}
BENCHMARK(issue_hcp)->Unit(benchmark::kMicrosecond)->Name("issue_and_sign_hcp_rsa2048");

}  // namespace

BENCHMARK_MAIN();
