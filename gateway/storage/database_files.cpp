#include "gateway/storage/database_files.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <system_error>

namespace ncpeh::gateway::storage {

namespace {

std::string describe_errno(int number) {
    return std::generic_category().message(number);
}

error unusable(const std::filesystem::path& path, const std::string& why) {
    return make_error(errc::internal, "the database cannot be written: " + why)
        .with("file", path.string());
}

// access(2) reports an immutable file (EPERM) and a read-only file system (EROFS) even to root,
// whose writes would fail while the permission bits alone would not stop them.
result<void> check_access(const std::filesystem::path& path, bool may_be_missing) {
    if (::access(path.c_str(), W_OK) == 0) {
        return {};
    }
    const int reason = errno;
    if (reason == ENOENT && may_be_missing) {
        return {};
    }
    return unusable(path, reason == ENOENT ? std::string("it is missing")
                                           : "it is not writable (" + describe_errno(reason) + ")");
}

}  // namespace

result<database_files> database_files::remember(const std::filesystem::path& file) {
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0) {
        return make_error(errc::internal,
                          "the database file cannot be examined: " + describe_errno(errno))
            .with("file", file.string());
    }
    return database_files(file, st.st_dev, st.st_ino);
}

result<void> database_files::check_writable() const {
    struct stat st {};
    if (::stat(file_.c_str(), &st) != 0) {
        return unusable(file_, "it was moved away or deleted");
    }
    if (st.st_dev != device_ || st.st_ino != inode_) {
        return unusable(file_, "another file has taken its place (the one in use was moved away)");
    }
    if (auto ok = check_access(file_, false); !ok) {
        return ok;
    }
    for (const char* companion : {"-wal", "-shm"}) {
        if (auto ok = check_access(file_.string() + companion, true); !ok) {
            return ok;
        }
    }
    return {};
}

}  // namespace ncpeh::gateway::storage
