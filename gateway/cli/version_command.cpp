#include <libxml/xmlversion.h>
#include <openssl/opensslv.h>
#include <xmlsec/version.h>

#include <boost/version.hpp>

#include <iostream>

#include "gateway/cli/command.hpp"
#include "gateway/version.hpp"

namespace ncpeh::gateway::cli {

command add_version_command(CLI::App& app) {
    CLI::App* sub = app.add_subcommand("version", "Print the version of ncpeh and its libraries");
    return {sub, [] {
                std::cout << "ncpeh " << version << "\n"
                          << "  libxml2 " << LIBXML_DOTTED_VERSION << "\n"
                          << "  xmlsec1 " << XMLSEC_VERSION << " (OpenSSL backend)\n"
                          << "  " << OPENSSL_VERSION_TEXT << "\n"
                          << "  Boost " << BOOST_VERSION / 100000 << "."
                          << BOOST_VERSION / 100 % 1000 << "." << BOOST_VERSION % 100 << "\n";
                return static_cast<int>(exit_ok);
            }};
}

}  // namespace ncpeh::gateway::cli
