// Test that the header is self-contained.
#include "gateway/ihe/derived_id.hpp"

#include <catch2/catch.hpp>

namespace ihe = ncpeh::gateway::ihe;

TEST_CASE("derived ids are deterministic, distinct per name and shaped as UUID v5 urns") {
    const std::string base = "urn:uuid:0b0e1f5c-1111-4a2b-8c3d-000000000003";
    const std::string a = ihe::derived_uuid_urn(base, "classCode");
    CHECK(a == ihe::derived_uuid_urn(base, "classCode"));
    CHECK(a != ihe::derived_uuid_urn(base, "typeCode"));
    CHECK(a != ihe::derived_uuid_urn("urn:uuid:0b0e1f5c-1111-4a2b-8c3d-000000000001", "classCode"));
    REQUIRE(a.size() == 45);
    CHECK(a.starts_with("urn:uuid:"));
    CHECK(a[9 + 8] == '-');
    CHECK(a[9 + 14] == '5');                                          // version nibble
    CHECK(std::string("89ab").find(a[9 + 19]) != std::string::npos);  // RFC 4122 variant
    // The separator keeps (base, name) pairs apart: "ab"+"c" differs from "a"+"bc".
    CHECK(ihe::derived_uuid_urn("ab", "c") != ihe::derived_uuid_urn("a", "bc"));
}

TEST_CASE("a UUID's OID is 2.25 and its 128 bits in decimal (ITU-T X.667's example)") {
    using ncpeh::gateway::ihe::uuid_oid;
    CHECK(uuid_oid("f81d4fae-7dec-11d0-a765-00a0c91e6bf6") ==
          "2.25.329800735698586629295641978511506172918");
    CHECK(uuid_oid("urn:uuid:F81D4FAE-7DEC-11D0-A765-00A0C91E6BF6") ==
          "2.25.329800735698586629295641978511506172918");
    CHECK(uuid_oid("00000000-0000-0000-0000-000000000000") == "2.25.0");
    CHECK(uuid_oid("00000000-0000-0000-0000-00000000000a") == "2.25.10");
}
