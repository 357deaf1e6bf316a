#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "tests/support/process.hpp"
#include "tests/support/test_files.hpp"

namespace ncpeh::testing {

// A real PostgreSQL server for one test (Debian's `postgresql` package, which scripts/bootstrap
// installs): nothing global is started or needed. A test case that uses one starts with
//
//     if (ncpeh::testing::skip_without_postgres()) {
//         return;
//     }

/// False when PostgreSQL's server programs (/usr/lib/postgresql/*/bin/initdb, postgres) are
/// installed. Otherwise warns "PostgreSQL not installed; run scripts/bootstrap" in the test's
/// output and returns true: the caller returns at once. Call it only inside a test case.
bool skip_without_postgres();

/// A PostgreSQL cluster in `dir`/postgres: initdb'd on construction, listening on 127.0.0.1 on a
/// free port (its unix socket in that folder, nothing in /var/run), with a database `ncpeh`
/// owned by a role `ncpeh` that logs in with a password over TCP (scram-sha-256; the unix
/// socket trusts the superuser `postgres` for the test's own setup). Running as root (CI), the
/// server and initdb run as `nobody` (PostgreSQL refuses root), the folder chowned to it.
/// Durability is off (fsync) for speed. The server stops when the object dies; `dir` removes
/// the files. Fails the test when the server cannot start.
class postgres_server {
  public:
    explicit postgres_server(const temp_dir& dir);
    ~postgres_server();
    postgres_server(const postgres_server&) = delete;
    postgres_server& operator=(const postgres_server&) = delete;

    /// Starts the server (again, on the same port and data) and waits until it takes queries.
    void start();
    /// A fast shutdown (SIGINT): open connections are cut, the data is kept.
    void stop();
    /// `stop()` then `start()`.
    void restart();
    /// An immediate shutdown (SIGQUIT): no checkpoint, clients cut at once, crash recovery at the
    /// next start; what a crash of the database looks like from outside.
    void kill();
    bool is_running();

    unsigned short port() const { return port_; }
    /// `postgresql://ncpeh@127.0.0.1:PORT/ncpeh` (no password in it).
    std::string url() const;
    /// The password of the role `ncpeh`.
    const std::string& password() const { return password_; }
    /// Runs `sql` as the superuser over the unix socket (psql) in `database`; returns its
    /// unaligned output (`-tA`) without the last newline. Fails the test when psql fails.
    std::string superuser_sql(const std::string& sql, const std::string& database = "ncpeh") const;
    /// The server's log of its current run.
    std::string log() const;

  private:
    std::filesystem::path bin_;
    std::filesystem::path base_;  // socket folder, owned by the server's user
    std::filesystem::path data_;
    unsigned short port_;
    std::string password_;
    std::unique_ptr<child_process> process_;
    int runs_ = 0;
};

}  // namespace ncpeh::testing
