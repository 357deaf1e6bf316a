// Test that the header is self-contained.
#include "translators/terminology/terminology.hpp"

#include <catch2/catch.hpp>

#include "tests/translators/load_test_terminology.hpp"
#include "translators/terminology/normalize_term.hpp"
#include "translators/terminology/transcode.hpp"

namespace term = ncpeh::translators::terminology;
using ncpeh::errc;

TEST_CASE("the shipped tables load with their MVC versions and OIDs") {
    const term::terminology& tables = ncpeh::testing::test_terminology();
    const term::value_set* forms = tables.find_value_set("eHDSIDoseForm");
    REQUIRE(forms != nullptr);
    CHECK(forms->version() == "8.1.0");
    CHECK(forms->oid() == "1.3.6.1.4.1.12559.11.10.1.3.1.42.2");
    const term::coded_concept* tablet = forms->find("10221000");
    REQUIRE(tablet != nullptr);
    CHECK(tablet->display == "Film-coated tablet");
    CHECK(tablet->code_system == "0.4.0.127.0.16.1.1.2.1");
    CHECK(tablet->code_system_name == "EDQM");
    CHECK(forms->find("99999999") == nullptr);
    // Membership needs the code system too (the old epSOS OID for EDQM is not the value set's).
    CHECK(forms->contains("10221000", "0.4.0.127.0.16.1.1.2.1"));
    CHECK_FALSE(forms->contains("10221000", "1.3.6.1.4.1.12559.11.10.1.3.1.44.1"));
    CHECK_FALSE(
        tables.find_value_set("eHDSIPackage")->contains("10221000", "0.4.0.127.0.16.1.1.2.1"));
    const term::value_set* atc = tables.find_value_set("eHDSIActiveIngredient");
    REQUIRE(atc != nullptr);
    REQUIRE(atc->find("C08CA01") != nullptr);
    CHECK(atc->find("C08CA01")->code_system == "2.16.840.1.113883.6.73");
    // eHDSIPackage 30034000 has a trailing space in its system URI in the MVC export.
    REQUIRE(tables.find_value_set("eHDSIPackage")->find("30034000") != nullptr);
    CHECK(tables.find_value_set("eHDSIPackage")->find("30034000")->code_system ==
          "0.4.0.127.0.16.1.1.2.1");
}

TEST_CASE("Swedish terms transcode to eHDSI codes and keep the Swedish original") {
    const term::terminology& tables = ncpeh::testing::test_terminology();
    auto form =
        term::transcode_swedish(tables, term::term_kind::dose_form, "Filmdragerad  TABLETT");
    REQUIRE(form.has_value());
    CHECK(form->pivot.code == "10221000");
    CHECK(form->pivot.display == "Film-coated tablet");
    CHECK(form->original.display == "Filmdragerad  TABLETT");
    CHECK(form->original.code == "FITA");
    CHECK(form->original.code_system == "2.999.752.1.3.1");

    auto route = term::transcode_swedish(tables, term::term_kind::route, "",
                                         "2.16.840.1.113883.6.96", "26643006");
    REQUIRE(route.has_value());
    CHECK(route->pivot.code == "20053000");
    CHECK(route->original.code_system_name == "SNOMED CT");

    auto unit = term::transcode_swedish(tables, term::term_kind::unit, "ml");
    REQUIRE(unit.has_value());
    CHECK(unit->pivot.code == "mL");
    auto role = term::transcode_swedish(tables, term::term_kind::profession, "LK");
    REQUIRE(role.has_value());
    CHECK(role->pivot.code == "221");
    CHECK(role->pivot.display == "Medical doctors");
    auto package = term::transcode_swedish(tables, term::term_kind::package, "Ögondroppsflaska");
    REQUIRE_FALSE(package.has_value());
}

TEST_CASE("an unmappable term is ERROR_EP_MISSING_EXPECTED_MAPPING naming kind and term") {
    const term::terminology& tables = ncpeh::testing::test_terminology();
    auto form = term::transcode_swedish(tables, term::term_kind::dose_form, "munhålepasta");
    REQUIRE_FALSE(form.has_value());
    CHECK(form.error().code == errc::ep_missing_expected_mapping);
    CHECK(ncpeh::ehdsi_code(form.error().code) == "ERROR_EP_MISSING_EXPECTED_MAPPING");
    CHECK(form.error().context_value("kind") == "dose_form");
    CHECK(form.error().context_value("term") == "munhålepasta");
}

TEST_CASE("Swedish displays exist for the codes the translators use") {
    const term::terminology& tables = ncpeh::testing::test_terminology();
    CHECK(tables.to_swedish.find("eHDSIDoseForm", "10221000") == "Filmdragerad tablett");
    CHECK(tables.to_swedish.find("eHDSISubstitutionCode", "N") == "Utbyte ej tillåtet");
    CHECK(tables.to_swedish.find("eHDSIHealthcareProfessionalRole", "2262") == "Apotekare");
    CHECK(tables.to_swedish.find("eHDSIDoseForm", "12345").empty());
}

TEST_CASE("normalize_term folds case, Swedish letters and white space") {
    CHECK(term::normalize_term("  Ögondroppar,   LÖSNING ") == "ögondroppar, lösning");
    CHECK(term::normalize_term("ÅÄÖÉ") == "åäöé");
    CHECK(term::normalize_term("") == "");
}

TEST_CASE("broken tables are rejected with file and line") {
    auto files = ncpeh::testing::terminology_files();
    SECTION("a mapping to a code the value set does not have") {
        files["se-to-ehdsi.tsv"] +=
            "dose_form\tpåhittad form\teHDSIDoseForm\t00000000\t2.999.752.1.3.1\tX\n";
        auto tables = term::make_terminology(files);
        REQUIRE_FALSE(tables.has_value());
        CHECK(tables.error().code == errc::config_invalid);
        CHECK(tables.error().context_value("file") == "se-to-ehdsi.tsv");
        CHECK_FALSE(tables.error().context_value("line").empty());
    }
    SECTION("a value set without its source line") {
        files["eHDSIUnit.tsv"] = "system\tcode\tdisplay\n";
        auto tables = term::make_terminology(files);
        REQUIRE_FALSE(tables.has_value());
        CHECK(tables.error().context_value("file") == "eHDSIUnit.tsv");
        CHECK(tables.error().context_value("line") == "1");
    }
    SECTION("a row with a missing cell") {
        files["ehdsi-to-sv.tsv"] += "eHDSIDoseForm\t10219000\n";
        auto tables = term::make_terminology(files);
        REQUIRE_FALSE(tables.has_value());
        CHECK(tables.error().context_value("file") == "ehdsi-to-sv.tsv");
    }
    SECTION("a missing file") {
        files.erase("code-systems.tsv");
        auto tables = term::make_terminology(files);
        REQUIRE_FALSE(tables.has_value());
        CHECK(tables.error().context_value("file") == "code-systems.tsv");
    }
}
