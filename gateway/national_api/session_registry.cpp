#include "gateway/national_api/session_registry.hpp"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "trust/encoding/base64.hpp"

namespace ncpeh::gateway::national_api {

namespace {

std::optional<std::string> random_base64url(std::size_t bytes) {
    std::string raw(bytes, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()), static_cast<int>(raw.size())) !=
        1) {
        return std::nullopt;
    }
    std::string text = trust::encoding::base64_encode(raw);
    std::replace(text.begin(), text.end(), '+', '-');
    std::replace(text.begin(), text.end(), '/', '_');
    text.erase(std::find(text.begin(), text.end(), '='), text.end());
    return text;
}

}  // namespace

std::optional<std::pair<std::string, std::string>> make_session_token_and_id() {
    auto token = random_base64url(32);
    auto id = random_base64url(12);
    if (!token || !id) {
        return std::nullopt;
    }
    return std::pair{std::move(*token), "s-" + *id};
}

std::string session_token_sha256(std::string_view token) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    EVP_Digest(token.data(), token.size(), digest.data(), &length, EVP_sha256(), nullptr);
    return {reinterpret_cast<const char*>(digest.data()), length};
}

error missing_session_token() {
    return make_error(errc::session_invalid,
                      "no session: send Authorization: Bearer <token> from POST "
                      "/national/v1/sessions");
}

result<std::shared_ptr<const session>> usable_session(std::shared_ptr<const session> opened,
                                                      std::string_view client_certificate_sha256,
                                                      std::chrono::system_clock::time_point now) {
    if (!opened) {
        return make_error(errc::session_invalid,
                          "the session token is unknown or the session has ended; start a new "
                          "session");
    }
    if (opened->expires_at <= now) {
        return make_error(errc::session_invalid,
                          "the session has expired (it ends with the pharmacist's identity "
                          "assertion); start a new session");
    }
    if (opened->client_certificate_sha256 != client_certificate_sha256) {
        return make_error(errc::session_invalid,
                          "the session was opened by another pharmacy system (TLS client "
                          "certificate); a token cannot be used from elsewhere");
    }
    return opened;
}

boost::asio::awaitable<result<std::string>> in_memory_session_registry::open(
    session s, std::chrono::system_clock::time_point now) {
    auto made = make_session_token_and_id();
    if (!made) {
        co_return make_error(errc::internal, "the random generator failed");
    }
    s.id = made->second;
    const std::lock_guard lock(mutex_);
    if (by_id_.size() >= max_sessions_ && purge_expired_locked(now) == 0) {
        co_return make_error(errc::storage_unavailable,
                             "too many pharmacist sessions are open; try again later")
            .with("max_sessions", std::to_string(max_sessions_));
    }
    token_hash_to_id_.emplace(session_token_sha256(made->first), s.id);
    by_id_.emplace(made->second, entry{std::make_shared<const session>(std::move(s)), {}, {}});
    co_return std::move(made->first);
}

boost::asio::awaitable<result<std::shared_ptr<const session>>> in_memory_session_registry::find(
    std::string token, std::string client_certificate_sha256,
    std::chrono::system_clock::time_point now) {
    if (token.empty()) {
        co_return missing_session_token();
    }
    std::shared_ptr<const session> opened;
    {
        const std::lock_guard lock(mutex_);
        const auto id = token_hash_to_id_.find(session_token_sha256(token));
        const auto found = id == token_hash_to_id_.end() ? by_id_.end() : by_id_.find(id->second);
        if (found != by_id_.end()) {
            opened = found->second.opened;
        }
    }
    co_return usable_session(std::move(opened), client_certificate_sha256, now);
}

boost::asio::awaitable<result<void>> in_memory_session_registry::remember_patient(
    std::string session_id, identified_patient patient) {
    const std::lock_guard lock(mutex_);
    const auto found = by_id_.find(session_id);
    if (found == by_id_.end()) {
        co_return result<void>();
    }
    auto& patients = found->second.patients;
    if (std::find(patients.begin(), patients.end(), patient) == patients.end()) {
        patients.push_back(std::move(patient));
    }
    co_return result<void>();
}

boost::asio::awaitable<result<bool>> in_memory_session_registry::identified(
    std::string session_id, identified_patient patient) {
    const std::lock_guard lock(mutex_);
    const auto found = by_id_.find(session_id);
    if (found == by_id_.end()) {
        co_return false;
    }
    const auto& patients = found->second.patients;
    co_return std::find(patients.begin(), patients.end(), patient) != patients.end();
}

boost::asio::awaitable<result<void>> in_memory_session_registry::remember_document(
    std::string session_id, retrieved_document document) {
    const std::lock_guard lock(mutex_);
    const auto found = by_id_.find(session_id);
    if (found == by_id_.end()) {
        co_return result<void>();
    }
    auto& documents = found->second.documents;
    std::erase_if(documents, [&](const retrieved_document& kept) {
        return kept.country == document.country && kept.document_id == document.document_id;
    });
    if (documents.size() >= documents_per_session) {
        documents.erase(documents.begin());
    }
    documents.push_back(std::move(document));
    co_return result<void>();
}

boost::asio::awaitable<result<std::optional<retrieved_document>>>
in_memory_session_registry::find_document(std::string session_id, std::string country,
                                          std::string document_id) {
    const std::lock_guard lock(mutex_);
    const auto found = by_id_.find(session_id);
    if (found == by_id_.end()) {
        co_return std::optional<retrieved_document>();
    }
    for (const retrieved_document& kept : found->second.documents) {
        if (kept.country == country && kept.document_id == document_id) {
            co_return std::optional<retrieved_document>(kept);
        }
    }
    co_return std::optional<retrieved_document>();
}

boost::asio::awaitable<result<std::size_t>> in_memory_session_registry::purge_expired(
    std::chrono::system_clock::time_point now) {
    const std::lock_guard lock(mutex_);
    co_return purge_expired_locked(now);
}

std::size_t in_memory_session_registry::purge_expired_locked(
    std::chrono::system_clock::time_point now) {
    std::size_t purged = 0;
    for (auto it = token_hash_to_id_.begin(); it != token_hash_to_id_.end();) {
        const auto found = by_id_.find(it->second);
        if (found == by_id_.end() || found->second.opened->expires_at <= now) {
            if (found != by_id_.end()) {
                by_id_.erase(found);
                ++purged;
            }
            it = token_hash_to_id_.erase(it);
        } else {
            ++it;
        }
    }
    return purged;
}

std::size_t in_memory_session_registry::size() const {
    const std::lock_guard lock(mutex_);
    return by_id_.size();
}

std::string_view bearer_token(std::string_view header) noexcept {
    constexpr std::string_view scheme = "bearer ";
    if (header.size() <= scheme.size()) {
        return {};
    }
    for (std::size_t i = 0; i < scheme.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(header[i])) != scheme[i]) {
            return {};
        }
    }
    header.remove_prefix(scheme.size());
    while (!header.empty() && header.front() == ' ') {
        header.remove_prefix(1);
    }
    while (!header.empty() && header.back() == ' ') {
        header.remove_suffix(1);
    }
    return header;
}

}  // namespace ncpeh::gateway::national_api
