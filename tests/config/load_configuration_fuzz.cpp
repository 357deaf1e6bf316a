// Fuzz target: the configuration loader (config/). The configuration is an operator's file, not
// a peer's bytes, but a typo must give a problem list and never a crash. Each input is the text
// of ncpeh.toml, written to a scratch file the loader reads; every environment variable the
// file names is set (so the secret sources are read too).
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "config/load_configuration.hpp"
#include "tests/support/fuzz_input.hpp"

namespace config = ncpeh::config;
namespace fs = std::filesystem;

namespace {

const fs::path& scratch_file() {
    static const fs::path file = [] {
        const fs::path dir =
            fs::temp_directory_path() / ("ncpeh-fuzz-config-" + std::to_string(::getpid()));
        fs::create_directories(dir);
        return dir / "ncpeh.toml";
    }();
    return file;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto text = ncpeh::testing::fuzz::text_of(data, size);
    {
        std::ofstream out(scratch_file(), std::ios::binary | std::ios::trunc);
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
    }
    const auto loaded = config::load_configuration(
        scratch_file(),
        [](const std::string& name) -> std::optional<std::string> { return "fuzz-" + name; });
    (void)loaded.is_usable();
    return 0;
}
