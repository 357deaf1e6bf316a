#pragma once

#include <filesystem>

namespace ncpeh::testing {

/// Makes a file unwritable for this process while the object lives, the way an operator's
/// mistake would: immutable (`chattr +i`) when running as root, whom permission bits do not
/// stop, read-only (mode 0444) otherwise. The destructor restores it, so the test folder can
/// be removed. Throws std::runtime_error when the file cannot be changed.
class unwritable_file {
  public:
    explicit unwritable_file(std::filesystem::path file);
    ~unwritable_file();
    unwritable_file(const unwritable_file&) = delete;
    unwritable_file& operator=(const unwritable_file&) = delete;

  private:
    std::filesystem::path file_;
    std::filesystem::perms original_;
    bool immutable_;
};

}  // namespace ncpeh::testing
