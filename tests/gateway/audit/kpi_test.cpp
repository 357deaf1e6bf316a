#include "gateway/audit/kpi.hpp"

#include <catch2/catch.hpp>

using namespace ncpeh::gateway::audit;

namespace {

const std::vector<transaction_count> november_and_december{
    {"2026-11", "FI", "xcpd", outcome::success, 5},
    {"2026-11", "FI", "xca-list", outcome::success, 4},
    {"2026-11", "FI", "xca-retrieve", outcome::success, 3},
    {"2026-11", "FI", "xca-retrieve", outcome::failure, 2},
    {"2026-11", "FI", "xdr-dispense", outcome::success, 2},
    {"2026-11", "FI", "xdr-dispense", outcome::started, 9},  // not a transaction
    {"2026-11", "FI", "xdr-discard", outcome::success, 1},
    {"2026-11", "CZ", "xcpd", outcome::failure, 1},
    {"2026-12", "FI", "xcpd", outcome::success, 1},
    {"2026-12", "", "ops-unmask", outcome::success, 4},  // an operator, not a partner
};

}  // namespace

TEST_CASE("KPI rows count successful transactions by service, and the failed ones apart") {
    const auto rows = kpi_rows(november_and_december);
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].month == "2026-11");
    CHECK(rows[0].country == "CZ");
    CHECK(rows[0].all == 0);
    CHECK(rows[0].failed == 1);
    const kpi_row& fi = rows[1];
    CHECK(fi.country == "FI");
    CHECK(fi.all == 15);
    CHECK(fi.eprescription == 7);
    CHECK(fi.edispensation == 2);
    CHECK(fi.edispensation_discard == 1);
    CHECK(fi.failed == 2);
    CHECK(rows[2].month == "2026-12");
    CHECK(rows[2].all == 1);
}

TEST_CASE("KPIs print as a table or as CSV") {
    const auto rows = kpi_rows(november_and_december);
    CHECK(kpi_csv(rows) ==
          "month,country,all,eP,eD,eD_discard,failed\r\n"
          "2026-11,CZ,0,0,0,0,1\r\n"
          "2026-11,FI,15,7,2,1,2\r\n"
          "2026-12,FI,1,0,0,0,0\r\n");
    CHECK(kpi_table(rows) ==
          "month    country       all        eP        eD  eD discard    failed\n"
          "2026-11  CZ              0         0         0           0         1\n"
          "2026-11  FI             15         7         2           1         2\n"
          "2026-12  FI              1         0         0           0         0\n");
    CHECK(kpi_table({}) == "no transactions\n");
}
