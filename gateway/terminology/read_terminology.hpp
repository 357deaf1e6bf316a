#pragma once

#include <filesystem>

#include "translators/terminology/terminology.hpp"
#include "trust/error/error.hpp"

namespace ncpeh::gateway::terminology {

/// Reads every `*.tsv` of `directory` (the `[terminology] directory` of the configuration,
/// normally translators/terminology/data) and builds the tables. Start-up only. Errors:
/// config_invalid naming the file (and line) that is unreadable or wrong.
result<translators::terminology::terminology> read_terminology(
    const std::filesystem::path& directory);

}  // namespace ncpeh::gateway::terminology
