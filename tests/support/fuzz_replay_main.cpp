// The main of the fuzz targets in the normal (GCC) builds: it replays inputs through the target's
// LLVMFuzzerTestOneInput, once per file, so the corpora run as regression tests under ASan and
// UBSan without clang or libFuzzer (docs/development.md, "Fuzzing").
//
//   fuzz_NAME PATH... [--peer-samples DIR SAMPLE...]
//
// A PATH is a file or a folder (read recursively, files in name order) and must exist. Each
// SAMPLE is a file or folder below DIR, the real peer samples (../shared/samples/ehdsi); the
// environment's NCPEH_SHARED_DIR replaces DIR by $NCPEH_SHARED_DIR/samples/ehdsi, as for the
// tests (tests/support/test_files.hpp). Without that folder the samples are skipped and reported
// to NCPEH_SKIP_REPORT_DIR (a clone without ../shared replays its own corpus only); with it, a
// missing sample is an error. A sanitizer report aborts the run; otherwise it prints how many
// inputs ran.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

namespace fs = std::filesystem;

std::vector<fs::path> files_below(const fs::path& path) {
    std::vector<fs::path> files;
    if (fs::is_directory(path)) {
        for (const auto& entry : fs::recursive_directory_iterator(path)) {
            if (entry.is_regular_file()) {
                files.push_back(entry.path());
            }
        }
        std::sort(files.begin(), files.end());
    } else {
        files.push_back(path);
    }
    return files;
}

bool run_one(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "fuzz replay: cannot read %s\n", file.c_str());
        return false;
    }
    const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    // A copy of exactly `size` bytes, so ASan sees a read past the end of the input.
    const std::vector<std::uint8_t> input(bytes.begin(), bytes.end());
    LLVMFuzzerTestOneInput(input.data(), input.size());
    return true;
}

// Tells ./scripts/test that this replay ran without the peer samples (NCPEH_SKIP_REPORT_DIR).
void report_skipped(const char* program, std::size_t absent) {
    const char* report_dir = std::getenv("NCPEH_SKIP_REPORT_DIR");
    if (report_dir == nullptr || *report_dir == '\0') {
        return;
    }
    std::ofstream report(fs::path(report_dir) /
                         (fs::path(program).filename().string() + ".skipped"));
    report << fs::path(program).filename().string() << ": " << absent
           << " peer samples (replay without them)\n";
}

}  // namespace

int main(int argc, char* argv[]) {
    std::vector<fs::path> paths;
    std::vector<fs::path> samples;
    fs::path sample_root;
    for (int i = 1; i < argc; ++i) {
        if (std::string_view(argv[i]) != "--peer-samples") {
            paths.emplace_back(argv[i]);
            continue;
        }
        if (i + 1 >= argc) {
            std::fprintf(stderr, "fuzz replay: --peer-samples needs a folder\n");
            return 2;
        }
        fs::path dir = argv[++i];
        if (const char* shared = std::getenv("NCPEH_SHARED_DIR")) {
            dir = fs::path(shared) / "samples/ehdsi";
        }
        sample_root = dir;
        for (++i; i < argc; ++i) {
            samples.push_back(dir / argv[i]);
        }
    }
    // Without the peer corpus the samples are skipped, visibly, as the peer-sample tests are
    // (tests/support/peer_samples.hpp); with it, a named sample that is missing is an error.
    std::size_t absent = 0;
    for (const fs::path& sample : samples) {
        std::error_code ec;
        if (fs::exists(sample, ec)) {
            paths.push_back(sample);
        } else if (fs::exists(sample_root, ec)) {
            std::fprintf(stderr, "fuzz replay: the peer sample %s is missing\n", sample.c_str());
            return 2;
        } else {
            ++absent;
        }
    }
    if (absent > 0) {
        report_skipped(argv[0], absent);
    }
    std::size_t inputs = 0;
    for (const fs::path& path : paths) {
        std::error_code ec;
        if (!fs::exists(path, ec)) {
            std::fprintf(stderr, "fuzz replay: %s does not exist\n", path.c_str());
            return 2;
        }
        for (const fs::path& file : files_below(path)) {
            if (!run_one(file)) {
                return 2;
            }
            ++inputs;
        }
    }
    if (inputs == 0) {
        std::fprintf(stderr, "fuzz replay: no input given\n");
        return 2;
    }
    std::printf("fuzz replay: %zu inputs ran without a finding", inputs);
    if (absent > 0) {
        std::printf(" (%zu of %zu peer samples absent)", absent, samples.size());
    }
    std::printf("\n");
    return 0;
}
