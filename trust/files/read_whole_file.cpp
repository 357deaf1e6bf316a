#include "trust/files/read_whole_file.hpp"

#include <cerrno>
#include <cstdio>
#include <memory>
#include <system_error>

namespace ncpeh::trust::files {

namespace {

struct file_closer {
    void operator()(std::FILE* f) const noexcept { std::fclose(f); }
};

error unreadable(const std::filesystem::path& file, int errno_value) {
    const int reason = errno_value == 0 ? EIO : errno_value;
    return make_error(errc::invalid_argument, "cannot read " + file.string() + ": " +
                                                  std::generic_category().message(reason))
        .with("file", file.string());
}

}  // namespace

result<std::string> read_whole_file(const std::filesystem::path& file, std::size_t max_bytes) {
    errno = 0;
    const std::unique_ptr<std::FILE, file_closer> in(std::fopen(file.c_str(), "rb"));
    if (!in) {
        return unreadable(file, errno);
    }
    std::string bytes;
    char buffer[64 * 1024];
    for (;;) {
        const std::size_t got = std::fread(buffer, 1, sizeof buffer, in.get());
        if (got > max_bytes - bytes.size()) {
            return make_error(errc::invalid_argument, file.string() + " is larger than " +
                                                          std::to_string(max_bytes) + " bytes")
                .with("file", file.string());
        }
        bytes.append(buffer, got);
        if (got < sizeof buffer) {
            break;
        }
    }
    if (std::ferror(in.get()) != 0) {
        // fread leaves the reason in errno (EISDIR for a directory, EIO).
        return unreadable(file, errno);
    }
    return bytes;
}

}  // namespace ncpeh::trust::files
