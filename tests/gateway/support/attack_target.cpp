#include "tests/gateway/support/attack_target.hpp"

#include <chrono>
#include <exception>
#include <thread>

namespace ncpeh::testing {

std::string attack_result::logged_code(std::string_view event) const {
    const auto line = log.find("\"event\":\"" + std::string(event) + "\"");
    if (line == std::string::npos) {
        return {};
    }
    const std::string_view key = "\"code\":\"";
    const auto end_of_line = log.find('\n', line);
    const auto at = log.find(key, line);
    if (at == std::string::npos || at > end_of_line) {
        return {};
    }
    const auto value = at + key.size();
    return log.substr(value, log.find('"', value) - value);
}

attack_target& attack_target::shared() {
    static attack_target target;
    return target;
}

attack_target::attack_target()
    : store_(start_national_store(dir_)),
      gateway_(start_gateway(
          dir_, {.store_url = store_.fhir_url(),
                 .overrides = {{"max_request_bytes", "4194304"}, {"read_timeout_ms", "1500"}}})) {}

attack_result attack_target::attack(
    const std::function<boost::beast::http::response<boost::beast::http::string_body>()>& send) {
    const auto log_before = gateway_.process->log().size();
    const auto store_before = store_.data_requests();
    attack_result result;
    try {
        const auto answer = send();
        result.status = answer.result_int();
        result.body = answer.body();
    } catch (const std::exception&) {
        result.status = 0;
    }
    // ncpeh logs a transaction before it answers; a refused connection is logged as it closes.
    std::this_thread::sleep_for(std::chrono::milliseconds(result.status == 0 ? 300 : 20));
    result.log = gateway_.process->log().substr(log_before);
    result.store_requests = store_.data_requests() - store_before;
    return result;
}

}  // namespace ncpeh::testing
