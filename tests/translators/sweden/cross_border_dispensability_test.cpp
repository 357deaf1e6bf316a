#include "translators/sweden/cross_border_dispensability.hpp"

#include <catch2/catch.hpp>

namespace sweden = ncpeh::translators::sweden;
using enum sweden::cross_border_refusal;
using sweden::patient_visibility;
using sweden::visibility_of;

TEST_CASE("a patient without refusals is visible; one only without consent is told so") {
    CHECK(visibility_of({}) == patient_visibility::visible);
    CHECK(visibility_of({no_consent}) == patient_visibility::no_consent);
}

TEST_CASE("a patient who must stay hidden looks unknown, with or without consent") {
    CHECK(visibility_of({protected_identity}) == patient_visibility::hidden);
    CHECK(visibility_of({protected_identity, no_consent}) == patient_visibility::hidden);
    CHECK(visibility_of({no_personnummer}) == patient_visibility::hidden);
    CHECK(visibility_of({no_personnummer, protected_identity, no_consent}) ==
          patient_visibility::hidden);
}
