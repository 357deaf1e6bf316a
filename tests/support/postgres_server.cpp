#include "tests/support/postgres_server.hpp"

#include <catch2/catch.hpp>

#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <optional>
#include <random>
#include <thread>
#include <vector>

#include "trust/files/read_whole_file.hpp"

namespace ncpeh::testing {

namespace {

// The newest /usr/lib/postgresql/VERSION/bin with both server programs, if any.
std::optional<std::filesystem::path> server_bin() {
    std::vector<std::filesystem::path> found;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator("/usr/lib/postgresql", ec)) {
        const auto bin = entry.path() / "bin";
        if (::access((bin / "initdb").c_str(), X_OK) == 0 &&
            ::access((bin / "postgres").c_str(), X_OK) == 0) {
            found.push_back(bin);
        }
    }
    if (found.empty()) {
        return std::nullopt;
    }
    // Version folders are numbers ("15", "16"): the longest, then the greatest, is the newest.
    return *std::max_element(found.begin(), found.end(), [](const auto& a, const auto& b) {
        const auto x = a.parent_path().filename().string();
        const auto y = b.parent_path().filename().string();
        return x.size() != y.size() ? x.size() < y.size() : x < y;
    });
}

bool running_as_root() {
    return ::geteuid() == 0;
}

// What runs the server programs: as `nobody` when we are root (PostgreSQL refuses root).
std::vector<std::string> as_server_user() {
    if (!running_as_root()) {
        return {};
    }
    return {"/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"};
}

std::vector<std::string> joined(std::vector<std::string> head,
                                const std::vector<std::string>& tail) {
    head.insert(head.end(), tail.begin(), tail.end());
    return head;
}

std::string random_password() {
    std::random_device random;
    std::string out = "pw-";
    for (int i = 0; i < 4; ++i) {
        out += std::to_string(random() % 100000);
    }
    return out;
}

}  // namespace

bool skip_without_postgres() {
    if (server_bin()) {
        return false;
    }
    WARN("PostgreSQL not installed; run scripts/bootstrap (test skipped)");
    return true;
}

postgres_server::postgres_server(const temp_dir& dir)
    : base_(dir.path() / "postgres"),
      data_(base_ / "data"),
      port_(free_loopback_port()),
      password_(random_password()) {
    auto bin = server_bin();
    REQUIRE(bin.has_value());
    bin_ = *bin;
    std::filesystem::create_directories(base_);
    ::chmod(base_.c_str(), 0700);
    if (running_as_root()) {
        const passwd* user = ::getpwnam("nobody");
        const group* group = ::getgrnam("nogroup");
        REQUIRE(user != nullptr);
        REQUIRE(group != nullptr);
        REQUIRE(::chown(base_.c_str(), user->pw_uid, group->gr_gid) == 0);
    }
    const auto init = run_command(
        joined(as_server_user(), {(bin_ / "initdb").string(), "-D", data_.string(), "-U",
                                  "postgres", "--auth-local=trust", "--auth-host=scram-sha-256",
                                  "-E", "UTF8", "--locale=C", "--no-sync"}),
        std::chrono::seconds(120));
    INFO("initdb: " << init.out << init.err);
    REQUIRE(init.exit_code == 0);
    start();
    superuser_sql("CREATE ROLE ncpeh LOGIN PASSWORD '" + password_ + "'", "postgres");
    superuser_sql("CREATE DATABASE ncpeh OWNER ncpeh", "postgres");
}

postgres_server::~postgres_server() {
    try {
        stop();
    } catch (...) {  // never throw from a destructor; child_process kills what is left
    }
}

void postgres_server::start() {
    if (process_ && process_->is_running()) {
        return;
    }
    ++runs_;
    const auto log_file = base_.parent_path() / ("postgres-" + std::to_string(runs_) + ".log");
    process_ = std::make_unique<child_process>(
        joined(as_server_user(),
               {(bin_ / "postgres").string(), "-D", data_.string(), "-c",
                "listen_addresses=127.0.0.1", "-c", "port=" + std::to_string(port_), "-c",
                "unix_socket_directories=" + base_.string(), "-c", "fsync=off", "-c",
                "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=60",
                "-c", "shared_buffers=16MB"}),
        log_file);
    const bool ready = wait_for_log(*process_, "database system is ready to accept connections",
                                    std::chrono::seconds(60));
    INFO("postgres: " << process_->log());
    REQUIRE(ready);
}

void postgres_server::stop() {
    if (!process_ || !process_->is_running()) {
        return;
    }
    ::kill(process_->pid(), SIGINT);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (process_->is_running() && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    process_->stop();  // SIGKILL when the fast shutdown hung
}

void postgres_server::restart() {
    stop();
    start();
}

void postgres_server::kill() {
    if (!process_ || !process_->is_running()) {
        return;
    }
    ::kill(process_->pid(), SIGQUIT);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (process_->is_running() && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    process_->kill_now();
}

bool postgres_server::is_running() {
    return process_ && process_->is_running();
}

std::string postgres_server::url() const {
    return "postgresql://ncpeh@127.0.0.1:" + std::to_string(port_) + "/ncpeh";
}

std::string postgres_server::superuser_sql(const std::string& sql,
                                           const std::string& database) const {
    const auto r = run_command(
        {(bin_ / "psql").string(), "-X", "-q", "-tA", "-v", "ON_ERROR_STOP=1", "-h", base_.string(),
         "-p", std::to_string(port_), "-U", "postgres", "-d", database, "-c", sql});
    INFO("psql " << sql << ": " << r.err);
    REQUIRE(r.exit_code == 0);
    std::string out = r.out;
    while (!out.empty() && out.back() == '\n') {
        out.pop_back();
    }
    return out;
}

std::string postgres_server::log() const {
    return process_ ? process_->log() : std::string();
}

}  // namespace ncpeh::testing
