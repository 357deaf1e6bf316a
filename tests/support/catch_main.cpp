// Catch2's main, compiled once for every test program. After the run it reports the test cases
// that skipped because the real peer samples are absent (tests/support/peer_samples.hpp).
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "tests/support/peer_samples.hpp"

int main(int argc, char* argv[]) {
    const int failed = Catch::Session().run(argc, argv);
    ncpeh::testing::report_skipped_peer_sample_tests(argv[0]);
    return failed;
}
