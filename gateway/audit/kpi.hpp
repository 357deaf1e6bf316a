#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/audit/audit_event.hpp"

namespace ncpeh::gateway::audit {

/// How many transactions of one kind ended one way in one month with one partner country, as
/// the audit trail counts them (`started` rows are not transactions).
struct transaction_count {
    std::string month;    ///< "2026-11" (UTC)
    std::string country;  ///< the partner country
    std::string transaction;
    audit::outcome outcome = audit::outcome::success;
    std::uint64_t count = 0;
};

/// One line of the MyHealth@EU report: the transactions of a month with one country, by
/// service. The service columns count successful transactions; `failed` counts the others.
struct kpi_row {
    std::string month;
    std::string country;
    std::uint64_t all = 0;            ///< every successful transaction, patient discovery too
    std::uint64_t eprescription = 0;  ///< ePrescription list and retrieve
    std::uint64_t edispensation = 0;  ///< eDispensation submitted
    std::uint64_t edispensation_discard = 0;
    std::uint64_t failed = 0;
};

/// The report's rows, by month then country; only cross-border transactions count (not, for
/// instance, an operator's `ops-unmask`).
std::vector<kpi_row> kpi_rows(const std::vector<transaction_count>& counts);

/// An aligned text table with a header line, or "no transactions" when `rows` is empty.
std::string kpi_table(const std::vector<kpi_row>& rows);

/// RFC 4180 CSV: `month,country,all,eP,eD,eD_discard,failed` and a line per row.
std::string kpi_csv(const std::vector<kpi_row>& rows);

}  // namespace ncpeh::gateway::audit
