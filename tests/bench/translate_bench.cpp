// Translator throughput (release preset): Swedish NLL bundle → eHDSI eP L3, and eHDSI eD →
// NLL MedicationDispense. One thread; Google Benchmark reports items per second (= documents).
//   ./scripts/build release translate_bench && build/release/tests/translate_bench
#include <benchmark/benchmark.h>
#include <boost/json/serialize.hpp>

#include "tests/support/test_files.hpp"
#include "tests/translators/load_test_terminology.hpp"
#include "translators/cda/read_edispensation.hpp"
#include "translators/edispensation_to_nll/make_medication_dispense.hpp"
#include "translators/eprescription_l1/render_prescription_pdf.hpp"
#include "translators/eprescription_l3/make_eprescription.hpp"
#include "translators/eprescription_l3/prescriptions_in_bundle.hpp"
#include "translators/eprescription_l3/write_eprescription_l3.hpp"
#include "translators/fhir/bundle.hpp"
#include "translators/fhir/resource.hpp"
#include "trust/xml/document.hpp"

namespace {

namespace l3 = ncpeh::translators::eprescription_l3;
namespace fhir = ncpeh::translators::fhir;

const std::string& amlodipine_bundle() {
    static const std::string text = ncpeh::testing::read_file(
        ncpeh::testing::source_dir() /
        "tests/translators/eprescription_l3/golden/amlodipin-tablett.bundle.json");
    return text;
}

l3::eprescription_settings settings() {
    l3::eprescription_settings s;
    s.prescription_id_root = "2.999.752.1.2";
    s.custodian.name = "E-hälsomyndigheten";
    s.custodian.addr.country = "SE";
    return s;
}

std::string translate_to_l3(const std::string& text, const l3::eprescription_settings& s) {
    auto bundle = fhir::parse_bundle(fhir::parse_json_text(text).value()).value();
    auto found = l3::prescriptions_in_bundle(bundle).value();
    auto model = l3::make_eprescription({*found.at(0).request,
                                         *found.at(0).patient,
                                         "20250304100000+0100",
                                         {"2.999.752.1.2.9", found.at(0).request->id + ".L3", {}}},
                                        s, ncpeh::testing::test_terminology());
    return l3::write_eprescription_l3(model.value().document);
}

// Bytes of JSON in → bytes of L3 CDA out: what the gateway does per retrieved prescription.
void se_to_l3(benchmark::State& state) {
    const auto s = settings();
    (void)ncpeh::testing::test_terminology();
    std::size_t bytes = 0;
    for (auto _ : state) {
        std::string out = translate_to_l3(amlodipine_bundle(), s);
        bytes += out.size();
        benchmark::DoNotOptimize(out);
    }
    state.SetItemsProcessed(state.iterations());
    state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}
BENCHMARK(se_to_l3);

// The L1 PDF rendering (cairo + pango) for the same prescription.
void se_to_l1_pdf(benchmark::State& state) {
    const auto s = settings();
    auto bundle = fhir::parse_bundle(fhir::parse_json_text(amlodipine_bundle()).value()).value();
    auto found = l3::prescriptions_in_bundle(bundle).value();
    auto model = l3::make_eprescription({*found.at(0).request,
                                         *found.at(0).patient,
                                         "20250304100000+0100",
                                         {"2.999.752.1.2.9", "x.L1", {}}},
                                        s, ncpeh::testing::test_terminology());
    for (auto _ : state) {
        auto pdf = ncpeh::translators::eprescription_l1::render_prescription_pdf(
            model.value().document, "20250304100000+0100");
        benchmark::DoNotOptimize(pdf);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(se_to_l1_pdf);

// Bytes of eD CDA in (hardened parse included) → NLL MedicationDispense JSON out.
void ed_to_nll(benchmark::State& state) {
    const std::string ed_text = ncpeh::testing::read_file(
        ncpeh::testing::shared_dir() /
        "samples/ehdsi/cda/edispensation/plrequest1-for-dk-prescription.xml");
    for (auto _ : state) {
        auto doc = ncpeh::trust::xml::parse_document(ed_text);
        auto ed = ncpeh::translators::cda::read_edispensation(doc.value());
        auto dispense =
            ncpeh::translators::edispensation_to_nll::make_medication_dispense(ed.value(), {});
        std::string json = boost::json::serialize(fhir::to_json(dispense.value()));
        benchmark::DoNotOptimize(json);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(ed_to_nll);

}  // namespace

BENCHMARK_MAIN();
