#include "gateway/terminology/read_terminology.hpp"

#include <fstream>
#include <sstream>

namespace ncpeh::gateway::terminology {

result<translators::terminology::terminology> read_terminology(
    const std::filesystem::path& directory) {
    std::map<std::string, std::string, std::less<>> files;
    std::error_code ec;
    std::filesystem::directory_iterator it(directory, ec);
    if (ec) {
        return make_error(errc::config_invalid,
                          "cannot read the terminology directory: " + ec.message())
            .with("file", directory.string());
    }
    for (const auto& entry : it) {
        if (entry.path().extension() != ".tsv") {
            continue;
        }
        std::ifstream in(entry.path(), std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        if (!in.good() && !in.eof()) {
            return make_error(errc::config_invalid, "cannot read terminology file")
                .with("file", entry.path().string());
        }
        files[entry.path().filename().string()] = text.str();
    }
    return translators::terminology::make_terminology(files);
}

}  // namespace ncpeh::gateway::terminology
