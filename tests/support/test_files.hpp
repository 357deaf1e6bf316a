#pragma once

#include <filesystem>
#include <string>

namespace ncpeh::testing {

/// The repository root (tests read config/, samples/).
std::filesystem::path source_dir();

/// The project's own IHE request bodies (samples/foreign-ncp/requests): what the foreign NCP-B of
/// the demo sends, and the fixtures of the request parsers that need no peer sample.
std::filesystem::path request_bodies_dir();

/// ../shared beside the repository (real eHDSI samples, terminology); NCPEH_SHARED_DIR in the
/// environment overrides the path chosen at configure time. Tests reading it start with
/// skip_without_peer_samples() (tests/support/peer_samples.hpp).
std::filesystem::path shared_dir();

/// The whole file as bytes; throws std::runtime_error (failing the current test) when it cannot
/// be read.
std::string read_file(const std::filesystem::path& file);

/// A fresh empty folder under the system temp dir, removed when the object dies.
class temp_dir {
  public:
    temp_dir();
    ~temp_dir();
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    /// Writes `content` to `name` inside the folder and returns its path.
    std::filesystem::path write(const std::string& name, const std::string& content) const;

  private:
    std::filesystem::path path_;
};

}  // namespace ncpeh::testing
