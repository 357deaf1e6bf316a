#include "gateway/terminology/read_terminology.hpp"

#include "trust/files/read_whole_file.hpp"

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
        auto text = trust::files::read_whole_file(entry.path());
        if (!text) {
            error e = std::move(text).error();
            e.code = errc::config_invalid;
            return e;
        }
        files[entry.path().filename().string()] = std::move(*text);
    }
    return translators::terminology::make_terminology(files);
}

}  // namespace ncpeh::gateway::terminology
