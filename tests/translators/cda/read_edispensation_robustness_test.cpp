// Fuzz-style robustness of the eDispensation reader: randomly deleted and duplicated elements of
// the real samples must give a value or a typed error, never a crash (run under ASan/UBSan).
#include <catch2/catch.hpp>

#include <random>
#include <vector>

#include "tests/support/test_files.hpp"
#include "tests/support/xml_mutation.hpp"
#include "translators/cda/read_edispensation.hpp"
#include "trust/xml/document.hpp"

namespace cda = ncpeh::translators::cda;

TEST_CASE("random element deletion and duplication never crashes the eDispensation reader") {
    std::mt19937 random(20251123);  // fixed seed: failures reproduce
    int read_ok = 0;
    int read_error = 0;
    for (const char* name :
         {"czrequest1-for-dk-prescription.xml", "grrequest1-for-dk-prescription.xml",
          "plrequest1-for-dk-prescription.xml", "se-edispensation-epsos-era.xml"}) {
        const std::string original = ncpeh::testing::read_file(
            ncpeh::testing::shared_dir() / "samples/ehdsi/cda/edispensation" / name);
        for (int round = 0; round < 150; ++round) {
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
