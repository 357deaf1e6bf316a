#pragma once

#include <string>
#include <vector>

namespace ncpeh::config {

/// One thing wrong with a configuration file, located precisely enough to fix it.
struct problem {
    std::string file;
    int line = 0;     ///< 1-based; 0 when the file itself is the problem
    std::string key;  ///< dotted path, "listen.ncp.port"; empty for syntax errors
    std::string message;

    /// "ncpeh.toml:12: listen.ncp.port: port 70000 is out of range (0-65535)"
    std::string describe() const;
};

using problems = std::vector<problem>;

}  // namespace ncpeh::config
