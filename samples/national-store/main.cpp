#include <CLI/CLI.hpp>

#include <iostream>
#include <string>

// The reference national prescription store. Its command line is fixed by architecture.md; the
// server itself lands with issue #3.
int main(int argc, char** argv) {
    CLI::App app{"national-store — reference NLL-style national prescription store",
                 "national-store"};
    std::string db;
    std::string seed;
    std::string listen = "127.0.0.1:8090";
    app.add_option("--db", db, "SQLite database file")->required();
    app.add_option("--seed", seed, "Folder of seed FHIR resources loaded into an empty database");
    app.add_option("--listen", listen, "HOST:PORT to listen on (port 0 picks a free port)");
    CLI11_PARSE(app, argc, argv);
    std::cerr << "national-store: not available yet (the store comes with issue #3)\n";
    return 2;
}
