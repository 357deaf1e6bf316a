#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <chrono>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "gateway/cli/command.hpp"
#include "gateway/ihe/transaction.hpp"
#include "trust/files/read_whole_file.hpp"
#include "trust/saml/verify_assertions.hpp"
#include "trust/x509/trust_store.hpp"
#include "trust/xml/date_time.hpp"
#include "trust/xml/document.hpp"
#include "trust/xml/namespaces.hpp"
#include "trust/xml/navigate.hpp"

// `ncpeh verify-assertions FILE --trust CA.pem [--at TIME] [--transaction NAME]`: runs the
// gateway's assertion checks offline on a captured SOAP header or envelope and prints one JSON
// verdict with an entry per assertion. Exit 0 only when every assertion is valid for the
// transaction, 1 when any is not, 2 when the input is unusable.

namespace ncpeh::gateway::cli {

namespace {

namespace saml = ncpeh::trust::saml;

struct verify_options {
    std::string file;
    std::string trust;
    std::string at;
    std::string transaction;
};

boost::json::value error_json(const error* e) {
    if (e == nullptr) {
        return nullptr;
    }
    boost::json::object context;
    for (const auto& entry : e->context) {
        context[entry.key] = entry.value;
    }
    return boost::json::object{{"code", name_of(e->code)},
                               {"ehdsi_code", ehdsi_code(e->code)},
                               {"message", e->message},
                               {"context", std::move(context)}};
}

boost::json::object verdict_json(const saml::assertion_verdict& verdict) {
    boost::json::object chain;
    if (verdict.chain) {
        chain = {{"valid", true},
                 {"subject", verdict.chain->subject},
                 {"issuer", verdict.chain->issuer},
                 {"country", verdict.chain->country},
                 {"not_after", trust::xml::format_date_time(
                                   std::chrono::time_point_cast<std::chrono::milliseconds>(
                                       verdict.chain->not_after))},
                 {"revocation", trust::x509::name_of(verdict.chain->revocation)}};
    } else {
        chain = {{"valid", false}};
    }
    const error* signature = verdict.parse_error       ? &*verdict.parse_error
                             : verdict.signature_error ? &*verdict.signature_error
                                                       : nullptr;
    boost::json::object policy{
        {"checked", verdict.policy_checked},
        {"valid", verdict.policy_checked && !verdict.policy_error},
        {"error", error_json(verdict.policy_error ? &*verdict.policy_error : nullptr)}};
    const error* decisive = verdict.first_error();
    return boost::json::object{
        {"kind", verdict.kind ? saml::name_of(*verdict.kind) : "unknown"},
        {"id", verdict.id},
        {"valid", verdict.is_valid()},
        {"signature", boost::json::object{{"valid", signature == nullptr && verdict.chain},
                                          {"error", error_json(signature)}}},
        {"chain", std::move(chain)},
        {"policy", std::move(policy)},
        {"country_binding", verdict.country_checked ? "checked" : "not checked (no TLS peer)"},
        {"error_code", decisive == nullptr ? boost::json::value(nullptr)
                                           : boost::json::value(ehdsi_code(decisive->code))},
    };
}

// The transaction from the header's wsa:Action when --transaction is not given.
std::optional<saml::transaction> transaction_from_action(const std::string& message) {
    auto parsed = trust::xml::parse_document(message);
    if (!parsed) {
        return std::nullopt;
    }
    const trust::xml::document doc = std::move(parsed).value();
    namespace ns = trust::xml::ns;
    const xmlNode* header = &doc.root();
    if (trust::xml::is_element(*header, ns::soap12, "Envelope")) {
        header = trust::xml::first_child(*header, ns::soap12, "Header");
    }
    const xmlNode* action =
        header == nullptr ? nullptr : trust::xml::first_child(*header, ns::wsa, "Action");
    if (action == nullptr) {
        return std::nullopt;
    }
    const auto tx = ihe::transaction_of_action(trust::xml::trimmed_text_of(*action));
    if (!tx) {
        return std::nullopt;
    }
    return ihe::assertion_policy_of(*tx);  // a discard needs --transaction xdr-discard
}

int unusable(const std::string& message) {
    std::cerr << "ncpeh verify-assertions: " << message << '\n';
    return exit_unusable;
}

int run_verify_assertions(const verify_options& options) {
    const auto message = trust::files::read_whole_file(options.file);
    if (!message) {
        return unusable(message.error().message);
    }
    auto store = trust::x509::trust_store::load(trust::x509::store_kind::assertion_signatures,
                                                options.trust);
    if (!store) {
        return unusable(store.error().describe());
    }
    std::chrono::system_clock::time_point at = std::chrono::system_clock::now();
    if (!options.at.empty()) {
        auto parsed = trust::xml::parse_date_time(options.at);
        if (!parsed) {
            return unusable(parsed.error().describe());
        }
        at = *parsed;
    }
    std::optional<saml::transaction> tx = options.transaction.empty()
                                              ? transaction_from_action(*message)
                                              : saml::parse_transaction(options.transaction);
    if (!tx) {
        return unusable("cannot tell the transaction from wsa:Action; pass --transaction");
    }
    const saml::policy_context context{*tx, at, std::nullopt};
    const saml::assertions_report report =
        saml::check_assertions(*message, *store, context, nullptr);
    if (report.message_error && report.assertions.empty()) {
        const errc code = report.message_error->code;
        const bool unparseable = code == errc::xml_malformed || code == errc::xml_too_large ||
                                 code == errc::xml_too_deep || code == errc::xml_too_complex ||
                                 code == errc::xml_invalid_encoding ||
                                 code == errc::xml_missing_element;
        if (unparseable) {
            return unusable(report.message_error->describe());
        }
    }
    boost::json::array assertions;
    for (const auto& verdict : report.assertions) {
        assertions.push_back(verdict_json(verdict));
    }
    const error decisive = report.first_error();
    std::cout << boost::json::serialize(boost::json::object{
                     {"file", options.file},
                     {"transaction", saml::name_of(*tx)},
                     {"at", trust::xml::format_date_time(
                                std::chrono::time_point_cast<std::chrono::milliseconds>(at))},
                     {"valid", report.is_valid()},
                     {"message_error",
                      error_json(report.message_error ? &*report.message_error : nullptr)},
                     {"error_code",
                      report.is_valid() ? boost::json::value(nullptr)
                                        : boost::json::value(ehdsi_code(decisive.code))},
                     {"assertions", std::move(assertions)},
                 })
              << '\n';
    return report.is_valid() ? exit_ok : exit_failed;
}

}  // namespace

command add_verify_assertions_command(CLI::App& app) {
    auto options = std::make_shared<verify_options>();
    CLI::App* sub = app.add_subcommand(
        "verify-assertions",
        "Verify the SAML assertions of a SOAP header or envelope: signature binding, signer "
        "chain, eHDSI policy.\nExit status: 0 all valid, 1 any invalid, 2 unusable input.");
    sub->add_option("FILE", options->file, "SOAP header or envelope")->required();
    sub->add_option("--trust", options->trust, "PEM file of trusted signer anchors")->required();
    sub->add_option("--at", options->at, "Verification time (RFC 3339), default now");
    sub->add_option("--transaction", options->transaction,
                    "xcpd, xca-list, xca-retrieve, xdr-dispense, xdr-discard (default: from "
                    "wsa:Action)")
        ->check(CLI::IsMember({"xcpd", "xca-list", "xca-retrieve", "xdr-dispense", "xdr-discard"}));
    return {sub, [options] { return run_verify_assertions(*options); }};
}

}  // namespace ncpeh::gateway::cli
