#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace ncpeh::testing {

// Tests that read the real peer corpus (shared_dir(), i.e. ../shared/samples/ehdsi: documents and
// messages written by other countries' NCPs) skip cleanly in a clone without it, and say so.
// Catch2 v2 has no skip, so such a test case starts with
//
//     if (ncpeh::testing::skip_without_peer_samples()) {
//         return;
//     }
//
// and the test program reports the skipped test cases when it ends (tests/support/catch_main.cpp).
// scripts/test adds the reports of all programs up and fails when the corpus is there but
// anything was skipped.

/// The real peer samples: shared_dir() / "samples/ehdsi".
std::filesystem::path peer_samples_dir();

/// False when peer_samples_dir() exists. Otherwise records the running test case as skipped and
/// returns true: the caller returns at once. Call it only inside a test case.
bool skip_without_peer_samples();

/// The names of the test cases skipped so far, each once, in the order they were skipped.
const std::vector<std::string>& skipped_peer_sample_tests();

/// Prints "N peer-sample tests skipped: …" when N > 0 and, when NCPEH_SKIP_REPORT_DIR is set,
/// writes the skipped test names, one a line, to `<that dir>/<program name>.skipped` (an empty
/// file when nothing was skipped) for scripts/test to add up.
void report_skipped_peer_sample_tests(const std::filesystem::path& program);

}  // namespace ncpeh::testing
