#pragma once

#include <boost/json/object.hpp>

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "tests/support/process.hpp"
#include "tests/support/test_files.hpp"

namespace ncpeh::testing {

/// Finland's home community id in `foreign-ncp serve` and config/ncpeh.example.toml.
inline constexpr const char* finnish_hcid = "2.999.246.1.1";

/// A running `foreign-ncp serve` (Finland's NCP-A) on a free loopback port, keeping what it
/// receives in a fresh folder. `extra` options are added (`--fail-first-xdr 2`, …).
struct finnish_ncp {
    temp_dir dir;
    std::unique_ptr<child_process> process;
    unsigned short port = 0;

    /// `listen_port` 0: a free one. `received` empty: a folder of its own.
    explicit finnish_ncp(std::vector<std::string> extra = {}, unsigned short listen_port = 0,
                         std::filesystem::path received = {});

    std::filesystem::path received() const { return received_; }

    /// The lines of received.jsonl, parsed.
    std::vector<boost::json::object> received_lines() const;

    /// The requests it has admitted so far (over its mutual-TLS channel, from the admitted
    /// caller).
    std::size_t requests() const;

    /// The `foreign-ncp` client as the Swedish NCP-B (or with `identity` overriding it).
    command_result client(std::vector<std::string> args,
                          std::vector<std::string> identity = {"--tls", "se-tls", "--seal",
                                                               "se-seal"}) const;

  private:
    std::filesystem::path received_;
};

}  // namespace ncpeh::testing
