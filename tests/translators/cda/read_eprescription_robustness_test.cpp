// Fuzz-style robustness of the ePrescription reader and the Swedish view built on it: randomly
// deleted and duplicated elements of our own L3 documents and of the real foreign samples must
// give a value or a typed error, never a crash (run under ASan/UBSan).
#include <catch2/catch.hpp>

#include <filesystem>
#include <random>
#include <vector>

#include "tests/support/peer_samples.hpp"
#include "tests/support/test_files.hpp"
#include "tests/support/xml_mutation.hpp"
#include "tests/translators/load_test_terminology.hpp"
#include "translators/cda/read_eprescription.hpp"
#include "translators/eprescription_to_se_view/make_swedish_view.hpp"
#include "trust/xml/document.hpp"

namespace cda = ncpeh::translators::cda;
namespace view = ncpeh::translators::eprescription_to_se_view;

namespace {

/// Mutates each document `rounds` times and reads it; every outcome must occur.
void mutate_and_read(const std::vector<std::filesystem::path>& documents, int rounds) {
    std::mt19937 random(20261123);  // fixed seed: failures reproduce
    const std::vector<ncpeh::translators::fhir::medication> no_products;
    int read_ok = 0;
    int read_error = 0;
    int view_ok = 0;
    int view_error = 0;
    for (const auto& document : documents) {
        const std::string original = ncpeh::testing::read_file(document);
        for (int round = 0; round < rounds; ++round) {
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

}  // namespace

TEST_CASE("random element deletion and duplication never crashes the reader: our own L3") {
    const auto golden = ncpeh::testing::source_dir() / "tests/translators/eprescription_l3/golden";
    mutate_and_read({golden / "amlodipin-tablett.l3.xml", golden / "insulin-penna-utbyte-ej.l3.xml",
                     golden / "oral-losning-ostrukturerad.l3.xml"},
                    200);
}

TEST_CASE("random element deletion and duplication never crashes the ePrescription reader") {
    if (ncpeh::testing::skip_without_peer_samples()) {
        return;
    }
    const auto samples = ncpeh::testing::peer_samples_dir() / "cda/eprescription";
    mutate_and_read({samples / "fi-w7-single-ingredient.xml",
                     samples / "lantus-solostar-pharm-ns.xml", samples / "fi-w2-epsos-ns.xml"},
                    200);
}
