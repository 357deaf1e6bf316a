#include "gateway/ops/audit_view.hpp"

#include <catch2/catch.hpp>

#include <boost/json/parse.hpp>

using namespace ncpeh::gateway;

TEST_CASE("a masked patient id keeps the identifier type, not the identifier") {
    CHECK(ops::masked_patient_id("191212121212^^^&1.2.752.129.2.1.3.1&ISO") ==
          "********^^^&1.2.752.129.2.1.3.1&ISO");
    CHECK(ops::masked_patient_id("19121212") == "********");  // no components: all of it
    CHECK(ops::masked_patient_id("") == "");
}

TEST_CASE("the newest transactions are masked unless asked otherwise") {
    audit::audit_event event;
    event.at = std::chrono::sys_days(std::chrono::year{2026} / 12 / 7) + std::chrono::hours(9);
    event.transaction = "xca-retrieve";
    event.partner_country = "FI";
    event.requester = "Matti Meikäläinen";
    event.requester_role = "2262";
    event.requester_organisation = "Apteekki Esimerkki";
    event.patient_id = "191212121212^^^&1.2.752.129.2.1.3.1&ISO";
    event.document_ids = {"a", "b"};
    event.outcome = audit::outcome::failure;
    event.error_name = "no_consent";

    const auto masked = boost::json::parse(ops::transactions_json({event}, false)).as_object();
    CHECK(masked.at("unmasked") == false);
    const auto& row = masked.at("transactions").as_array().at(0).as_object();
    CHECK(row.at("at") == "2026-12-07T09:00:00Z");
    CHECK(row.at("patient") == "********^^^&1.2.752.129.2.1.3.1&ISO");
    CHECK(row.at("requester") == "********");
    CHECK(row.at("role") == "2262");
    CHECK(row.at("organization") == "Apteekki Esimerkki");  // a pharmacy: shown even when masked
    CHECK(row.at("outcome") == "failure");
    CHECK(row.at("error") == "no_consent");
    CHECK(row.at("documents") == 2);

    const auto shown = boost::json::parse(ops::transactions_json({event}, true)).as_object();
    const auto& shown_row = shown.at("transactions").as_array().at(0).as_object();
    CHECK(shown_row.at("patient") == "191212121212^^^&1.2.752.129.2.1.3.1&ISO");
    CHECK(shown_row.at("requester") == "Matti Meikäläinen");
}
