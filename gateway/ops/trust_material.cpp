#include "gateway/ops/trust_material.hpp"

#include <sys/stat.h>

#include "gateway/net/tls_context.hpp"

namespace ncpeh::gateway::ops {

namespace {

// The error of one part of the material, saying which part: "tls_server: cannot load …".
error of_part(std::string_view part, error e) {
    e.message = std::string(part) + ": " + e.message;
    return e;
}

result<std::shared_ptr<boost::asio::ssl::context>> server_context(std::string_view part,
                                                                  const net::tls_settings& s) {
    auto made = net::make_server_tls_context(s);
    if (!made) {
        return of_part(part, std::move(made.error()));
    }
    return std::shared_ptr<boost::asio::ssl::context>(std::move(*made));
}

result<std::shared_ptr<boost::asio::ssl::context>> client_context(std::string_view part,
                                                                  const net::tls_settings& s) {
    auto made = net::make_client_tls_context(s);
    if (!made) {
        return of_part(part, std::move(made.error()));
    }
    return std::shared_ptr<boost::asio::ssl::context>(std::move(*made));
}

}  // namespace

std::vector<std::filesystem::path> trust_material_files(const config::configuration& c) {
    std::vector<std::filesystem::path> files;
    const auto add = [&files](const std::filesystem::path& file) {
        if (!file.empty()) {
            files.push_back(file);
        }
    };
    for (const config::credential* credential : {&c.tls_server, &c.tls_client, &c.seal}) {
        add(credential->certificate);
        add(credential->private_key);
    }
    if (c.audit.atna) {
        add(c.audit.atna->tls_client.certificate);
        add(c.audit.atna->tls_client.private_key);
        add(c.audit.atna->anchors);
    }
    for (const auto* anchors : {&c.trust.partner_tls, &c.trust.assertion_signatures, &c.trust.smp,
                                &c.trust.operator_tls, &c.trust.pharmacy_tls}) {
        add(*anchors);
    }
    for (const auto& crl : c.trust.crls) {
        add(crl);
    }
    return files;
}

std::vector<file_stamp> stamp_files(const std::vector<std::filesystem::path>& files) {
    std::vector<file_stamp> stamps;
    stamps.reserve(files.size());
    for (const auto& file : files) {
        file_stamp stamp{file};
        struct stat info {};
        if (::stat(file.c_str(), &info) == 0) {
            stamp.exists = true;
            stamp.modified_ns = static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 +
                                info.st_mtim.tv_nsec;
            stamp.size = static_cast<std::int64_t>(info.st_size);
            stamp.inode = static_cast<std::uint64_t>(info.st_ino);
        }
        stamps.push_back(std::move(stamp));
    }
    return stamps;
}

result<std::shared_ptr<const trust_material>> load_trust_material(const config::configuration& c) {
    auto material = std::make_shared<trust_material>();
    material->stamps = stamp_files(trust_material_files(c));
    material->loaded_at = std::chrono::system_clock::now();

    auto ncp = server_context("ncp listener", {c.tls_server, c.trust.partner_tls, c.trust.crls});
    if (!ncp) {
        return ncp.error();
    }
    material->ncp_tls = std::move(*ncp);
    // The pharmacy systems' and the operators' certificates chain to their own anchors; the
    // partners' CRLs do not apply to them.
    auto national = server_context("national listener", {c.tls_server, c.trust.pharmacy_tls, {}});
    if (!national) {
        return national.error();
    }
    material->national_tls = std::move(*national);
    if (!c.trust.operator_tls.empty()) {
        auto ops = server_context("ops listener", {c.tls_server, c.trust.operator_tls, {}});
        if (!ops) {
            return ops.error();
        }
        material->ops_tls = std::move(*ops);
    }
    auto partner_client =
        client_context("partner client", {c.tls_client, c.trust.partner_tls, c.trust.crls});
    if (!partner_client) {
        return partner_client.error();
    }
    material->partner_client_tls = std::move(*partner_client);
    if (c.audit.atna) {
        auto atna = client_context("audit repository client",
                                   {c.audit.atna->tls_client, c.audit.atna->anchors, {}});
        if (!atna) {
            return atna.error();
        }
        material->atna_tls = std::move(*atna);
    }

    auto anchors = trust::x509::trust_store::load(trust::x509::store_kind::assertion_signatures,
                                                  c.trust.assertion_signatures, c.trust.crls);
    if (!anchors) {
        return of_part("assertion_signatures", std::move(anchors.error()));
    }
    material->assertion_anchors =
        std::make_shared<const trust::x509::trust_store>(std::move(*anchors));
    if (auto signed_crls = trust::x509::check_crls_signed_by_anchors(
            c.trust.crls, {c.trust.partner_tls, c.trust.assertion_signatures});
        !signed_crls) {
        return of_part("crls", std::move(signed_crls.error()));
    }

    const std::optional<std::string> seal_password =
        c.seal.key_password ? std::optional(c.seal.key_password->value) : std::nullopt;
    auto seal = trust::xmldsig::signing_credential::load(c.seal.certificate, c.seal.private_key,
                                                         seal_password);
    if (!seal) {
        return of_part("seal", std::move(seal.error()));
    }
    material->seal = std::make_shared<const trust::xmldsig::signing_credential>(std::move(*seal));

    auto inventory = read_trust_inventory(c);
    if (!inventory) {
        return inventory.error();
    }
    material->inventory = std::make_shared<const std::vector<trust_item>>(std::move(*inventory));
    return std::shared_ptr<const trust_material>(std::move(material));
}

result<void> check_in_force(const trust_material& material, std::chrono::sys_seconds now) {
    for (const trust_item& item : *material.inventory) {
        if (item.kind != "credential") {
            continue;
        }
        if (const std::string why = why_unusable(item, now); !why.empty()) {
            return make_error(errc::config_invalid, item.purpose + " certificate: " + why)
                .with("subject", item.window.subject);
        }
    }
    return {};
}

}  // namespace ncpeh::gateway::ops
