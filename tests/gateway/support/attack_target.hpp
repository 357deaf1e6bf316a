#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "tests/gateway/support/country_a.hpp"

namespace ncpeh::testing {

/// What one attack got, as the attacker and the operator see it.
struct attack_result {
    /// The HTTP status; 0 when there was no HTTP answer at all (TLS refused, connection closed).
    unsigned status = 0;
    std::string body;
    /// What ncpeh logged while the attack ran.
    std::string log;
    /// The data requests the national store received while the attack ran.
    std::size_t store_requests = 0;

    /// The `code` of the first log line of `event` (e.g. "security.rejected"); empty when
    /// there is none.
    std::string logged_code(std::string_view event) const;
};

/// The reference national store and `ncpeh serve` for the attack suite, started once per test
/// program: a 4 MiB request limit (so that the parser's limits, not the body limit, meet the XML
/// attacks) and a 1.5 s read deadline (so that slow senders are cut off quickly).
class attack_target {
  public:
    static attack_target& shared();

    unsigned short port() const { return gateway_.port; }
    const gateway_process& gateway() const { return gateway_; }
    const national_store_process& store() const { return store_; }

    /// Runs `send` (which talks to `port()` and returns ncpeh's answer) and reports what
    /// happened meanwhile. An exception from `send` (a refused handshake, a closed connection)
    /// is an answer with status 0.
    attack_result attack(
        const std::function<boost::beast::http::response<boost::beast::http::string_body>()>& send);

  private:
    attack_target();

    temp_dir dir_;
    national_store_process store_;
    gateway_process gateway_;
};

}  // namespace ncpeh::testing
