#include "tests/support/unwritable_file.hpp"

#include <unistd.h>

#include <stdexcept>

#include "tests/support/process.hpp"

namespace ncpeh::testing {

namespace {
// Debian's e2fsprogs; run_command takes a path, it does not search PATH.
constexpr const char* chattr = "/usr/bin/chattr";
}  // namespace

unwritable_file::unwritable_file(std::filesystem::path file)
    : file_(std::move(file)),
      original_(std::filesystem::status(file_).permissions()),
      immutable_(::geteuid() == 0) {
    if (immutable_) {
        const auto changed = run_command({chattr, "+i", file_.string()});
        if (changed.exit_code != 0) {
            throw std::runtime_error("chattr +i " + file_.string() + " failed: " + changed.err);
        }
    } else {
        std::filesystem::permissions(file_, std::filesystem::perms::owner_read |
                                                std::filesystem::perms::group_read |
                                                std::filesystem::perms::others_read);
    }
}

unwritable_file::~unwritable_file() {
    if (immutable_) {
        run_command({chattr, "-i", file_.string()});
    } else {
        std::error_code ignored;
        std::filesystem::permissions(file_, original_, ignored);
    }
}

}  // namespace ncpeh::testing
