#include "gateway/audit/kpi.hpp"

#include <fmt/format.h>

#include <map>
#include <utility>

#include "trust/saml/transaction.hpp"

namespace ncpeh::gateway::audit {

std::vector<kpi_row> kpi_rows(const std::vector<transaction_count>& counts) {
    std::map<std::pair<std::string, std::string>, kpi_row> rows;
    using trust::saml::transaction;
    for (const transaction_count& c : counts) {
        const auto tx = trust::saml::parse_transaction(c.transaction);
        if (!tx) {
            continue;  // not cross-border, e.g. an operator's access to the trail
        }
        kpi_row& row = rows[{c.month, c.country}];
        row.month = c.month;
        row.country = c.country;
        if (c.outcome == outcome::failure) {
            row.failed += c.count;
            continue;
        }
        if (c.outcome != outcome::success) {
            continue;
        }
        row.all += c.count;
        switch (*tx) {
            case transaction::xca_list:
            case transaction::xca_retrieve:
                row.eprescription += c.count;
                break;
            case transaction::xdr_dispense:
                row.edispensation += c.count;
                break;
            case transaction::xdr_discard:
                row.edispensation_discard += c.count;
                break;
            case transaction::xcpd:
                break;
        }
    }
    std::vector<kpi_row> out;
    for (auto& [key, row] : rows) {
        out.push_back(std::move(row));
    }
    return out;
}

std::string kpi_table(const std::vector<kpi_row>& rows) {
    if (rows.empty()) {
        return "no transactions\n";
    }
    std::string out = fmt::format("{:<8} {:<7} {:>9} {:>9} {:>9} {:>11} {:>9}\n", "month",
                                  "country", "all", "eP", "eD", "eD discard", "failed");
    for (const kpi_row& r : rows) {
        out +=
            fmt::format("{:<8} {:<7} {:>9} {:>9} {:>9} {:>11} {:>9}\n", r.month, r.country, r.all,
                        r.eprescription, r.edispensation, r.edispensation_discard, r.failed);
    }
    return out;
}

std::string kpi_csv(const std::vector<kpi_row>& rows) {
    std::string out = "month,country,all,eP,eD,eD_discard,failed\r\n";
    for (const kpi_row& r : rows) {
        out += fmt::format("{},{},{},{},{},{},{}\r\n", r.month, r.country, r.all, r.eprescription,
                           r.edispensation, r.edispensation_discard, r.failed);
    }
    return out;
}

}  // namespace ncpeh::gateway::audit
