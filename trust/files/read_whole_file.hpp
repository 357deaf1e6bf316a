#pragma once

#include <cstddef>
#include <filesystem>
#include <limits>
#include <string>

#include "trust/error/error.hpp"

namespace ncpeh::trust::files {

/// Every byte of `file`, unchanged (no newline translation). A file larger than `max_bytes` is
/// refused, never truncated. Errors: `errc::invalid_argument` with a "file" context entry and a
/// message naming the path and the reason ("cannot read /etc/x.pem: No such file or
/// directory", "/etc/x.pem is larger than 1048576 bytes"); callers for whom the file is
/// configuration change the code. Thread-safe.
result<std::string> read_whole_file(
    const std::filesystem::path& file,
    std::size_t max_bytes = std::numeric_limits<std::size_t>::max());

}  // namespace ncpeh::trust::files
