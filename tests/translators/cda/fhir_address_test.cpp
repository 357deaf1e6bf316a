// Test that the header is self-contained.
#include "translators/cda/fhir_address.hpp"

#include <catch2/catch.hpp>

namespace cda = ncpeh::translators::cda;
namespace fhir = ncpeh::translators::fhir;

TEST_CASE("a FHIR address goes to CDA and back unchanged") {
    const fhir::address pharmacy{{"Storgatan 1", "Port 2"}, "111 22", "Stockholm", "SE"};
    const cda::address ad = cda::to_cda_address(pharmacy);
    CHECK(ad.street_lines == pharmacy.line);
    CHECK(ad.postal_code == "111 22");
    CHECK(ad.city == "Stockholm");
    CHECK(ad.country == "SE");
    CHECK(cda::to_fhir_address(ad) == std::optional(pharmacy));

    const fhir::address finnish{{"Mannerheimintie 1"}, "00100", "Helsinki", "FI"};
    CHECK(cda::to_fhir_address(cda::to_cda_address(finnish)) == std::optional(finnish));
}

TEST_CASE("a CDA address goes to FHIR and back unchanged") {
    cda::address ad;
    ad.street_lines = {"Aleksanterinkatu 5"};
    ad.postal_code = "00100";
    ad.city = "Helsinki";
    ad.country = "FI";
    const auto address = cda::to_fhir_address(ad);
    REQUIRE(address.has_value());
    CHECK(cda::to_cda_address(*address) == ad);
}

TEST_CASE("what the other side cannot hold") {
    // A Swedish address without a country is in Sweden; no address at all is just "SE".
    CHECK(cda::to_cda_address({{"Storgatan 1"}, "111 22", "Stockholm", ""}).country == "SE");
    cda::address only_sweden;
    only_sweden.country = "SE";
    CHECK(cda::to_cda_address({}) == only_sweden);

    // The post box becomes one more line; state, use and nullFlavor are left out.
    cda::address ad;
    ad.street_lines = {"Rue 1"};
    ad.post_box = "BP 12";
    ad.state = "Bretagne";
    ad.use = "WP";
    ad.country = "FR";
    const fhir::address expected{{"Rue 1", "BP 12"}, "", "", "FR"};
    CHECK(cda::to_fhir_address(ad) == std::optional(expected));

    cda::address unknown;
    unknown.null_flavor = "UNK";
    CHECK_FALSE(cda::to_fhir_address(unknown).has_value());
}
