#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "config/configuration.hpp"
#include "config/problem.hpp"

namespace ncpeh::config {

/// Looks up an environment variable; injected so tests need not touch the process environment.
using environment_lookup = std::function<std::optional<std::string>(const std::string& name)>;

/// The process environment (std::getenv).
environment_lookup process_environment();

struct loaded_configuration {
    configuration value;
    config::problems problems;  ///< empty when the configuration is usable

    bool is_usable() const noexcept { return problems.empty(); }
};

/// Reads and validates `file`, collecting every problem rather than stopping at the first:
/// syntax errors, unknown keys (with a suggestion), missing or wrong-typed keys, ports out of
/// range, malformed URLs and OIDs, unreadable or mismatched certificates and keys, secrets
/// written inline, missing secret sources. Never throws for a bad file.
loaded_configuration load_configuration(const std::filesystem::path& file,
                                        const environment_lookup& environment);

}  // namespace ncpeh::config
