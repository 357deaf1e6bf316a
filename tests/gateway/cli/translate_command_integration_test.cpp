// Runs `ncpeh translate` as a user would (architecture.md "Interfaces").
#include <catch2/catch.hpp>

#include "tests/support/peer_samples.hpp"
#include "tests/support/process.hpp"
#include "tests/support/test_files.hpp"

using ncpeh::testing::run_command;

namespace {

const std::string ncpeh_bin = NCPEH_EXECUTABLE;
const std::string terminology =
    (ncpeh::testing::source_dir() / "translators/terminology/data").string();
const std::string bundle =
    (ncpeh::testing::source_dir() /
     "tests/translators/eprescription_l3/golden/amlodipin-tablett.bundle.json")
        .string();
const std::string polish_ed = (ncpeh::testing::shared_dir() /
                               "samples/ehdsi/cda/edispensation/plrequest1-for-dk-prescription.xml")
                                  .string();
const std::string finnish_ep =
    (ncpeh::testing::shared_dir() / "samples/ehdsi/cda/eprescription/fi-w7-single-ingredient.xml")
        .string();
const std::string own_ep =
    (ncpeh::testing::source_dir() /
     "tests/translators/eprescription_l3/golden/insulin-penna-utbyte-ej.l3.xml")
        .string();
const std::string own_ed = (ncpeh::testing::request_bodies_dir() / "edispensation.xml").string();
const std::string products =
    (ncpeh::testing::source_dir() / "samples/national-store/seed/products.json").string();
const std::string dispense =
    (ncpeh::testing::source_dir() /
     "tests/translators/sweden_dispense_to_edispensation/golden/lantus-dispense.json")
        .string();

}  // namespace

TEST_CASE("ncpeh translate --to ehdsi-ep-l3 writes the pivot CDA to standard output or --out") {
    const auto r = run_command({ncpeh_bin, "translate", "--to", "ehdsi-ep-l3", bundle,
                                "--terminology", terminology, "--now", "20250304100000+0100"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ClinicalDocument"));
    CHECK(r.out.find(R"(<templateId root="1.3.6.1.4.1.12559.11.10.1.3.1.1.1"/>)") !=
          std::string::npos);
    CHECK(r.out.find(R"(extension="0b7d5c3e-2222-4e2b-8a2f-000000000002.L3")") !=
          std::string::npos);

    ncpeh::testing::temp_dir dir;
    const auto out = dir.path() / "l1.xml";
    const auto l1 = run_command({ncpeh_bin, "translate", "--to", "ehdsi-ep-l1", bundle,
                                 "--terminology", terminology, "--out", out.string()});
    INFO(l1.err);
    REQUIRE(l1.exit_code == 0);
    const std::string written = ncpeh::testing::read_file(out);
    CHECK(written.find(R"(<templateId root="1.3.6.1.4.1.12559.11.10.1.3.1.1.6"/>)") !=
          std::string::npos);
    CHECK(written.find(R"(mediaType="application/pdf" representation="B64">JVBERi0x)") !=
          std::string::npos);
}

TEST_CASE("ncpeh translate: se-view, ehdsi-ed and nll-dispense on the project's own documents") {
    const auto view =
        run_command({ncpeh_bin, "translate", "--to", "se-view", own_ep, "--products", products,
                     "--today", "2026-11-23", "--terminology", terminology});
    INFO(view.err);
    REQUIRE(view.exit_code == 0);
    CHECK(view.out.find(R"("resourceType":"MedicationRequest")") != std::string::npos);
    CHECK(view.out.find(R"("code":"substitution-not-allowed")") != std::string::npos);

    const auto ed =
        run_command({ncpeh_bin, "translate", "--to", "ehdsi-ed", dispense, "--prescription", own_ep,
                     "--now", "20261123141500+0100", "--terminology", terminology});
    INFO(ed.err);
    REQUIRE(ed.exit_code == 0);
    CHECK(
        ed.out.find(
            R"(<order classCode="ACT" moodCode="RQO"><id root="2.999.752.1.2" extension="0b7d5c3e-2222-4e2b-8a2f-000000000004"/>)") !=
        std::string::npos);

    const auto dispensed = run_command({ncpeh_bin, "translate", "--to", "nll-dispense", own_ed});
    INFO(dispensed.err);
    REQUIRE(dispensed.exit_code == 0);
    CHECK(dispensed.out.find(R"("whenHandedOver":"2026-11-23T13:05:00+02:00")") !=
          std::string::npos);
    const auto discard =
        run_command({ncpeh_bin, "translate", "--to", "nll-dispense", own_ed, "--discard"});
    CHECK(discard.out.find(R"("status":"entered-in-error")") != std::string::npos);
    // An eDispensation is not an ePrescription: an eHDSI error, exit 1.
    const auto wrong = run_command({ncpeh_bin, "translate", "--to", "se-view", own_ed});
    CHECK(wrong.exit_code == 1);
    CHECK(wrong.err.find("element=ClinicalDocument/code") != std::string::npos);
}

TEST_CASE("ncpeh translate --to nll-dispense turns an eDispensation into a MedicationDispense") {
    if (ncpeh::testing::skip_without_peer_samples()) {
        return;
    }
    const auto r = run_command({ncpeh_bin, "translate", "--to", "nll-dispense", polish_ed});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find(R"("resourceType":"MedicationDispense")") != std::string::npos);
    CHECK(r.out.find(R"("whenHandedOver":"2025-04-04T12:21:29+01:00")") != std::string::npos);
    const auto discard =
        run_command({ncpeh_bin, "translate", "--to", "nll-dispense", polish_ed, "--discard"});
    CHECK(discard.exit_code == 0);
    CHECK(discard.out.find(R"("status":"entered-in-error")") != std::string::npos);
    // Our own prescription root: the Danish prescription this eD names is not Swedish.
    const auto foreign = run_command({ncpeh_bin, "translate", "--to", "nll-dispense", polish_ed,
                                      "--prescription-root", "2.999.752.1.2"});
    CHECK(foreign.exit_code == 1);
    CHECK(foreign.err.find("(4105)") != std::string::npos);
}

TEST_CASE("ncpeh translate reports unmappable codes and bad files") {
    ncpeh::testing::temp_dir dir;
    std::string text = ncpeh::testing::read_file(bundle);
    text.replace(text.find("\"Tablett\""), 9, "\"Munhålepasta\"");
    const auto unmappable = dir.write("unmappable.json", text);
    const auto r = run_command({ncpeh_bin, "translate", "--to", "ehdsi-ep-l3", unmappable.string(),
                                "--terminology", terminology});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("ERROR_EP_MISSING_EXPECTED_MAPPING") != std::string::npos);
    const auto warned =
        run_command({ncpeh_bin, "translate", "--to", "ehdsi-ep-l3", unmappable.string(),
                     "--terminology", terminology, "--policy", "warning"});
    CHECK(warned.exit_code == 0);
    CHECK(warned.err.find("WARNING_EP_MISSING_EXPECTED_MAPPING") != std::string::npos);

    CHECK(run_command({ncpeh_bin, "translate", "--to", "ehdsi-ep-l3", "/nonexistent.json"})
              .exit_code == 2);
    const auto broken = dir.write("broken.xml", "<ClinicalDocument");
    CHECK(
        run_command({ncpeh_bin, "translate", "--to", "nll-dispense", broken.string()}).exit_code ==
        1);
}

TEST_CASE("ncpeh translate --to se-view shows a foreign ePrescription in Swedish") {
    if (ncpeh::testing::skip_without_peer_samples()) {
        return;
    }
    const auto r = run_command({ncpeh_bin, "translate", "--to", "se-view", finnish_ep, "--products",
                                products, "--today", "2026-11-23", "--terminology", terminology});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find(R"("resourceType":"MedicationRequest")") != std::string::npos);
    CHECK(r.out.find(R"("text":"Injektionsvätska, lösning i förfylld spruta")") !=
          std::string::npos);
    CHECK(r.out.find(R"("code":"substitution-not-allowed")") != std::string::npos);
    // The Swedish insulin glargine pen is listed as a candidate.
    CHECK(r.out.find(R"("id":"20990105100016")") != std::string::npos);
    CHECK(r.err.find("warning: substitution-not-allowed") != std::string::npos);
    // An eDispensation is not an ePrescription: an eHDSI error, exit 1.
    const auto wrong = run_command({ncpeh_bin, "translate", "--to", "se-view", polish_ed});
    CHECK(wrong.exit_code == 1);
    CHECK(wrong.err.find("ERROR_EP_GENERIC") != std::string::npos);
    CHECK(wrong.err.find("element=ClinicalDocument/code") != std::string::npos);
    CHECK(run_command({ncpeh_bin, "translate", "--to", "se-view", "/nonexistent.xml"}).exit_code ==
          2);
}

TEST_CASE("ncpeh translate --to ehdsi-ed writes the eDispensation of a Swedish dispensation") {
    if (ncpeh::testing::skip_without_peer_samples()) {
        return;
    }
    const auto r =
        run_command({ncpeh_bin, "translate", "--to", "ehdsi-ed", dispense, "--prescription",
                     finnish_ep, "--now", "20261123141500+0100", "--terminology", terminology});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find(R"(<templateId root="1.3.6.1.4.1.12559.11.10.1.3.1.1.2"/>)") !=
          std::string::npos);
    CHECK(
        r.out.find(
            R"(<order classCode="ACT" moodCode="RQO"><id root="2.16.17.710.850.1000.990.1" extension="3000.1"/>)") !=
        std::string::npos);
    const auto discard =
        run_command({ncpeh_bin, "translate", "--to", "ehdsi-ed", dispense, "--prescription",
                     finnish_ep, "--discard", "--terminology", terminology});
    CHECK(discard.exit_code == 0);
    CHECK(discard.out.find(R"(extension="-DISCARD")") != std::string::npos);
    // Without the prescription: unusable command line.
    CHECK(run_command({ncpeh_bin, "translate", "--to", "ehdsi-ed", dispense}).exit_code == 2);
    // A substitution the Finnish prescription forbids: the eHDSI error, exit 1.
    ncpeh::testing::temp_dir dir;
    std::string text = ncpeh::testing::read_file(dispense);
    text.replace(text.find(R"("wasSubstituted": false)"), 23, R"("wasSubstituted": true )");
    const auto substituted = dir.write("substituted.json", text);
    const auto refused =
        run_command({ncpeh_bin, "translate", "--to", "ehdsi-ed", substituted.string(),
                     "--prescription", finnish_ep, "--terminology", terminology});
    CHECK(refused.exit_code == 1);
    CHECK(refused.err.find("ERROR_ED_SUBSTITUTION_INFORMATION_NOT_ALLOWED") != std::string::npos);
}
