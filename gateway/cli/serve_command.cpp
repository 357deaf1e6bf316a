#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "config/load_configuration.hpp"
#include "gateway/audit/atna_export.hpp"
#include "gateway/audit/atna_metrics.hpp"
#include "gateway/audit/open_audit_trail.hpp"
#include "gateway/cli/command.hpp"
#include "gateway/log/json_log.hpp"
#include "gateway/national_api/national_api.hpp"
#include "gateway/national_api/postgres_session_registry.hpp"
#include "gateway/national_store/national_store_pool.hpp"
#include "gateway/ncp_a/dispatch.hpp"
#include "gateway/ncp_a/partner_gate.hpp"
#include "gateway/ncp_b/assertion_reserve.hpp"
#include "gateway/ncp_b/call_xdr/submit_dispensation.hpp"
#include "gateway/ncp_b/open_dispensation_outbox.hpp"
#include "gateway/ncp_b/outbox_metrics.hpp"
#include "gateway/net/http_server.hpp"
#include "gateway/net/tls_context.hpp"
#include "gateway/ops/gateway_metrics.hpp"
#include "gateway/ops/ops_routes.hpp"
#include "gateway/ops/runtime_metrics.hpp"
#include "gateway/ops/stats_log.hpp"
#include "gateway/ops/trust_material.hpp"
#include "gateway/ops/trust_reload.hpp"
#include "gateway/storage/postgres_config.hpp"
#include "gateway/storage/postgres_pool.hpp"
#include "gateway/storage/postgres_replay_cache.hpp"
#include "gateway/terminology/read_terminology.hpp"
#include "gateway/version.hpp"
#include "translators/eprescription_l3/custodian.hpp"
#include "translators/fhir/fhir_date.hpp"
#include "trust/saml/in_memory_replay_cache.hpp"
#include "trust/x509/certificate.hpp"

namespace ncpeh::gateway::cli {

namespace {

namespace net = boost::asio;

struct serve_options {
    std::string config_file;
    unsigned threads = 0;
    std::string today;
};

std::string bare_oid(const std::string& urn) {
    constexpr std::string_view prefix = "urn:oid:";
    return urn.starts_with(prefix) ? urn.substr(prefix.size()) : urn;
}

// The pharmacy systems of the national API, by their certificates.
std::vector<national_api::pharmacy_system> pharmacy_systems_of(const config::configuration& c) {
    std::vector<national_api::pharmacy_system> systems;
    for (const config::pharmacy& p : c.pharmacies) {
        systems.push_back(
            {{p.gln, p.name, p.organization_id, p.locality}, p.tls_certificate_sha256});
    }
    return systems;
}

// The patient e-services of the national API, by their certificates.
std::vector<national_api::eservice_system> eservice_systems_of(const config::configuration& c) {
    std::vector<national_api::eservice_system> systems;
    for (const config::patient_eservice& e : c.patient_eservices) {
        systems.push_back({{e.name, e.register_client}, e.tls_certificate_sha256});
    }
    return systems;
}

// Stops taking work: the listeners (each lets its requests finish), then the outbox delivery
// (its attempts under way finish), then the ATNA export (the spool keeps what it did not send).
// A coroutine of its own, not a lambda: the signal handler that starts it returns at once, and a
// lambda coroutine's captures would die with it.
net::awaitable<void> stop_gracefully(gateway::net::http_server& ops,
                                     gateway::net::http_server& national,
                                     gateway::net::http_server& ncp,
                                     ncp_b::outbox_delivery& delivery, audit::atna_exporter* atna) {
    co_await ops.shutdown();
    co_await national.shutdown();
    co_await ncp.shutdown();
    co_await delivery.stop();
    if (atna != nullptr) {
        co_await atna->stop();
    }
}

// Who writes the ATNA messages: `[audit.atna]`, else the node's country and this machine.
audit::atna_source atna_source_of(const config::configuration& c) {
    audit::atna_source source;
    source.site_id = c.audit.atna->site_id.empty() ? c.country : c.audit.atna->site_id;
    if (auto certs = trust::x509::certificate::load_pem_file(c.tls_server.certificate);
        certs && !certs->empty()) {
        source.tls_common_name = trust::x509::common_name_of(*certs->front().get());
    }
    source.host = c.audit.atna->hostname;
    if (source.host.empty()) {
        char name[256] = {};
        if (::gethostname(name, sizeof name - 1) == 0) {
            source.host = name;
        }
    }
    return source;
}

// Drops the sessions that ended, once a minute.
net::awaitable<void> purge_sessions_every_minute(national_api::session_registry& sessions) {
    net::steady_timer timer(co_await net::this_coro::executor);
    for (;;) {
        timer.expires_after(std::chrono::minutes(1));
        co_await timer.async_wait(net::use_awaitable);
        auto purged = co_await sessions.purge_expired(std::chrono::system_clock::now());
        if (!purged) {
            log::logger().warn(
                "national_api.sessions_not_purged",
                {{"error", name_of(purged.error().code)}, {"detail", purged.error().describe()}});
        }
    }
}

// Drops expired replay-cache entries once a minute: between purges on growth, an idle gateway
// would otherwise keep them. On PostgreSQL every instance purges (all but the first find nothing
// to delete), which also counts the entries for the metrics; a failure is logged and the next
// minute tries again. One of the two caches is given.
net::awaitable<void> purge_replay_cache_every_minute(trust::saml::in_memory_replay_cache* memory,
                                                     storage::postgres_replay_cache* shared) {
    net::steady_timer timer(co_await net::this_coro::executor);
    const log::logger logger;
    for (;;) {
        timer.expires_after(std::chrono::minutes(1));
        co_await timer.async_wait(net::use_awaitable);
        if (memory != nullptr) {
            memory->purge_expired(std::chrono::system_clock::now());
        }
        if (shared != nullptr) {
            auto purged = co_await shared->purge_expired(std::chrono::system_clock::now());
            if (!purged) {
                logger.warn("replay_cache.purge_failed",
                            {{"code", std::string(name_of(purged.error().code))},
                             {"reason", purged.error().message}});
            }
        }
    }
}

std::chrono::sys_seconds now_in_seconds() {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

// Reads the certificates, anchors and CRLs again on each SIGHUP (`systemctl reload`).
net::awaitable<void> reload_trust_on_hangup(net::signal_set& hangups, ops::trust_reloader& trust) {
    for (;;) {
        auto [ec, signal_number] = co_await hangups.async_wait(net::as_tuple(net::use_awaitable));
        if (ec) {
            co_return;
        }
        (void)trust.reload("sighup", now_in_seconds());
    }
}

// Reads them again when one of their files changed (looked at every 30 s).
net::awaitable<void> reload_trust_when_files_change(ops::trust_reloader& trust) {
    net::steady_timer timer(co_await net::this_coro::executor);
    for (;;) {
        timer.expires_after(ops::trust_files_check_interval);
        co_await timer.async_wait(net::use_awaitable);
        if (trust.files_changed()) {
            (void)trust.reload("file_change", now_in_seconds());
        }
    }
}

int run_serve(const serve_options& options) {
    const auto loaded =
        config::load_configuration(options.config_file, config::process_environment());
    if (!loaded.is_usable()) {
        for (const config::problem& p : loaded.problems) {
            std::cerr << p.describe() << '\n';
        }
        std::cerr << "ncpeh serve: the configuration is not usable (" << loaded.problems.size()
                  << " problem(s)); see ncpeh check-config\n";
        return exit_unusable;
    }
    const config::configuration& c = loaded.value;
    log::configure({log::level_from_name(c.logging.level), c.logging.log_personal_data});
    const log::logger logger;

    // Every credential, anchor set and CRL, checked together; SIGHUP (or changed files) reads
    // them again (ops::trust_reloader).
    auto material = ops::load_trust_material(c);
    if (!material) {
        std::cerr << "ncpeh serve: " << material.error().describe() << '\n';
        return exit_unusable;
    }
    std::optional<std::chrono::year_month_day> fixed_today;
    if (!options.today.empty()) {
        auto parsed = translators::fhir::parse_fhir_date(options.today);
        if (!parsed || options.today.size() != 10) {
            std::cerr << "ncpeh serve: --today must be YYYY-MM-DD\n";
            return exit_unusable;
        }
        fixed_today = *parsed;
    }
    auto tables = terminology::read_terminology(c.terminology_dir);
    if (!tables) {
        std::cerr << "ncpeh serve: " << tables.error().describe() << '\n';
        return exit_unusable;
    }
    auto store_endpoint = national_store::parse_national_store_url(c.national_store.url);
    if (!store_endpoint) {
        std::cerr << "ncpeh serve: " << store_endpoint.error().describe() << '\n';
        return exit_unusable;
    }
    // PostgreSQL ([database] url): the schema brought up to this build before any store opens
    // (instances starting together migrate once), then one pool of connections for the stores.
    std::unique_ptr<storage::postgres_pool> database;
    if (storage::is_postgres_url(c.database.url)) {
        auto migrated = storage::migrate_postgres(c.database);
        if (!migrated) {
            std::cerr << "ncpeh serve: " << migrated.error().describe() << '\n';
            return exit_unusable;
        }
        for (const storage::postgres_migration& step : *migrated) {
            logger.info("database.migrated", {{"version", static_cast<std::int64_t>(step.version)},
                                              {"name", step.name}});
        }
        database = std::make_unique<storage::postgres_pool>(
            storage::postgres_pool_settings_of(c.database));
    }
    // On PostgreSQL each row names the instance that wrote it (this machine and process id).
    auto audit_trail = audit::open_audit_trail(c.database.url, database.get());
    if (!audit_trail) {
        std::cerr << "ncpeh serve: " << audit_trail.error().describe() << '\n';
        return exit_unusable;
    }
    ops::metrics_registry registry;
    ops::trust_reloader trust(c, *material, registry);

    // Country B: the seal signs our assertions.
    auto country_b = ncp_b::country_b_settings_of(c, *tables, trust.seal());
    if (!country_b) {
        std::cerr << "ncpeh serve: " << country_b.error().describe() << '\n';
        return exit_unusable;
    }
    country_b->fixed_today = fixed_today;
    auto outbox = ncp_b::open_dispensation_outbox(c.database.url, database.get());
    if (!outbox) {
        std::cerr << "ncpeh serve: " << outbox.error().describe() << '\n';
        return exit_unusable;
    }

    const unsigned threads =
        options.threads > 0 ? options.threads : std::max(1U, std::thread::hardware_concurrency());
    // One single-threaded io_context per thread: a connection, its national-store client and its
    // timers stay on one thread, with no strand and no hand-over between threads. The first
    // also runs the listener and the signal handling.
    std::vector<std::unique_ptr<net::io_context>> contexts;
    std::vector<net::any_io_executor> executors;
    for (unsigned i = 0; i < threads; ++i) {
        contexts.push_back(std::make_unique<net::io_context>(1));
        executors.push_back(contexts.back()->get_executor());
    }
    net::io_context& context = *contexts.front();

    ncp_a::responder_settings settings;
    settings.xml_limits.max_bytes = c.limits.max_request_bytes;
    settings.xml_limits.max_depth = c.limits.max_xml_depth;
    settings.home_community_id = bare_oid(c.home_community_id);
    settings.repository_unique_id = settings.home_community_id;
    settings.eprescription.prescription_id_root = c.prescription_id_root;
    settings.eprescription.custodian =
        translators::eprescription_l3::swedish_custodian(settings.home_community_id);
    settings.tables = &*tables;
    settings.assertion_anchors = &trust.assertion_anchors();
    settings.fixed_today = fixed_today;

    national_store::national_store_client_options store_options;
    store_options.timeout = c.national_store.timeout;
    national_store::national_store_pool store(executors, *store_endpoint, store_options);
    // The replay cache: in this process, or shared by every instance on PostgreSQL. The latter
    // waits for the database, so the assertions are then verified on heavy_work.
    trust::saml::in_memory_replay_cache memory_replay;
    std::unique_ptr<storage::postgres_replay_cache> shared_replay;
    if (database) {
        shared_replay = std::make_unique<storage::postgres_replay_cache>(*database);
    }
    trust::saml::replay_cache& replay =
        shared_replay ? static_cast<trust::saml::replay_cache&>(*shared_replay) : memory_replay;
    const ops::replay_cache_reader replay_figures =
        shared_replay ? ops::figures_of(*shared_replay) : ops::figures_of(memory_replay);
    // Large requests are parsed here, not on the I/O thread that received them; with the shared
    // replay cache the assertions are verified here too, each thread waiting for the database
    // meanwhile: as many as the database connections, so that they can all be busy.
    net::thread_pool heavy_work(std::max({1U, threads / 2, database ? c.database.pool_size : 1U}));
    ops::gateway_metrics metrics(registry);
    store.observe_calls([&metrics](std::string_view operation, const error* failure,
                                   std::chrono::steady_clock::duration elapsed) {
        metrics.count_store_call(operation, failure, elapsed);
    });
    ncp_a::responder_services services{store,    **audit_trail,
                                       &replay,  heavy_work.get_executor(),
                                       &metrics, shared_replay != nullptr};

    gateway::net::server_limits limits;
    limits.max_body_bytes = c.limits.max_request_bytes;
    limits.read_timeout = c.limits.read_timeout;
    limits.max_connections = c.limits.max_connections;
    limits.handshake_timeout = c.limits.handshake_timeout;
    limits.max_handshakes = c.limits.max_handshakes;
    limits.max_handshakes_per_address = c.limits.max_handshakes_per_address;
    gateway::net::http_server ncp(
        context.get_executor(), trust.tls_source(&ops::trust_material::ncp_tls), limits,
        ncp_a::admit_partners(
            ncp_a::partner_directory(c.partners),
            [&settings, &services](const ncp_a::peer& caller, gateway::net::request&& req) {
                return ncp_a::dispatch(settings, services, caller, std::move(req));
            }),
        executors, "ncp");
    auto bound = ncp.listen(c.ncp_listener.address, c.ncp_listener.port);
    if (!bound) {
        std::cerr << "ncpeh serve: " << bound.error().describe() << '\n';
        return exit_unusable;
    }
    ops::add_runtime_metrics(registry,
                             {ncp, replay_figures, **audit_trail, trust.inventory_source()});
    // The eHDSI audit trail to the ATNA repository: each event's messages are spooled in the
    // transaction that stores it, and sent from the spool on the first thread.
    std::unique_ptr<audit::atna_exporter> atna;
    if (c.audit.atna) {
        const audit::atna_source source = atna_source_of(c);
        audit::atna_export_settings export_settings;
        export_settings.host = c.audit.atna->host;
        export_settings.port = c.audit.atna->port;
        export_settings.first_retry = c.audit.atna->first_retry;
        export_settings.max_retry = c.audit.atna->max_retry;
        atna = std::make_unique<audit::atna_exporter>(
            context.get_executor(), **audit_trail, trust.tls_source(&ops::trust_material::atna_tls),
            export_settings);
        (*audit_trail)
            ->spool_for_atna(
                audit::syslog_renderer(source, {source.host, "ncpeh", std::to_string(::getpid())}),
                [exporter = atna.get()] { exporter->wake(); });
        audit::add_atna_metrics(registry, *atna);
    }
    const ops::ops_sources ops_sources{
        registry,
        {{store_endpoint->host, store_endpoint->port, store_endpoint->base_path + "/metadata"},
         std::min(c.national_store.timeout, std::chrono::milliseconds(2000)),
         **audit_trail,
         trust.inventory_source()},
        **audit_trail,
        metrics.history};
    gateway::net::http_client partner_client(
        executors, trust.tls_source(&ops::trust_material::partner_client_tls));
    ncp_b::country_b_services country_b_services{store, **audit_trail, partner_client, **outbox};
    ncp_b::outbox_delivery delivery(context.get_executor(), **outbox,
                                    ncp_b::xdr_sender(*country_b, country_b_services),
                                    ncp_b::delivery_settings_of(c));
    country_b_services.delivery = &delivery;
    ncp_b::add_outbox_metrics(registry, delivery);
    ncp_b::assertion_reserve assertion_reserve(heavy_work.get_executor(), country_b->issuer);
    country_b_services.assertions = &assertion_reserve;
    country_b_services.metrics = &metrics;
    auto sessions = national_api::open_session_registry(c.database.url, database.get());
    if (!sessions) {
        std::cerr << "ncpeh serve: " << sessions.error().describe() << '\n';
        return exit_unusable;
    }
    gateway::net::server_limits national_limits = limits;
    national_limits.max_body_bytes = 1024 * 1024;
    gateway::net::http_server national(
        context.get_executor(), trust.tls_source(&ops::trust_material::national_tls),
        national_limits,
        national_api::national_api(national_api::pharmacy_directory(pharmacy_systems_of(c)),
                                   national_api::eservice_directory(eservice_systems_of(c)),
                                   {*country_b, country_b_services, **sessions}),
        executors, "national");
    auto national_bound = national.listen(c.national_listener.address, c.national_listener.port);
    if (!national_bound) {
        std::cerr << "ncpeh serve: " << national_bound.error().describe() << '\n';
        return exit_unusable;
    }

    gateway::net::server_limits ops_limits;
    ops_limits.max_body_bytes = 64 * 1024;
    ops_limits.max_connections = 64;
    ops_limits.max_handshakes = 16;
    ops_limits.max_handshakes_per_address = 8;
    ops_limits.shutdown_grace = std::chrono::seconds(2);
    // Without operators' anchors the ops listener serves plain HTTP (on loopback).
    gateway::net::http_server ops_server(context.get_executor(),
                                         c.trust.operator_tls.empty()
                                             ? gateway::net::tls_context_source()
                                             : trust.tls_source(&ops::trust_material::ops_tls),
                                         ops_limits, ops::ops_routes(ops_sources), {}, "ops");
    auto ops_bound = ops_server.listen(c.ops_listener.address, c.ops_listener.port);
    if (!ops_bound) {
        std::cerr << "ncpeh serve: " << ops_bound.error().describe() << '\n';
        return exit_unusable;
    }
    // Registered before the "started" line: a SIGHUP from then on reloads, never terminates.
    net::signal_set hangups(context, SIGHUP);
    logger.info(
        "ncpeh.started",
        {{"version", std::string(version)},
         {"country", c.country},
         {"ncp_listener", bound->address().to_string() + ":" + std::to_string(bound->port())},
         {"national_listener",
          national_bound->address().to_string() + ":" + std::to_string(national_bound->port())},
         {"ops_listener",
          ops_bound->address().to_string() + ":" + std::to_string(ops_bound->port())},
         {"partners", static_cast<std::int64_t>(c.partners.size())},
         {"threads", static_cast<std::int64_t>(threads)}});

    net::co_spawn(context,
                  purge_replay_cache_every_minute(shared_replay ? nullptr : &memory_replay,
                                                  shared_replay.get()),
                  net::detached);
    net::co_spawn(context, purge_sessions_every_minute(**sessions), net::detached);
    net::co_spawn(context, reload_trust_on_hangup(hangups, trust), net::detached);
    net::co_spawn(context, reload_trust_when_files_change(trust), net::detached);
    delivery.start();
    if (atna) {
        atna->start();
    }
    if (c.logging.stats_interval.count() > 0) {
        net::co_spawn(context,
                      ops::log_stats_every(c.logging.stats_interval, {ncp, replay_figures}),
                      net::detached);
    }

    net::signal_set signals(context, SIGINT, SIGTERM);
    signals.async_wait([&](const boost::system::error_code& ec, int signal_number) {
        if (ec) {
            return;
        }
        logger.info("ncpeh.stopping", {{"signal", signal_number}});
        net::co_spawn(context, stop_gracefully(ops_server, national, ncp, delivery, atna.get()),
                      [&](std::exception_ptr) {
                          for (auto& each : contexts) {
                              each->stop();
                          }
                      });
    });

    // The other io_contexts have no work until connections arrive: the guards keep them running.
    std::vector<net::executor_work_guard<net::io_context::executor_type>> keep_running;
    std::vector<std::thread> pool;
    for (unsigned i = 1; i < threads; ++i) {
        keep_running.push_back(net::make_work_guard(*contexts[i]));
        pool.emplace_back([io = contexts[i].get()] { io->run(); });
    }
    context.run();
    for (std::thread& t : pool) {
        t.join();
    }
    heavy_work.join();
    if (database) {
        database->close();  // its last outcomes go to io_contexts that still exist
    }
    // The exporter goes before the audit trail: nothing may wake it any more.
    (*audit_trail)->spool_for_atna({}, {});
    logger.info("ncpeh.stopped");
    return exit_ok;
}

}  // namespace

command add_serve_command(CLI::App& app) {
    auto options = std::make_shared<serve_options>();
    CLI::App* sub = app.add_subcommand(
        "serve",
        "Run the gateway: the cross-border mutual-TLS SOAP endpoint (country A), the national "
        "API for Swedish pharmacy systems (country B, with its dispensation outbox) and the ops "
        "endpoint (/healthz, /readyz, /metrics); SIGTERM stops it gracefully, SIGHUP reloads the "
        "certificates, trust anchors and CRLs (not the configuration file)");
    sub->add_option("--config", options->config_file, "The TOML configuration file")->required();
    sub->add_option("--threads", options->threads, "I/O threads (default: one per core)");
    sub->add_option("--today", options->today,
                    "Calendar date (YYYY-MM-DD) the prescription rules use, for tests and demos "
                    "that pin the national store's date; assertions always use the real clock");
    return {sub, [options] { return run_serve(*options); }};
}

}  // namespace ncpeh::gateway::cli
