#include "gateway/national_store/national_store_pool.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/strand.hpp>

#include <catch2/catch.hpp>

#include <stdexcept>

namespace {

namespace net = boost::asio;
namespace national_store = ncpeh::gateway::national_store;

national_store::national_store_endpoint nowhere() {
    return national_store::parse_national_store_url("http://127.0.0.1:9/fhir").value();
}

}  // namespace

TEST_CASE("national store clients stay with the io_context of the request that borrows them") {
    net::io_context a(1);
    net::io_context b(1);
    national_store::national_store_pool pool({a.get_executor(), b.get_executor()}, nowhere(), {});

    national_store::national_store_client* from_a = nullptr;
    {
        auto lease = pool.acquire(a.get_executor());
        from_a = &*lease;
    }
    {
        // a's idle client is never handed to a request running on b
        auto lease = pool.acquire(b.get_executor());
        CHECK(&*lease != from_a);
    }
    {
        // a strand of a runs on a's thread: it shares a's clients
        auto lease = pool.acquire(net::make_strand(a));
        CHECK(&*lease == from_a);
    }
    {
        auto first = pool.acquire(a.get_executor());
        auto second = pool.acquire(a.get_executor());
        CHECK(&*first == from_a);
        CHECK(&*second != from_a);  // a lease is exclusive
    }
    net::io_context elsewhere(1);
    // An executor of an io_context the pool was not given falls back to the first one.
    auto lease = pool.acquire(elsewhere.get_executor());
    CHECK(&*lease == from_a);
}

TEST_CASE("a national store pool needs an executor") {
    CHECK_THROWS_AS(national_store::national_store_pool({}, nowhere(), {}), std::invalid_argument);
}
