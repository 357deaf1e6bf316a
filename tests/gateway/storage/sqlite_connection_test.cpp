#include "gateway/storage/sqlite_connection.hpp"

#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

#include "tests/support/test_files.hpp"

namespace {

using ncpeh::gateway::storage::sqlite_connection;

std::vector<std::string> names_from(sqlite_connection& db, std::int64_t above) {
    auto q = db.prepare("SELECT name FROM item WHERE n > ? ORDER BY n");
    q.bind(1, above);
    std::vector<std::string> out;
    while (q.step()) {
        out.push_back(q.text(0));
    }
    return out;
}

}  // namespace

TEST_CASE("prepared statements are reused with fresh bindings, and nesting gets its own") {
    ncpeh::testing::temp_dir dir;
    sqlite_connection db(dir.path() / "cache.db");
    db.execute("CREATE TABLE item (n INTEGER, name TEXT)");
    for (std::int64_t n = 1; n <= 3; ++n) {
        db.prepare("INSERT INTO item (n, name) VALUES (?, ?)")
            .bind(1, n)
            .bind(2, "item " + std::to_string(n))
            .run();
    }
    // The second call takes the statement the first one gave back: its old binding is gone.
    CHECK(names_from(db, 0) == std::vector<std::string>{"item 1", "item 2", "item 3"});
    CHECK(names_from(db, 2) == std::vector<std::string>{"item 3"});

    // The same SQL while a statement for it is still stepping: the two do not share a cursor.
    auto outer = db.prepare("SELECT name FROM item WHERE n > ? ORDER BY n");
    outer.bind(1, std::int64_t{0});
    std::vector<std::string> pairs;
    while (outer.step()) {
        for (const std::string& inner : names_from(db, 1)) {
            pairs.push_back(outer.text(0) + "/" + inner);
        }
    }
    CHECK(pairs.size() == 6);
    CHECK(pairs.front() == "item 1/item 2");
    CHECK(pairs.back() == "item 3/item 3");
}

TEST_CASE("a statement may outlive its connection and a moved connection keeps its cache") {
    ncpeh::testing::temp_dir dir;
    std::optional<ncpeh::gateway::storage::sqlite_statement> kept;
    {
        sqlite_connection first(dir.path() / "move.db");
        first.execute("CREATE TABLE item (n INTEGER)");
        first.prepare("INSERT INTO item (n) VALUES (1)").run();
        sqlite_connection moved(std::move(first));
        auto q = moved.prepare("SELECT COUNT(*) FROM item");
        REQUIRE(q.step());
        CHECK(q.integer(0) == 1);
        kept.emplace(moved.prepare("SELECT n FROM item"));
    }
    kept.reset();  // finalized on its own (ASan would report a use after free otherwise)
    SUCCEED();
}
