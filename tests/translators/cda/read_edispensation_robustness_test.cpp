// Fuzz-style robustness of the eDispensation reader: randomly deleted and duplicated elements of
// our own eDispensation and of the real samples must give a value or a typed error, never a crash
// (run under ASan/UBSan).
#include <catch2/catch.hpp>

#include <filesystem>
#include <random>
#include <vector>

#include "tests/support/peer_samples.hpp"
#include "tests/support/test_files.hpp"
#include "tests/support/xml_mutation.hpp"
#include "translators/cda/read_edispensation.hpp"
#include "trust/xml/document.hpp"

namespace cda = ncpeh::translators::cda;

namespace {

/// Mutates each document `rounds` times and reads it; both outcomes must occur.
void mutate_and_read(const std::vector<std::filesystem::path>& documents, int rounds) {
    std::mt19937 random(20251123);  // fixed seed: failures reproduce
    int read_ok = 0;
    int read_error = 0;
    for (const auto& document : documents) {
        const std::string original = ncpeh::testing::read_file(document);
        for (int round = 0; round < rounds; ++round) {
            // Re-parse the mutated text so the reader sees exactly what a peer could send.
            auto mutated = ncpeh::trust::xml::parse_document(
                ncpeh::testing::mutate_elements(original, random));
            REQUIRE(mutated.has_value());
            auto ed = cda::read_edispensation(*mutated);
            if (ed) {
                ++read_ok;
                CHECK_FALSE(ed->prescription_id.root.empty());
                CHECK_FALSE(ed->packages.value.empty());
            } else {
                ++read_error;
                CHECK_FALSE(ed.error().message.empty());
            }
        }
    }
    // Both outcomes occur, so the mutations really reach the checked parts.
    CHECK(read_ok > 0);
    CHECK(read_error > 0);
}

}  // namespace

TEST_CASE("random element deletion and duplication never crashes the reader: our own eD") {
    mutate_and_read({ncpeh::testing::request_bodies_dir() / "edispensation.xml"}, 300);
}

TEST_CASE("random element deletion and duplication never crashes the eDispensation reader") {
    if (ncpeh::testing::skip_without_peer_samples()) {
        return;
    }
    const auto samples = ncpeh::testing::peer_samples_dir() / "cda/edispensation";
    mutate_and_read({samples / "czrequest1-for-dk-prescription.xml",
                     samples / "grrequest1-for-dk-prescription.xml",
                     samples / "plrequest1-for-dk-prescription.xml",
                     samples / "se-edispensation-epsos-era.xml"},
                    150);
}
