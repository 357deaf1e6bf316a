#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "tests/support/test_files.hpp"
#include "translators/terminology/terminology.hpp"

namespace ncpeh::testing {

/// Every table of translators/terminology/data as file name → text.
inline std::map<std::string, std::string, std::less<>> terminology_files() {
    std::map<std::string, std::string, std::less<>> files;
    for (const auto& entry :
         std::filesystem::directory_iterator(source_dir() / "translators/terminology/data")) {
        if (entry.path().extension() == ".tsv") {
            files[entry.path().filename().string()] = read_file(entry.path());
        }
    }
    return files;
}

/// The project's terminology, loaded once per test program.
inline const translators::terminology::terminology& test_terminology() {
    static const translators::terminology::terminology tables =
        translators::terminology::make_terminology(terminology_files()).value();
    return tables;
}

}  // namespace ncpeh::testing
