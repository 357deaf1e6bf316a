#include "gateway/ops/trust_reload.hpp"

#include <openssl/ssl.h>

#include "gateway/log/json_log.hpp"
#include "trust/x509/fingerprint.hpp"

namespace ncpeh::gateway::ops {

namespace {

// The fingerprint of the certificate a server context presents, for the log line that tells
// operators which certificate is now in force.
std::string presented_sha256(const boost::asio::ssl::context& context) {
    X509* cert =
        SSL_CTX_get0_certificate(const_cast<boost::asio::ssl::context&>(context).native_handle());
    return cert == nullptr ? std::string() : trust::x509::sha256_fingerprint(*cert);
}

}  // namespace

trust_reloader::trust_reloader(const config::configuration& c,
                               std::shared_ptr<const trust_material> initial,
                               metrics_registry& registry)
    : config_(c),
      current_(initial),
      anchors_(initial->assertion_anchors),
      seal_(initial->seal),
      reloads_(registry.add_counter("ncpeh_trust_reloads_total",
                                    "Reloads of the certificates, trust anchors and CRLs (SIGHUP "
                                    "or changed files), by outcome: ok (put in force) or refused "
                                    "(the material in force stays)",
                                    {"outcome"})),
      last_tried_(initial->stamps) {
    reloads_.add({"ok"}, 0);
    reloads_.add({"refused"}, 0);
    registry.add_sampled(
        {"ncpeh_trust_material_loaded_timestamp_seconds",
         "When the certificates, trust anchors and CRLs in force were read (Unix time)",
         "gauge",
         {},
         [this] {
             const auto at = current()->loaded_at;
             return std::vector<sample>{
                 {{}, std::chrono::duration<double>(at.time_since_epoch()).count()}};
         }});
}

std::shared_ptr<const trust_material> trust_reloader::current() const noexcept {
    return current_.load(std::memory_order_acquire);
}

net::tls_context_source trust_reloader::tls_source(
    std::shared_ptr<boost::asio::ssl::context> trust_material::*which) const {
    return [this, which] {
        auto material = current();
        boost::asio::ssl::context* context = ((*material).*which).get();
        // Aliasing: the context keeps its whole generation alive.
        return std::shared_ptr<boost::asio::ssl::context>(std::move(material), context);
    };
}

trust_inventory_source trust_reloader::inventory_source() const {
    return [this] {
        auto material = current();
        const std::vector<trust_item>* items = material->inventory.get();
        return std::shared_ptr<const std::vector<trust_item>>(std::move(material), items);
    };
}

result<void> trust_reloader::reload(std::string_view trigger, std::chrono::sys_seconds now) {
    const std::lock_guard lock(reload_mutex_);
    const log::logger logger;
    // Taken before the files are read: a file replaced while they are read is tried again.
    last_tried_ = stamp_files(trust_material_files(config_));
    auto loaded = load_trust_material(config_);
    result<void> usable = loaded ? check_in_force(**loaded, now) : result<void>(loaded.error());
    if (!usable) {
        reloads_.add({"refused"});
        logger.warn("trust.reload_refused",
                    {{"trigger", trigger},
                     {"reason", usable.error().describe()},
                     {"generation", static_cast<std::int64_t>(generation_.load())}});
        return usable.error();
    }
    std::shared_ptr<const trust_material> next = std::move(*loaded);
    // The stores and the seal first, then the generation the TLS sources read: each use takes
    // one of them, never a mix within one use.
    anchors_.replace(next->assertion_anchors);
    seal_.replace(next->seal);
    current_.store(next, std::memory_order_release);
    const std::uint64_t generation = ++generation_;
    reloads_.add({"ok"});
    logger.info(
        "trust.reloaded",
        {{"trigger", trigger},
         {"generation", static_cast<std::int64_t>(generation)},
         {"tls_server_sha256", presented_sha256(*next->ncp_tls)},
         {"seal_sha256", trust::x509::sha256_fingerprint(*next->seal->certificate().get())}});
    return {};
}

bool trust_reloader::files_changed() const {
    const std::lock_guard lock(reload_mutex_);
    return stamp_files(trust_material_files(config_)) != last_tried_;
}

}  // namespace ncpeh::gateway::ops
