#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "tests/support/process.hpp"
#include "tests/support/test_files.hpp"

namespace ncpeh::testing {

/// The reference national store with the seed data on a free loopback port, its database and
/// log in `dir` (store.db, store.log), logging each request (`--log-requests`). `extra_args` are
/// added to its command line.
struct national_store_process {
    std::unique_ptr<child_process> process;
    unsigned short port = 0;

    /// "http://127.0.0.1:PORT/fhir", the base URL ncpeh is configured with.
    std::string fhir_url() const;
    /// The requests for national data it has received so far: all but the probes of ncpeh's
    /// readiness (`/metadata`, `/health`).
    std::size_t data_requests() const;
};
national_store_process start_national_store(const temp_dir& dir,
                                            const std::vector<std::string>& extra_args = {});

/// How `start_gateway` changes the example configuration.
struct gateway_options {
    std::string store_url = {};
    int store_timeout_ms = 5000;
    /// Keys that appear once in the example configuration (most of `[limits]` and `[logging]`)
    /// and the values that replace the example's. By default a small body limit, so that a 413
    /// test stays within the loopback socket buffers.
    std::map<std::string, std::string> overrides = {{"max_request_bytes", "131072"}};
    /// The audit database; empty: `ncpeh.db` in the folder.
    std::filesystem::path database = {};
    /// `serve --threads`; 0: the default.
    unsigned threads = 0;
    /// Log file name in the folder.
    std::string log_name = "serve.log";
    /// Where Finland's NCP-A (`foreign-ncp serve`) listens; 0: the example's URLs.
    unsigned short finland_port = 0;
    /// FI's `timeout_ms` (country B); 0: the example's.
    int finland_timeout_ms = 0;
    /// A command that runs ncpeh, e.g. `prlimit … --`: ncpeh's command line is appended.
    std::vector<std::string> launcher = {};
    /// TOML appended to the configuration (new tables, e.g. `[audit.atna]`).
    std::string extra_config = {};
    /// The dev PKI folder the configuration names (a copy a test may change); empty:
    /// samples/pki/generated.
    std::filesystem::path pki = {};
};

/// `ncpeh serve` with config/ncpeh.example.toml changed by `options`, on free ports, its
/// configuration and log in `dir`.
struct gateway_process {
    std::unique_ptr<child_process> process;
    unsigned short port = 0;           ///< the cross-border listener
    unsigned short ops_port = 0;       ///< the ops listener (plain HTTP on loopback)
    unsigned short national_port = 0;  ///< the national API (pharmacy systems' mutual TLS)
};
gateway_process start_gateway(const temp_dir& dir, const gateway_options& options);

/// The configuration text `start_gateway` writes (for tests that start ncpeh themselves, e.g.
/// to see it refuse to start).
std::string gateway_configuration(const temp_dir& dir, const gateway_options& options);

}  // namespace ncpeh::testing
