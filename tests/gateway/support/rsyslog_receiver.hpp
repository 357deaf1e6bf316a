#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "tests/support/process.hpp"
#include "tests/support/test_files.hpp"

namespace ncpeh::testing {

/// One syslog message as the receiver wrote it down.
struct received_syslog {
    std::string pri;
    std::string version;
    std::string timestamp;
    std::string hostname;
    std::string app_name;
    std::string proc_id;
    std::string msg_id;
    std::string msg;  ///< the MSG part, the UTF-8 BOM (when sent) included
};

/// Debian's rsyslogd as an ATNA audit record repository: RFC 5425 syslog over TLS (imtcp with
/// the gtls driver, octet counting) on 127.0.0.1:`port`, the dev PKI's audit-repository-tls
/// certificate, client certificates required from the dev CA (`x509/certvalid`). It runs as the
/// test's own user with its configuration, work folder and pid file in `dir`, and appends every
/// message it receives to `dir`/received.log (one line each). Fails the test when rsyslogd is
/// missing or refuses its configuration (`rsyslogd -N1`).
class rsyslog_receiver {
  public:
    rsyslog_receiver(const temp_dir& dir, unsigned short port);
    /// Starts rsyslogd and waits until it accepts connections.
    void start();
    /// Stops it (SIGTERM: it writes out what it received, then exits).
    void stop();
    /// Everything received so far, over all runs, in order.
    std::vector<received_syslog> received() const;
    /// Waits until at least `count` messages were received; returns how many were.
    std::size_t wait_for(std::size_t count,
                         std::chrono::milliseconds timeout = std::chrono::seconds(30)) const;

  private:
    std::filesystem::path dir_;
    unsigned short port_;
    std::filesystem::path config_;
    std::unique_ptr<child_process> process_;
    int runs_ = 0;
};

}  // namespace ncpeh::testing
