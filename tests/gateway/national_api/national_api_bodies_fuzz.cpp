// Fuzz target: the national API's JSON request bodies (gateway/national_api/request_bodies.hpp),
// what a Swedish pharmacy system sends to start a session, identify a foreign patient and report
// a dispensation. Each input is the Content-Type header value, a line end, then the body; it is
// read as each of the three bodies. What is read must have what the operations rely on: the
// required members non-empty, the birth date as yyyyMMdd, the gender as HL7's.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "gateway/national_api/request_bodies.hpp"
#include "tests/support/fuzz_input.hpp"

namespace api = ncpeh::gateway::national_api;

namespace {

bool all_digits(std::string_view text) {
    for (const char c : text) {
        if (c < '0' || c > '9') {
            return false;
        }
    }
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto [content_type, body] =
        ncpeh::testing::fuzz::split_content_type_line(ncpeh::testing::fuzz::text_of(data, size));

    if (const auto session = api::read_session_request(content_type, body)) {
        if (session->legitimationskod.empty() || session->name.empty() ||
            session->profession.empty()) {
            std::abort();  // a session without the pharmacist's identity
        }
    }
    if (const auto identify = api::read_identify_request(content_type, body)) {
        if (identify->country.empty()) {
            std::abort();  // an identification without a country
        }
        if (identify->birth_date &&
            (identify->birth_date->size() != 8 || !all_digits(*identify->birth_date))) {
            std::abort();  // a birth date that is not yyyyMMdd
        }
        if (identify->gender && *identify->gender != "M" && *identify->gender != "F" &&
            *identify->gender != "UN") {
            std::abort();  // a gender HL7 does not know
        }
    }
    if (const auto dispensation = api::read_dispensation_request(content_type, body)) {
        if (dispensation->country.empty() || dispensation->patient_id.empty() ||
            dispensation->document_id.empty()) {
            std::abort();  // a dispensation that names no prescription
        }
    }
    return 0;
}
