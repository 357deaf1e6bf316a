#include "tests/gateway/support/audit_events.hpp"

#include <chrono>

namespace ncpeh::testing {

gateway::audit::audit_event from_finland(std::string transaction) {
    gateway::audit::audit_event e;
    e.at = std::chrono::system_clock::time_point(std::chrono::milliseconds(1'795'000'000'123));
    e.transaction = std::move(transaction);
    e.partner_country = "FI";
    e.message_id = "urn:uuid:11111111-2222-4333-8444-555555555555";
    e.response_message_id = "urn:uuid:66666666-7777-4888-8999-000000000000";
    e.partner_address = "192.0.2.7";
    e.partner_certificate_cn = "ncp.fi.localhost";
    e.hcp_assertion_id = "_hcp";
    e.trc_assertion_id = "_trc";
    e.requester = "Fiktiivinen Farmaseutti";
    e.requester_role = "2262";
    e.requester_organisation = "Apteekki Esimerkki";
    e.patient_id = "191212121212^^^&1.2.752.129.2.1.3.1&ISO";
    return e;
}

gateway::audit::audit_event to_finland(const std::string& transaction) {
    gateway::audit::audit_event e = from_finland("ncp-b-" + transaction);
    e.partner_address = "ncp.fi.example";
    e.response_message_id = "urn:uuid:77777777-8888-4999-8aaa-bbbbbbbbbbbb";
    e.requester = "Fiktiv Farmaceut";
    e.requester_organisation = "Apotek Exempel";
    e.patient_id = "010190-123A^^^&2.999.246.10.1&ISO";
    if (transaction == "xcpd" || transaction == "session") {
        e.trc_assertion_id.clear();  // a TRC is issued only for a patient already identified
    }
    return e;
}

}  // namespace ncpeh::testing
