#include "translators/eprescription_l3/document_id.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace l3 = ncpeh::translators::eprescription_l3;

TEST_CASE("document ids read back to the prescription and level they were made from") {
    const std::string root = "2.999.752.1.2";
    for (const auto level : {l3::document_level::l3, l3::document_level::l1}) {
        const auto id = l3::document_unique_id(
            l3::eprescription_document_id(root, "5e020001-0000-4000-8000-000000000001", level));
        const auto ref = l3::parse_document_unique_id(id, root);
        REQUIRE(ref.has_value());
        CHECK(ref->prescription_id == "5e020001-0000-4000-8000-000000000001");
        CHECK(ref->level == level);
    }
}

TEST_CASE("document ids that name no prescription of ours") {
    const std::string root = "2.999.752.1.2";
    const std::string ours = root + ".9^";
    CHECK_FALSE(l3::parse_document_unique_id("2.999.1.9^abc.L3", root).has_value());
    CHECK_FALSE(l3::parse_document_unique_id(ours + "abc", root).has_value());
    CHECK_FALSE(l3::parse_document_unique_id(ours + ".L3", root).has_value());
    for (const std::string& extension : std::vector<std::string>{
             "../../Patient/x", "x' OR '1'='1", "x%2F..%2FPatient", "x&patient=190001019827",
             "x\r\nX-Injected: 1", std::string(65, '7')}) {
        INFO(extension);
        CHECK_FALSE(l3::parse_document_unique_id(ours + extension + ".L3", root).has_value());
    }
}
