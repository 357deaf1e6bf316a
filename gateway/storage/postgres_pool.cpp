#include "gateway/storage/postgres_pool.hpp"

#include <algorithm>

namespace ncpeh::gateway::storage {

namespace {

// The URL without its query (libpq parameters such as sslkey paths): host, port, user, database.
std::string database_of(const std::string& url) {
    return url.substr(0, url.find('?'));
}

}  // namespace

postgres_pool::postgres_pool(postgres_pool_settings settings)
    : settings_(std::move(settings)), database_(database_of(settings_.connection.url)) {
    const std::size_t count = std::max<std::size_t>(1, settings_.connections);
    workers_.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        workers_.emplace_back([this] { work_until_closed(); });
    }
}

postgres_pool::~postgres_pool() {
    close();
}

void postgres_pool::close() {
    std::deque<std::unique_ptr<job>> left;
    {
        const std::lock_guard lock(mutex_);
        closing_ = true;
        left.swap(queue_);
    }
    queue_changed_.notify_all();
    for (auto& j : left) {
        j->complete(failure_of("the database pool is closing"));
    }
    for (std::thread& t : workers_) {
        if (t.joinable()) {
            t.join();
        }
    }
}

std::size_t postgres_pool::queued() const {
    const std::lock_guard lock(mutex_);
    return queue_.size();
}

error postgres_pool::failure_of(const std::string& what) const {
    return make_error(errc::storage_unavailable, "the database cannot be used: " + what)
        .with("database", database_);
}

void postgres_pool::add(std::unique_ptr<job> j) {
    std::unique_lock lock(mutex_);
    if (closing_) {
        lock.unlock();
        j->complete(failure_of("the database pool is closing"));
        return;
    }
    if (queue_.size() >= settings_.queue_limit) {
        const std::size_t waiting = queue_.size();
        lock.unlock();
        j->complete(failure_of("too many requests wait for a connection (" +
                               std::to_string(waiting) + " queued)"));
        return;
    }
    queue_.push_back(std::move(j));
    lock.unlock();
    queue_changed_.notify_one();
}

std::optional<error> postgres_pool::known_down(std::chrono::steady_clock::time_point now) {
    const std::lock_guard lock(mutex_);
    if (now < down_until_) {
        return failure_of(down_because_);
    }
    return std::nullopt;
}

void postgres_pool::note_down(const postgres_error& e, std::chrono::steady_clock::time_point now) {
    const std::lock_guard lock(mutex_);
    down_until_ = now + settings_.reconnect_pause;
    down_because_ = e.what();
}

void postgres_pool::work_until_closed() {
    std::optional<postgres_connection> db;
    for (;;) {
        std::unique_ptr<job> j;
        {
            std::unique_lock lock(mutex_);
            queue_changed_.wait(lock, [this] { return !queue_.empty() || closing_; });
            if (queue_.empty()) {
                return;  // closing
            }
            j = std::move(queue_.front());
            queue_.pop_front();
        }
        const auto now = std::chrono::steady_clock::now();
        if (now - j->queued_at > settings_.queue_timeout) {
            j->complete(failure_of("no connection was free within " +
                                   std::to_string(settings_.queue_timeout.count()) + " ms"));
            continue;
        }
        std::optional<error> failure;
        try {
            if (db && !db->is_usable()) {
                db.reset();  // the server restarted or the network broke: a new one
            }
            if (!db) {
                failure = known_down(now);
                if (!failure) {
                    try {
                        db.emplace(settings_.connection);
                    } catch (const postgres_error& e) {
                        note_down(e, std::chrono::steady_clock::now());
                        throw;
                    }
                }
            }
            if (!failure) {
                j->run(*db);
            }
        } catch (const postgres_error& e) {
            failure = failure_of(e.what());
            if (e.connection_lost()) {
                db.reset();
            }
        } catch (const std::exception& e) {
            failure = make_error(errc::internal, std::string("a database job failed: ") + e.what())
                          .with("database", database_);
        }
        if (db && db->in_transaction()) {  // the job left one open: the next starts clean
            try {
                db->execute("ROLLBACK");
            } catch (const postgres_error&) {
                db.reset();
            }
        }
        j->complete(std::move(failure));
    }
}

}  // namespace ncpeh::gateway::storage
