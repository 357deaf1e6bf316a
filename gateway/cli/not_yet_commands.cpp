#include <iostream>
#include <memory>
#include <string>

#include "gateway/cli/command.hpp"

// Subcommands whose interface is fixed (architecture.md) but whose work lands with later
// issues. They parse their arguments fully, then say so and exit 2. Each lambda captures the
// option storage because CLI11 writes into it after this function has returned.

namespace ncpeh::gateway::cli {

namespace {

int not_available(std::string_view name, std::string_view issue) {
    std::cerr << "ncpeh " << name << ": not available yet (" << issue << ")\n";
    return exit_unusable;
}

}  // namespace

command add_serve_command(CLI::App& app) {
    auto file = std::make_shared<std::string>();
    CLI::App* sub = app.add_subcommand("serve", "Run the gateway");
    sub->add_option("--config", *file, "The TOML configuration file")->required();
    return {sub,
            [file] { return not_available("serve", "the gateway server comes with issue #7"); }};
}

command add_verify_assertions_command(CLI::App& app) {
    struct options {
        std::string file;
        std::string trust;
        std::string at;
        std::string transaction;
    };
    auto opts = std::make_shared<options>();
    CLI::App* sub = app.add_subcommand("verify-assertions",
                                       "Verify the SAML assertions of a SOAP header or envelope");
    sub->add_option("FILE", opts->file, "SOAP header or envelope")->required();
    sub->add_option("--trust", opts->trust, "PEM file of trusted signer anchors")->required();
    sub->add_option("--at", opts->at, "Verification time (RFC 3339), default now");
    sub->add_option("--transaction", opts->transaction,
                    "xcpd, xca-list, xca-retrieve, xdr-dispense, xdr-discard")
        ->check(CLI::IsMember({"xcpd", "xca-list", "xca-retrieve", "xdr-dispense", "xdr-discard"}));
    return {sub,
            [opts] { return not_available("verify-assertions", "trust comes with issue #6"); }};
}

}  // namespace ncpeh::gateway::cli
