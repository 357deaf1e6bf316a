#include "samples/foreign-ncp/served_documents.hpp"

#include <catch2/catch.hpp>

#include <fstream>

#include "samples/foreign-ncp/received_dispensations.hpp"
#include "tests/support/test_files.hpp"

namespace fncp = ncpeh::samples::foreign_ncp;

namespace {

const ncpeh::gateway::ihe::patient_id testi{"2.999.246.10.1", "010170-902L"};
const ncpeh::gateway::ihe::patient_id matti{"2.999.246.10.1", "150585-9133"};
const ncpeh::gateway::ihe::patient_id maija{"2.999.246.10.1", "120301A9247"};

std::filesystem::path finland_dir() {
    return ncpeh::testing::source_dir() / "samples/foreign-ncp/finland";
}

}  // namespace

TEST_CASE("served_documents reads the Finnish fixtures and their patients", "[foreign-ncp]") {
    std::vector<std::string> notes;
    const auto served = fncp::served_documents::load({finland_dir()}, notes);
    CHECK(notes.empty());
    REQUIRE(served.prescriptions().size() == 4);

    const auto* patient = served.find_patient(testi);
    REQUIRE(patient != nullptr);
    CHECK(patient->name.family == "Esimerkki");
    CHECK(patient->name.given == std::vector<std::string>{"Testi"});
    CHECK(patient->gender.code == "F");
    CHECK(patient->birth_time == "19700101");
    CHECK(patient->addr.city == "Helsinki");
    CHECK(served.find_patient(maija) != nullptr);
    CHECK(served.find_patient({"2.999.246.10.1", "010101-999X"}) == nullptr);
    CHECK(served.find_patient({"2.999.246.10.9", "010170-902L"}) == nullptr);

    const auto testis = served.prescriptions_of(testi);
    REQUIRE(testis.size() == 2);
    CHECK(testis[0]->unique_id == "2.999.246.10.2^FI-EP-0002");  // files in name order
    CHECK(testis[1]->unique_id == "2.999.246.10.2^FI-EP-0001");
    CHECK(testis[1]->document.item.product.atc.code == "A10BA02");
    CHECK(testis[1]->content ==
          ncpeh::testing::read_file(finland_dir() / "testi-esimerkki-metformiini.xml"));

    // Each document's L1 rendering: the project's PDF in an L1 CDA under its own id.
    CHECK(testis[1]->l1_unique_id == "2.999.246.10.2^FI-EP-0001.L1");
    CHECK(testis[1]->content_of("2.999.246.10.2^FI-EP-0001") == &testis[1]->content);
    CHECK(testis[1]->content_of("2.999.246.10.2^FI-EP-0001.L1") == &testis[1]->l1_content);
    CHECK(testis[1]->content_of("2.999.246.10.2^FI-EP-0002") == nullptr);
    CHECK(testis[1]->l1_content.find("<nonXMLBody classCode=\"DOCBODY\"") != std::string::npos);
    CHECK(testis[1]->l1_content.find("extension=\"FI-EP-0001.L1\"") != std::string::npos);
    CHECK(served.find_document(testi, "2.999.246.10.2^FI-EP-0001.L1") == testis[1]);
    CHECK(served.find_document(matti, "2.999.246.10.2^FI-EP-0001.L1") == nullptr);
    CHECK(fncp::l1_id_of({"2.999.246.10.2", "", ""}).extension == "L1");

    CHECK(served.find_document(testi, "2.999.246.10.2^FI-EP-0001") != nullptr);
    CHECK(served.find_document(matti, "2.999.246.10.2^FI-EP-0001") == nullptr);
    CHECK(served.find_prescription(matti, {"2.999.246.10.3", "FI-RX-0003", ""}) != nullptr);
    CHECK(served.find_prescription(testi, {"2.999.246.10.3", "FI-RX-0003", ""}) == nullptr);
    CHECK(served.find_prescription(testi, {"2.999.246.10.3", "FI-RX-9999", ""}) == nullptr);
}

TEST_CASE("served_documents skips what it cannot serve", "[foreign-ncp]") {
    ncpeh::testing::temp_dir dir;
    dir.write("note.xml", "<not-a-cda/>");
    dir.write("readme.txt", "ignored");
    std::vector<std::string> notes;
    CHECK_THROWS(fncp::served_documents::load({dir.path()}, notes));
    REQUIRE(notes.size() == 1);
    CHECK(notes[0].starts_with("note.xml is not served"));
    CHECK_THROWS(fncp::served_documents::load({dir.path() / "missing"}, notes));

    // The same document twice for one patient is served once.
    const auto metformin =
        ncpeh::testing::read_file(finland_dir() / "testi-esimerkki-metformiini.xml");
    dir.write("a.xml", metformin);
    dir.write("b.xml", metformin);
    notes.clear();
    const auto served = fncp::served_documents::load({dir.path()}, notes);
    CHECK(served.prescriptions().size() == 1);
    CHECK(notes.size() == 2);
}

TEST_CASE("received_dispensations keeps one file per eD id and one line per submission",
          "[foreign-ncp]") {
    ncpeh::testing::temp_dir dir;
    const auto folder = dir.path() / "received";
    {
        fncp::received_dispensations received(folder);
        CHECK_FALSE(received.has_dispensation("2.999.246.1.5.9^1.eD"));
        CHECK(received.record({false, "2.999.246.1.5.9^1.eD", "2.999.246.10.3^FI-RX-0001",
                               "010170-902L^^^&2.999.246.10.1&ISO", "<first/>"}) == 1);
        CHECK(received.record({false, "2.999.246.1.5.9^1.eD", "2.999.246.10.3^FI-RX-0001",
                               "010170-902L^^^&2.999.246.10.1&ISO", "<second/>"}) == 2);
        CHECK(received.has_dispensation("2.999.246.1.5.9^1.eD"));
        CHECK(received.record({true, "2.999.246.1.5.9^1.eD", "2.999.246.10.3^FI-RX-0001",
                               "010170-902L^^^&2.999.246.10.1&ISO", "<discard/>"}) == 3);
    }
    CHECK(ncpeh::testing::read_file(folder / "2.999.246.1.5.9_1.eD.xml") == "<second/>");
    CHECK(ncpeh::testing::read_file(folder / "2.999.246.1.5.9_1.eD.discard.xml") == "<discard/>");
    const auto log = ncpeh::testing::read_file(folder / "received.jsonl");
    CHECK(log.find(R"("kind":"dispensation","document_id":"2.999.246.1.5.9^1.eD")") !=
          std::string::npos);
    CHECK(log.find(R"("kind":"discard")") != std::string::npos);
    CHECK(log.find(R"("count":3)") != std::string::npos);

    // A restart continues the count and remembers what the folder holds.
    fncp::received_dispensations again(folder);
    CHECK(again.has_dispensation("2.999.246.1.5.9^1.eD"));
    CHECK(again.record({false, "../evil/2", "p", "x", "<x/>"}) == 4);
    CHECK(std::filesystem::exists(folder / "_.._evil_2.xml"));
}
