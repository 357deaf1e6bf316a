// Test that the header is self-contained.
#include "translators/sweden/identifier_formats.hpp"

#include <catch2/catch.hpp>

#include "translators/sweden/check_digit.hpp"

namespace se = ncpeh::translators::sweden;

namespace {

template <class F>
std::string rule_of(F validate, std::string_view value) {
    auto r = validate(value);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == ncpeh::errc::fhir_invalid);
    return std::string(r.error().context_value("rule"));
}

}  // namespace

TEST_CASE("check-digit arithmetic") {
    CHECK(se::luhn_check_digit("800101001") == 9);
    CHECK(se::luhn_check_digit("750315123") == 0);
    CHECK(se::luhn_check_digit("12121212") == std::optional<int>(4));
    CHECK_FALSE(se::luhn_check_digit("12a").has_value());
    CHECK(se::gs1_check_digit("735004551111") == 9);
    CHECK(se::gs1_check_digit("2099010100001") == 3);
    CHECK_FALSE(se::is_all_digits(""));
}

TEST_CASE("organisationsnummer: 10 digits, Luhn") {
    CHECK(se::validate_organisationsnummer("2321000016").has_value());
    CHECK(se::validate_organisationsnummer("5560360793").has_value());
    CHECK(rule_of(se::validate_organisationsnummer, "2321000017") ==
          "organisationsnummer.check_digit");
    CHECK(rule_of(se::validate_organisationsnummer, "232100-0016") == "organisationsnummer.format");
    CHECK(rule_of(se::validate_organisationsnummer, "23210000161") == "organisationsnummer.format");
}

TEST_CASE("GLN: 13 digits, GS1 mod 10") {
    CHECK(se::validate_gln("7350045511119").has_value());
    CHECK(se::validate_gln("7350099999994").has_value());
    CHECK(rule_of(se::validate_gln, "7350045511118") == "gln.check_digit");
    CHECK(rule_of(se::validate_gln, "735004551111") == "gln.format");
    CHECK(rule_of(se::validate_gln, "73500455111X9") == "gln.format");
}

TEST_CASE("NPL-id and NPL-pack-id: 14 digits, date prefix, kind digit; check digit separate") {
    CHECK(se::validate_npl_id("20990101000013").has_value());
    CHECK(se::validate_npl_id("19990924000041").has_value());
    CHECK(se::validate_npl_pack_id("20990101100010").has_value());
    CHECK(se::validate_npl_pack_id("19990924100093").has_value());
    CHECK(se::has_npl_check_digit("20990101000013"));
    CHECK(se::has_npl_check_digit("19990924100093"));
    CHECK_FALSE(se::has_npl_check_digit("20990101000014"));
    // Format passes even with a wrong check digit: that is only a warning (§6.4).
    CHECK(se::validate_npl_id("20990101000014").has_value());
    CHECK(rule_of(se::validate_npl_id, "20990101100010") == "npl_id.kind");
    CHECK(rule_of(se::validate_npl_pack_id, "20990101000013") == "npl_pack_id.kind");
    CHECK(rule_of(se::validate_npl_id, "2099010100001") == "npl_id.format");
    CHECK(rule_of(se::validate_npl_id, "20991301000013") == "npl_id.date");
    CHECK(rule_of(se::validate_npl_pack_id, "2099010110001X") == "npl_pack_id.format");
}

TEST_CASE("HSA-id: SE + org.nr + '-' + [A-Za-z0-9]+, at most 31 characters") {
    CHECK(se::validate_hsa_id("SE2321000131-P000000123456").has_value());
    CHECK(se::validate_hsa_id("SE2321000016-abc1").has_value());
    CHECK(rule_of(se::validate_hsa_id, "SE2321000131-P0000001234567890123") == "hsa_id.length");
    CHECK(rule_of(se::validate_hsa_id, "DK2321000131-P1") == "hsa_id.format");
    CHECK(rule_of(se::validate_hsa_id, "SE232100013-P1") == "hsa_id.format");
    CHECK(rule_of(se::validate_hsa_id, "SE2321000131-") == "hsa_id.format");
    CHECK(rule_of(se::validate_hsa_id, "SE2321000131-Pö1") == "hsa_id.suffix");
    CHECK(rule_of(se::validate_hsa_id, "SE2321000131-a@b") == "hsa_id.suffix");
}

TEST_CASE("förskrivarkod: 7 digits; varunummer: 6 digits") {
    CHECK(se::validate_forskrivarkod("1234567").has_value());
    CHECK(rule_of(se::validate_forskrivarkod, "123456") == "forskrivarkod.format");
    CHECK(rule_of(se::validate_forskrivarkod, "12345678") == "forskrivarkod.format");
    CHECK(rule_of(se::validate_forskrivarkod, "12345a7") == "forskrivarkod.format");
    CHECK(se::validate_varunummer("123456").has_value());
    CHECK(rule_of(se::validate_varunummer, "12345") == "varunummer.format");
}
