#include "gateway/ops/resident_memory.hpp"

#include <unistd.h>

#include <fstream>

namespace ncpeh::gateway::ops {

std::optional<std::size_t> resident_memory_bytes() {
    std::ifstream statm("/proc/self/statm");
    std::size_t total_pages = 0;
    std::size_t resident_pages = 0;
    if (!(statm >> total_pages >> resident_pages)) {
        return std::nullopt;
    }
    return resident_pages * static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
}

}  // namespace ncpeh::gateway::ops
