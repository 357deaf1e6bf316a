#include "trust/x509/certificate_cache.hpp"

namespace ncpeh::trust::x509 {

result<certificate> certificate_cache::decode(std::string_view base64_der) const {
    const std::string key(base64_der);
    {
        const std::lock_guard lock(mutex_);
        if (const auto found = decoded_.find(key); found != decoded_.end()) {
            return found->second.share();
        }
    }
    auto decoded = certificate::from_base64_der(base64_der);
    if (!decoded) {
        return decoded.error();
    }
    certificate cert = std::move(decoded).value();
    const std::lock_guard lock(mutex_);
    if (decoded_.size() >= capacity_) {
        decoded_.clear();
    }
    decoded_.emplace(key, cert.share());
    return cert;
}

}  // namespace ncpeh::trust::x509
