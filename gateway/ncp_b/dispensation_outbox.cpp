#include "gateway/ncp_b/dispensation_outbox.hpp"

#include <openssl/rand.h>

#include <array>

namespace ncpeh::gateway::ncp_b {

std::string_view name_of(outbox_kind kind) noexcept {
    switch (kind) {
        case outbox_kind::dispensation:
            return "dispensation";
        case outbox_kind::discard:
            return "discard";
    }
    return "dispensation";
}

std::string_view name_of(outbox_status status) noexcept {
    switch (status) {
        case outbox_status::queued:
            return "queued";
        case outbox_status::delivering:
            return "delivering";
        case outbox_status::delivered:
            return "delivered";
        case outbox_status::failed:
            return "failed";
    }
    return "queued";
}

std::optional<outbox_kind> outbox_kind_from_name(std::string_view name) noexcept {
    for (const outbox_kind kind : {outbox_kind::dispensation, outbox_kind::discard}) {
        if (name == name_of(kind)) {
            return kind;
        }
    }
    return std::nullopt;
}

std::optional<outbox_status> outbox_status_from_name(std::string_view name) noexcept {
    for (const outbox_status status : {outbox_status::queued, outbox_status::delivering,
                                       outbox_status::delivered, outbox_status::failed}) {
        if (name == name_of(status)) {
            return status;
        }
    }
    return std::nullopt;
}

result<void> check_outbox_entry(const outbox_entry& e) {
    const auto missing = [](std::string_view field) -> result<void> {
        return make_error(errc::invalid_argument,
                          "the dispensation to queue has no " + std::string(field))
            .with("field", std::string(field));
    };
    if (e.pharmacy_gln.empty()) {
        return missing("pharmacy_gln");
    }
    if (e.dispatch_id.empty()) {
        return missing("dispatch_id");
    }
    if (e.country.empty()) {
        return missing("country");
    }
    if (e.ed_document_id.empty()) {
        return missing("ed_document_id");
    }
    if (e.ed_cda.empty()) {
        return missing("ed_cda");
    }
    if (e.kind == outbox_kind::discard && e.discards_id.empty()) {
        return missing("discards_id");
    }
    if (e.kind == outbox_kind::dispensation && !e.discards_id.empty()) {
        return make_error(errc::invalid_argument, "a dispensation does not discard anything")
            .with("field", "discards_id");
    }
    return {};
}

result<std::string> make_dispensation_id() {
    std::array<unsigned char, 16> bytes{};
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
        return make_error(errc::internal, "no random bytes for a dispensation id");
    }
    constexpr std::string_view digits = "0123456789abcdef";
    std::string id;
    id.reserve(bytes.size() * 2);
    for (const unsigned char b : bytes) {
        id += digits[b >> 4];
        id += digits[b & 0x0f];
    }
    return id;
}

}  // namespace ncpeh::gateway::ncp_b
