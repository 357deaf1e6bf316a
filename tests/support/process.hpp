#pragma once

#include <sys/types.h>
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace ncpeh::testing {

struct command_result {
    int exit_code = -1;  ///< the exit status, or 128 + signal when killed
    std::string out;
    std::string err;
};

/// Runs `argv` to completion (killed after `timeout`), capturing standard output and error.
/// `env` entries ("NAME=value") are added to the inherited environment.
command_result run_command(const std::vector<std::string>& argv,
                           std::chrono::milliseconds timeout = std::chrono::seconds(60),
                           const std::vector<std::string>& env = {});

/// A long-running child (a server) with its standard error sent to a log file. The destructor
/// sends SIGTERM, waits up to five seconds, then SIGKILLs: tests never leave processes behind.
class child_process {
  public:
    child_process(const std::vector<std::string>& argv, const std::filesystem::path& log_file,
                  const std::vector<std::string>& env = {});
    ~child_process();
    child_process(const child_process&) = delete;
    child_process& operator=(const child_process&) = delete;

    pid_t pid() const { return pid_; }
    bool is_running();
    /// Sends SIGTERM and waits for exit; returns the exit status (128 + signal when killed).
    int stop(std::chrono::milliseconds grace = std::chrono::seconds(5));
    /// Sends SIGKILL (no chance to flush or clean up: a crash, a power cut) and waits for the
    /// exit; returns 128 + 9.
    int kill_now();
    /// The log written so far.
    std::string log() const;

  private:
    pid_t pid_ = -1;
    int status_ = -1;
    std::filesystem::path log_file_;
};

/// Waits until `log_of()` contains `needle` or the timeout passes; returns whether it appeared.
bool wait_for_log(const child_process& child, const std::string& needle,
                  std::chrono::milliseconds timeout = std::chrono::seconds(20));

/// A TCP port on 127.0.0.1 that was free a moment ago (prefer port 0 + reading the bound port).
unsigned short free_loopback_port();

}  // namespace ncpeh::testing
