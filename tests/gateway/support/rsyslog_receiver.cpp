#include "tests/gateway/support/rsyslog_receiver.hpp"

#include <catch2/catch.hpp>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

namespace ncpeh::testing {

namespace {

bool accepts_connections(unsigned short port) {
    boost::asio::io_context io;
    boost::asio::ip::tcp::socket socket(io);
    boost::system::error_code ec;
    socket.connect({boost::asio::ip::make_address("127.0.0.1"), port}, ec);
    return !ec;
}

// rsyslogd's path: Debian installs it in /usr/sbin, which a user's PATH may lack.
std::string rsyslogd() {
    std::vector<std::filesystem::path> candidates{"/usr/sbin/rsyslogd", "/sbin/rsyslogd"};
    if (const char* path = std::getenv("PATH")) {
        std::istringstream folders(path);
        for (std::string folder; std::getline(folders, folder, ':');) {
            candidates.push_back(std::filesystem::path(folder) / "rsyslogd");
        }
    }
    for (const auto& candidate : candidates) {
        if (::access(candidate.c_str(), X_OK) == 0) {
            return candidate.string();
        }
    }
    FAIL("rsyslogd is not installed: scripts/bootstrap installs rsyslog and rsyslog-gnutls");
    return {};
}

}  // namespace

rsyslog_receiver::rsyslog_receiver(const temp_dir& dir, unsigned short port)
    : dir_(dir.path() / "rsyslog"), port_(port) {
    std::filesystem::create_directories(dir_ / "work");
    const auto pki = source_dir() / "samples/pki/generated";
    const std::string d = dir_.string();
    std::ostringstream conf;
    conf << "global(workDirectory=\"" << d << "/work\" maxMessageSize=\"64k\"\n"
         << "       defaultNetstreamDriver=\"gtls\"\n"
         << "       defaultNetstreamDriverCAFile=\"" << (pki / "ca.pem").string() << "\"\n"
         << "       defaultNetstreamDriverCertFile=\""
         << (pki / "audit-repository-tls.pem").string() << "\"\n"
         << "       defaultNetstreamDriverKeyFile=\"" << (pki / "audit-repository-tls.key").string()
         << "\")\n"
         << "module(load=\"imtcp\" streamDriver.name=\"gtls\" streamDriver.mode=\"1\"\n"
         << "       streamDriver.authMode=\"x509/certvalid\")\n"
         << "template(name=\"atna\" type=\"string\" string=\"%pri% %protocol-version% "
            "%timereported:::date-rfc3339% %hostname% %app-name% %procid% %msgid% %msg%\\n\")\n"
         << "ruleset(name=\"atna\") {\n"
         << "  action(type=\"omfile\" file=\"" << d << "/received.log\" template=\"atna\")\n"
         << "}\n"
         << "input(type=\"imtcp\" address=\"127.0.0.1\" port=\"" << port_
         << "\" ruleset=\"atna\")\n";
    config_ = dir_ / "rsyslog.conf";
    std::ofstream(config_) << conf.str();
    const auto check = run_command({rsyslogd(), "-N1", "-f", config_.string()});
    INFO("rsyslogd -N1: " << check.out << check.err
                          << " (install it: scripts/bootstrap installs rsyslog and "
                             "rsyslog-gnutls)");
    REQUIRE(check.exit_code == 0);
}

void rsyslog_receiver::start() {
    ++runs_;
    process_ = std::make_unique<child_process>(
        std::vector<std::string>{rsyslogd(), "-n", "-f", config_.string(), "-i",
                                 (dir_ / "rsyslogd.pid").string()},
        dir_ / ("rsyslogd-" + std::to_string(runs_) + ".log"));
    for (int i = 0; i < 200 && !accepts_connections(port_); ++i) {
        REQUIRE(process_->is_running());
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    INFO(process_->log());
    REQUIRE(accepts_connections(port_));
}

void rsyslog_receiver::stop() {
    if (process_) {
        process_->stop();
        process_.reset();
    }
}

std::vector<received_syslog> rsyslog_receiver::received() const {
    std::vector<received_syslog> out;
    std::ifstream in(dir_ / "received.log");
    for (std::string line; std::getline(in, line);) {
        received_syslog m;
        std::istringstream fields(line);
        fields >> m.pri >> m.version >> m.timestamp >> m.hostname >> m.app_name >> m.proc_id >>
            m.msg_id;
        std::getline(fields, m.msg);
        if (!m.msg.empty() && m.msg.front() == ' ') {
            m.msg.erase(0, 1);
        }
        out.push_back(std::move(m));
    }
    return out;
}

std::size_t rsyslog_receiver::wait_for(std::size_t count, std::chrono::milliseconds timeout) const {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::size_t seen = received().size();
    while (seen < count && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        seen = received().size();
    }
    return seen;
}

}  // namespace ncpeh::testing
