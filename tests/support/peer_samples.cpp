#include "tests/support/peer_samples.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "tests/support/test_files.hpp"

namespace ncpeh::testing {

namespace {

std::vector<std::string>& skipped() {
    static std::vector<std::string> names;
    return names;
}

}  // namespace

std::filesystem::path peer_samples_dir() {
    return shared_dir() / "samples" / "ehdsi";
}

bool skip_without_peer_samples() {
    if (std::filesystem::is_directory(peer_samples_dir())) {
        return false;
    }
    // A test case with sections runs once per section: count it once.
    const std::string name = Catch::getResultCapture().getCurrentTestName();
    if (std::find(skipped().begin(), skipped().end(), name) == skipped().end()) {
        skipped().push_back(name);
    }
    return true;
}

const std::vector<std::string>& skipped_peer_sample_tests() {
    return skipped();
}

void report_skipped_peer_sample_tests(const std::filesystem::path& program) {
    const auto& names = skipped();
    if (!names.empty()) {
        std::cout << names.size() << " peer-sample tests skipped: " << peer_samples_dir().string()
                  << " not found; set NCPEH_SHARED_DIR\n";
    }
    const char* report_dir = std::getenv("NCPEH_SKIP_REPORT_DIR");
    if (report_dir == nullptr || *report_dir == '\0') {
        return;
    }
    std::ofstream report(std::filesystem::path(report_dir) /
                         (program.filename().string() + ".skipped"));
    for (const std::string& name : names) {
        report << name << '\n';
    }
}

}  // namespace ncpeh::testing
