#include "tests/support/test_files.hpp"

#include <cstdlib>
#include <fstream>
#include <random>
#include <stdexcept>

#include "trust/files/read_whole_file.hpp"

namespace ncpeh::testing {

std::filesystem::path source_dir() {
    return NCPEH_SOURCE_DIR;
}

std::filesystem::path request_bodies_dir() {
    return source_dir() / "samples/foreign-ncp/requests";
}

std::filesystem::path shared_dir() {
    if (const char* overridden = std::getenv("NCPEH_SHARED_DIR")) {
        return overridden;
    }
    return std::filesystem::path(NCPEH_SHARED_DIR).lexically_normal();
}

std::string read_file(const std::filesystem::path& file) {
    auto text = trust::files::read_whole_file(file);
    if (!text) {
        // An exception, not Catch's FAIL, so benchmarks can use this too; Catch reports it as
        // the failure of the test that read the file.
        throw std::runtime_error("test file: " + text.error().message);
    }
    return std::move(*text);
}

temp_dir::temp_dir() {
    std::random_device random;
    path_ = std::filesystem::temp_directory_path() /
            ("ncpeh-test-" + std::to_string(random()) + std::to_string(random()));
    std::filesystem::create_directories(path_);
}

temp_dir::~temp_dir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

std::filesystem::path temp_dir::write(const std::string& name, const std::string& content) const {
    const std::filesystem::path file = path_ / name;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << content;
    return file;
}

}  // namespace ncpeh::testing
