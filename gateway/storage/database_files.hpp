#pragma once

#include <sys/types.h>

#include <filesystem>

#include "trust/error/error.hpp"

namespace ncpeh::gateway::storage {

/// The files of one SQLite database (the file, its `-wal` and `-shm` companions, its folder)
/// as they were when it was opened, so that an operator's change under a running process is
/// noticed before the next write instead of surfacing as a lost write or a crash: the file moved
/// away, replaced or deleted (the process would go on writing into the moved-away file), or a
/// file made read-only or immutable.
class database_files {
  public:
    /// Remembers which file `file` is now. Call right after opening it.
    /// Errors: `errc::internal` when the file cannot be examined.
    static result<database_files> remember(const std::filesystem::path& file);

    /// Whether the database can still be written where it was opened: the same file is at the
    /// path, and it and its companions that exist are writable (not read-only, not immutable,
    /// not on a read-only file system). A few system calls, no I/O.
    /// Errors: `errc::internal` naming the file and what is wrong with it.
    result<void> check_writable() const;

    const std::filesystem::path& file() const noexcept { return file_; }

  private:
    database_files(std::filesystem::path file, dev_t device, ino_t inode)
        : file_(std::move(file)), device_(device), inode_(inode) {}

    std::filesystem::path file_;
    dev_t device_;
    ino_t inode_;
};

}  // namespace ncpeh::gateway::storage
