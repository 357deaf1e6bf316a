#pragma once

#include <string_view>

// The seed patients and prescriptions the country-A tests use
// (samples/national-store/seed/README.md).
namespace ncpeh::testing::seed {

inline constexpr std::string_view tolvan = "191212121212";   // consent, several prescriptions
inline constexpr std::string_view testa = "190001019827";    // consent, an expired prescription
inline constexpr std::string_view fiktiva = "190505059840";  // a slutexpedierad prescription
inline constexpr std::string_view hemlig = "190202029864";   // protected identity
inline constexpr std::string_view utan = "190303039937";     // no cross-border consent
inline constexpr std::string_view unknown = "190101019982";  // valid, not in the store

inline constexpr std::string_view metformin = "5e020001-0000-4000-8000-000000000001";  // Tolvan
inline constexpr std::string_view amoxicillin = "5e020002-0000-4000-8000-000000000002";
inline constexpr std::string_view diklofenak = "5e020003-0000-4000-8000-000000000003";
inline constexpr std::string_view amlodipin = "5e020004-0000-4000-8000-000000000004";
inline constexpr std::string_view oxikodon = "5e020005-0000-4000-8000-000000000005";  // narcotic
inline constexpr std::string_view zolpidem = "5e020006-0000-4000-8000-000000000006";  // narcotic
inline constexpr std::string_view expired_metformin = "5e02000a-0000-4000-8000-000000000010";
inline constexpr std::string_view used_up_amoxicillin =
    "5e020011-0000-4000-8000-000000000017";  // Fiktiva's, its one uttag used

}  // namespace ncpeh::testing::seed
