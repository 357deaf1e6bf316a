#include "trust/saml/in_memory_replay_cache.hpp"

#include <openssl/evp.h>

#include <cstring>
#include <iterator>
#include <memory>
#include <stdexcept>

namespace ncpeh::trust::saml {

in_memory_replay_cache::digest in_memory_replay_cache::digest_of(std::string_view issuer,
                                                                 std::string_view id) {
    static EVP_MD* const sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                          &EVP_MD_CTX_free);
    unsigned char hash[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    // Issuer and ID cannot contain a NUL, so it separates them unambiguously.
    const bool hashed = sha256 != nullptr && context &&
                        EVP_DigestInit_ex(context.get(), sha256, nullptr) == 1 &&
                        EVP_DigestUpdate(context.get(), issuer.data(), issuer.size()) == 1 &&
                        EVP_DigestUpdate(context.get(), "", 1) == 1 &&
                        EVP_DigestUpdate(context.get(), id.data(), id.size()) == 1 &&
                        EVP_DigestFinal_ex(context.get(), hash, &length) == 1;
    if (!hashed || length < sizeof(digest)) {
        throw std::runtime_error("SHA-256 is not available from OpenSSL");
    }
    digest out{};
    std::memcpy(out.data(), hash, sizeof out);
    return out;
}

result<void> in_memory_replay_cache::remember(std::string_view issuer, std::string_view id,
                                              std::chrono::system_clock::time_point expires_at,
                                              std::chrono::system_clock::time_point now) {
    const digest key = digest_of(issuer, id);
    const std::lock_guard lock(mutex_);
    const auto found = seen_.find(key);
    if (found != seen_.end() && found->second >= now) {
        return make_error(errc::assertion_replayed, "the assertion was already used")
            .with("id", std::string(id));
    }
    seen_.insert_or_assign(key, expires_at);
    if (seen_.size() >= size_at_last_purge_ + purge_interval_) {
        purge(now);
    }
    return {};
}

std::size_t in_memory_replay_cache::size() const {
    const std::lock_guard lock(mutex_);
    return seen_.size();
}

std::size_t in_memory_replay_cache::memory_bytes() const {
    // A node holds the next pointer, the key and the value; the allocator rounds it up to 48.
    constexpr std::size_t node_bytes = 48;
    const std::lock_guard lock(mutex_);
    return seen_.size() * node_bytes + seen_.bucket_count() * sizeof(void*);
}

std::size_t in_memory_replay_cache::purge_expired(std::chrono::system_clock::time_point now) {
    const std::lock_guard lock(mutex_);
    const std::size_t before = seen_.size();
    purge(now);
    return before - seen_.size();
}

void in_memory_replay_cache::purge(std::chrono::system_clock::time_point now) {
    for (auto it = seen_.begin(); it != seen_.end();) {
        it = it->second < now ? seen_.erase(it) : std::next(it);
    }
    size_at_last_purge_ = seen_.size();
}

}  // namespace ncpeh::trust::saml
