#include "tests/support/finnish_ncp.hpp"
#include "tests/support/text.hpp"

#include <boost/json/parse.hpp>

#include <catch2/catch.hpp>

#include <fstream>
#include <regex>

namespace ncpeh::testing {

finnish_ncp::finnish_ncp(std::vector<std::string> extra, unsigned short listen_port,
                         std::filesystem::path received)
    : received_(received.empty() ? dir.path() / "received" : std::move(received)) {
    std::vector<std::string> argv{NCPEH_FOREIGN_NCP_EXECUTABLE,
                                  "serve",
                                  "--port",
                                  std::to_string(listen_port),
                                  "--received",
                                  received_.string(),
                                  "--log-requests"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    process = std::make_unique<child_process>(argv, dir.path() / "fi.log");
    REQUIRE(wait_for_log(*process, "listening on 127.0.0.1:"));
    std::smatch m;
    const auto log = process->log();
    REQUIRE(std::regex_search(log, m, std::regex("listening on 127\\.0\\.0\\.1:([0-9]+)")));
    port = static_cast<unsigned short>(std::stoi(m[1]));
}

std::vector<boost::json::object> finnish_ncp::received_lines() const {
    std::vector<boost::json::object> out;
    std::ifstream in(received() / "received.jsonl");
    for (std::string line; std::getline(in, line);) {
        out.push_back(boost::json::parse(line).as_object());
    }
    return out;
}

command_result finnish_ncp::client(std::vector<std::string> args,
                                   std::vector<std::string> identity) const {
    std::vector<std::string> argv{NCPEH_FOREIGN_NCP_EXECUTABLE,
                                  "--port",
                                  std::to_string(port),
                                  "--country",
                                  "SE",
                                  "--community",
                                  finnish_hcid};
    argv.insert(argv.end(), identity.begin(), identity.end());
    argv.insert(argv.end(), args.begin(), args.end());
    return run_command(argv);
}

std::size_t finnish_ncp::requests() const {
    return occurrences(process->log(), "foreign-ncp: request ");
}

}  // namespace ncpeh::testing
