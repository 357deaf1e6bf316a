// Test that the header is self-contained.
#include "translators/sweden/identifier_oids.hpp"

#include <catch2/catch.hpp>

#include "trust/encoding/oid.hpp"

namespace sweden = ncpeh::translators::sweden;

TEST_CASE("every Swedish identifier OID is an OID") {
    for (const std::string_view oid :
         {sweden::personnummer_oid, sweden::samordningsnummer_oid, sweden::hsa_id_oid,
          sweden::hsa_id_inera_oid, sweden::organisationsnummer_oid, sweden::forskrivarkod_oid,
          sweden::arbetsplatskod_oid, sweden::gln_oid, sweden::legitimationskod_oid}) {
        INFO(oid);
        CHECK(ncpeh::trust::encoding::is_oid(oid));
    }
}
