// Fuzz-style robustness of the ePrescription reader and the Swedish view built on it: randomly
// deleted and duplicated elements of the real foreign samples must give a value or a typed
// error, never a crash (run under ASan/UBSan).
#include <catch2/catch.hpp>

#include <random>
#include <vector>

#include "tests/support/test_files.hpp"
#include "tests/support/xml_mutation.hpp"
#include "tests/translators/load_test_terminology.hpp"
#include "translators/cda/read_eprescription.hpp"
#include "translators/eprescription_to_se_view/make_swedish_view.hpp"
#include "trust/xml/document.hpp"

namespace cda = ncpeh::translators::cda;
namespace view = ncpeh::translators::eprescription_to_se_view;

TEST_CASE("random element deletion and duplication never crashes the ePrescription reader") {
    std::mt19937 random(20261123);  // fixed seed: failures reproduce
    const std::vector<ncpeh::translators::fhir::medication> no_products;
    int read_ok = 0;
    int read_error = 0;
    int view_ok = 0;
    int view_error = 0;
    for (const char* name :
         {"fi-w7-single-ingredient.xml", "lantus-solostar-pharm-ns.xml", "fi-w2-epsos-ns.xml"}) {
        const std::string original = ncpeh::testing::read_file(
            ncpeh::testing::shared_dir() / "samples/ehdsi/cda/eprescription" / name);
        for (int round = 0; round < 200; ++round) {
            // Re-parse the mutated text so the reader sees exactly what a peer could send.
            auto mutated = ncpeh::trust::xml::parse_document(
                ncpeh::testing::mutate_elements(original, random));
            REQUIRE(mutated.has_value());
            auto ep = cda::read_eprescription(*mutated);
            if (!ep) {
                ++read_error;
                CHECK_FALSE(ep.error().message.empty());
                CHECK_FALSE(ep.error().context_value("element").empty());
                continue;
            }
            ++read_ok;
            auto v = view::make_swedish_view({*ep, no_products, "2026-11-23"},
                                             ncpeh::testing::test_terminology());
            if (v) {
                ++view_ok;
                CHECK(v->prescriptions.size() == 1 + ep->further_items.size());
                CHECK_FALSE(v->patient.identifiers.empty());
                const auto bundle = view::to_bundle(*v);
                CHECK(bundle.entries.size() >= 2);
            } else {
                ++view_error;
                CHECK_FALSE(v.error().context_value("element").empty());
            }
        }
    }
    // Every outcome occurs, so the mutations really reach the checked parts.
    CHECK(read_ok > 0);
    CHECK(read_error > 0);
    CHECK(view_ok > 0);
    CHECK(view_error > 0);
}
