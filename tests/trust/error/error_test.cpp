// Test that the header is self-contained.
#include "trust/error/error.hpp"

#include <catch2/catch.hpp>

using ncpeh::errc;

TEST_CASE("error codes map to the wire codes OpenNCP peers expect") {
    CHECK(ncpeh::ehdsi_code(errc::insufficient_rights) == "4703");
    CHECK(ncpeh::ehdsi_code(errc::national_store_unreachable) == "4103");
    CHECK(ncpeh::ehdsi_code(errc::no_matching_eprescription) == "4105");
    CHECK(ncpeh::ehdsi_code(errc::eprescription_already_dispensed) == "4106");
    CHECK(ncpeh::ehdsi_code(errc::no_consent) == "4701");
    CHECK(ncpeh::ehdsi_code(errc::ep_missing_expected_mapping) ==
          "ERROR_EP_MISSING_EXPECTED_MAPPING");
    CHECK(ncpeh::ehdsi_code(errc::ep_missing_expected_mapping_warning) ==
          "WARNING_EP_MISSING_EXPECTED_MAPPING");
    CHECK(ncpeh::ehdsi_code(errc::hcp_assertion_missing) ==
          "ERROR_HPI_AUTHENTICATION_NOT_RECEIVED");
    CHECK(ncpeh::ehdsi_code(errc::document_not_found) == "XDSMissingDocument");
    CHECK(ncpeh::name_of(errc::xml_too_deep) == "xml_too_deep");
}

TEST_CASE("an error carries severity, message and context, and describes itself") {
    auto e = ncpeh::make_error(errc::ep_missing_expected_mapping, "no EDQM code for dose form")
                 .with("element", "formCode")
                 .with("value", "Filmdragerad tablett");
    CHECK(e.level == ncpeh::severity::error);
    CHECK(e.context_value("element") == "formCode");
    CHECK(e.context_value("absent").empty());
    CHECK(e.describe() ==
          "ep_missing_expected_mapping (ERROR_EP_MISSING_EXPECTED_MAPPING): no EDQM code for dose "
          "form [element=formCode, value=Filmdragerad tablett]");
    CHECK(ncpeh::make_warning(errc::ep_generic, "w").level == ncpeh::severity::warning);
}

TEST_CASE("result<T>::value() on an error throws error_exception with the error") {
    ncpeh::result<int> r = ncpeh::make_error(errc::no_consent, "patient has not consented");
    REQUIRE_FALSE(r.has_value());
    try {
        (void)r.value();
        FAIL("value() did not throw");
    } catch (const ncpeh::error_exception& e) {
        CHECK(e.get().code == errc::no_consent);
        CHECK(std::string(e.what()) == "no_consent (4701): patient has not consented");
    }
    ncpeh::result<int> ok = 7;
    CHECK(ok.value() == 7);
}

TEST_CASE("partners see the message of their own mistakes, a neutral text for ours") {
    const auto refused = ncpeh::make_error(ncpeh::errc::patient_differs_from_trc,
                                           "the request's patient is not the TRC patient");
    CHECK(ncpeh::message_for_partner(refused) == refused.message);
    CHECK_FALSE(ncpeh::is_internal_cause(refused.code));

    const auto down = ncpeh::make_error(ncpeh::errc::national_store_unreachable,
                                        "the national store connection failed: end of stream");
    CHECK(ncpeh::is_internal_cause(down.code));
    CHECK(ncpeh::message_for_partner(down) ==
          "the national prescription service is not available; try again later");
    CHECK(ncpeh::message_for_partner(ncpeh::make_error(ncpeh::errc::national_data_access_failure,
                                                       "national store: HTTP 500")) ==
          "the national prescription service could not answer the request");
    CHECK(ncpeh::message_for_partner(ncpeh::make_error(
              ncpeh::errc::internal, "the audit event could not be stored: disk I/O error")) ==
          "an internal error occurred; try again later");
}

TEST_CASE("every error code is found again by its name") {
    for (int i = 0; i <= static_cast<int>(errc::internal); ++i) {
        const auto code = static_cast<errc>(i);
        INFO(ncpeh::name_of(code));
        CHECK(ncpeh::errc_from_name(ncpeh::name_of(code)) == code);
    }
    CHECK_FALSE(ncpeh::errc_from_name("no_such_error").has_value());
    CHECK_FALSE(ncpeh::errc_from_name("").has_value());
}
