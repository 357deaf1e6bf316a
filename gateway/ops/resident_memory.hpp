#pragma once

#include <cstddef>
#include <optional>

namespace ncpeh::gateway::ops {

/// The process's resident memory in bytes (/proc/self/statm), or nothing where it cannot be read.
std::optional<std::size_t> resident_memory_bytes();

}  // namespace ncpeh::gateway::ops
