// The in-process floor of one XCA retrieve of an L3 document (docs/performance.md, "Country A
// retrieve"): SOAP decode + both assertions verified on the parsed envelope (signatures, chains
// through the store's verdict cache as in the server, policy) + retrieve request parsed +
// SE -> eP L3 translation + ITI-39 MTOM response written, in a loop, without network, national
// store or audit. `scripts/measure-ncp-a-load` compares the served throughput
// with this.
// Run: ./scripts/build release ncp_a_retrieve_floor_bench &&
//      build/release/tests/ncp_a_retrieve_floor_bench --benchmark_repetitions=5
//        --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <filesystem>

#include "gateway/ihe/xca_retrieve_request.hpp"
#include "gateway/ihe/xca_retrieve_response.hpp"
#include "gateway/soap/request.hpp"
#include "gateway/terminology/read_terminology.hpp"
#include "samples/foreign-ncp/foreign_requests.hpp"
#include "tests/support/test_files.hpp"
#include "translators/eprescription_l3/custodian.hpp"
#include "translators/eprescription_l3/document_id.hpp"
#include "translators/eprescription_l3/make_eprescription.hpp"
#include "translators/eprescription_l3/prescriptions_in_bundle.hpp"
#include "translators/eprescription_l3/write_eprescription_l3.hpp"
#include "translators/fhir/bundle.hpp"
#include "translators/fhir/resource.hpp"
#include "trust/saml/verify_assertions.hpp"

namespace {

using namespace ncpeh;
namespace l3 = translators::eprescription_l3;
namespace fn = samples::foreign_ncp;

const std::filesystem::path source_dir = NCPEH_SOURCE_DIR;
const fn::sources dirs{source_dir / "samples/pki/generated",
                       source_dir / "samples/foreign-ncp/requests"};

void retrieve_floor(benchmark::State& state) {
    const auto tables =
        gateway::terminology::read_terminology(source_dir / "translators/terminology/data").value();
    const auto store = trust::x509::trust_store::load(trust::x509::store_kind::assertion_signatures,
                                                      dirs.pki / "trust-assertion-signatures.pem",
                                                      {dirs.pki / "ca.crl.pem"})
                           .value();
    const auto bundle = translators::fhir::parse_bundle(
                            translators::fhir::parse_json_text(
                                ncpeh::testing::read_file(
                                    source_dir / "samples/national-store/seed/patient-01.json"))
                                .value())
                            .value();
    const auto found = l3::prescriptions_in_bundle(bundle).value();
    const auto& metformin = found.front();
    l3::eprescription_settings settings;
    settings.prescription_id_root = "2.999.752.1.2";
    settings.custodian = l3::swedish_custodian("2.999.752.1.1");

    fn::caller_claims claims;
    claims.trc_patient = fn::personnummer_cx("191212121212");
    const std::string document_id = l3::document_unique_id(l3::eprescription_document_id(
        "2.999.752.1.2", metformin.request->id, l3::document_level::l3));
    // Fresh assertions every time would measure the client's signing; the floor verifies one
    // envelope repeatedly (no replay cache here).
    const std::string envelope = fn::soap_envelope("urn:ihe:iti:2007:CrossGatewayRetrieve",
                                                   fn::security_header(dirs, claims),
                                                   fn::xca_retrieve_body(dirs, document_id));
    const trust::xml::parse_limits limits;
    for (auto _ : state) {
        const auto now = std::chrono::system_clock::now();
        auto decoded = gateway::soap::decode_request("application/soap+xml", envelope, limits);
        // As the server does: the assertions are verified on the envelope as parsed.
        auto verified = trust::saml::verify_assertions(
            decoded.value().envelope.document(), store,
            {trust::saml::transaction::xca_retrieve, now, "FI"}, nullptr);
        auto requests =
            gateway::ihe::parse_xca_retrieve_request(decoded.value().envelope.body_root());
        auto model = l3::make_eprescription(
            {*metformin.request, *metformin.patient, "20261123100000+0000",
             l3::eprescription_document_id("2.999.752.1.2", metformin.request->id,
                                           l3::document_level::l3)},
            settings, tables);
        gateway::ihe::xca_retrieve_response response;
        response.home_community_id = "2.999.752.1.1";
        response.documents.push_back({requests.value().front(), "text/xml",
                                      l3::write_eprescription_l3(model.value().document)});
        auto message = gateway::ihe::write_xca_retrieve_response(response, {});
        if (!verified) {
            state.SkipWithError(verified.error().describe().c_str());
            break;
        }
        benchmark::DoNotOptimize(message);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(retrieve_floor)->Unit(benchmark::kMicrosecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
