#include "gateway/audit/atna_message.hpp"

#include <catch2/catch.hpp>

#include <chrono>

#include "tests/gateway/support/atna_summary.hpp"
#include "tests/gateway/support/audit_events.hpp"

namespace {

using namespace ncpeh::gateway::audit;
using ncpeh::testing::summarize_atna;

const atna_source sweden{"SE", "ncp.se.localhost", "ncp.se.example"};

using ncpeh::testing::from_finland;
using ncpeh::testing::to_finland;

std::vector<std::string> codes_of(const audit_event& e) {
    std::vector<std::string> out;
    for (const atna_event_kind& kind : atna_kinds_of(e)) {
        out.emplace_back(kind.ehdsi_code);
    }
    return out;
}

}  // namespace

TEST_CASE(
    "ATNA: an XCPD answered as country A is EHDSI-11 / ITI-55, a query, with every participant") {
    const auto m = summarize_atna(
        atna_message(from_finland("xcpd"), atna_kinds_of(from_finland("xcpd"))[0], sweden));
    CHECK(m.event_id == "110112");
    CHECK(m.action == "E");
    CHECK(m.outcome == "0");
    CHECK(m.date_time == "2026-11-18T11:06:40.123Z");
    CHECK(m.event_types == std::vector<std::string>{"ITI-55", "EHDSI-11"});
    CHECK(m.source_id == "SE");

    const auto& hcp = m.with_role("110153");
    CHECK(hcp.user_id == "Fiktiivinen Farmaseutti");
    CHECK(hcp.requestor);
    CHECK(hcp.roles == std::vector<std::string>{"110153", "2262"});
    CHECK(m.with_role("110152").user_id == "Apteekki Esimerkki");

    const auto& consumer = m.with_role("ServiceConsumer");
    CHECK(consumer.user_id == "ncp.fi.localhost");
    CHECK(consumer.requestor);
    CHECK(consumer.address == "192.0.2.7");
    CHECK(consumer.address_type == "2");
    const auto& provider = m.with_role("ServiceProvider");
    CHECK(provider.user_id == "ncp.se.localhost");
    CHECK_FALSE(provider.requestor);
    CHECK(provider.address == "ncp.se.example");
    CHECK(provider.address_type == "1");

    REQUIRE(m.objects.size() == 3);
    CHECK(m.objects[0].id == "191212121212^^^&1.2.752.129.2.1.3.1&ISO");
    CHECK(m.objects[0].type == "1");
    CHECK(m.objects[0].role == "1");
    CHECK(m.objects[0].id_type == "2");
    CHECK(m.object_ids("req") ==
          std::vector<std::string>{"urn:uuid:11111111-2222-4333-8444-555555555555"});
    CHECK(m.object_ids("rsp") ==
          std::vector<std::string>{"urn:uuid:66666666-7777-4888-8999-000000000000"});
}

TEST_CASE("ATNA: each transaction kind has its eHDSI code, IHE transaction and DICOM event") {
    struct expected {
        std::string transaction;
        std::vector<std::string> ehdsi;
        std::string ihe;
        std::string event_id;
        std::string action;
    };
    const std::vector<expected> all = {
        {"xcpd", {"EHDSI-11"}, "ITI-55", "110112", "E"},
        {"xca-list", {"EHDSI-31"}, "ITI-38", "110112", "E"},
        {"xca-retrieve", {"EHDSI-32", "EHDSI-94"}, "ITI-39", "110106", "R"},
        {"xdr-dispense", {"EHDSI-41"}, "ITI-41", "110107", "C"},
        {"xdr-discard", {"EHDSI-42"}, "ITI-41", "110107", "D"},
        {"ncp-b-session", {"EHDSI-91"}, "ITI-40", "110114", "E"},
        {"ncp-b-xcpd", {"EHDSI-11"}, "ITI-55", "110112", "E"},  // no TRC before identification
        {"ncp-b-xca-list", {"EHDSI-31", "EHDSI-92"}, "ITI-38", "110112", "E"},
        {"ncp-b-xca-retrieve", {"EHDSI-32", "EHDSI-92"}, "ITI-39", "110107", "R"},
        {"ncp-b-xdr-dispense", {"EHDSI-41", "EHDSI-92"}, "ITI-41", "110106", "C"},
        {"ncp-b-xdr-discard", {"EHDSI-42", "EHDSI-92"}, "ITI-41", "110106", "D"},
    };
    for (const expected& x : all) {
        INFO(x.transaction);
        audit_event e = x.transaction.starts_with("ncp-b-") ? to_finland(x.transaction.substr(6))
                                                            : from_finland(x.transaction);
        e.transaction = x.transaction;
        e.document_ids = {"2.999.752.1.2^rx1.L3"};
        CHECK(codes_of(e) == x.ehdsi);
        const auto messages = atna_messages(e, sweden);
        REQUIRE(messages.size() == x.ehdsi.size());
        const auto m = summarize_atna(messages[0]);
        CHECK(m.event_types == std::vector<std::string>{x.ihe, x.ehdsi[0]});
        CHECK(m.event_id == x.event_id);
        CHECK(m.action == x.action);
        CHECK(m.object_ids("9") == std::vector<std::string>{"2.999.752.1.2^rx1.L3"});
    }
}

TEST_CASE("ATNA: country B is the service consumer; the TRC it issued is EHDSI-92") {
    const auto messages = atna_messages(to_finland("xca-list"), sweden);
    REQUIRE(messages.size() == 2);
    const auto list = summarize_atna(messages[0]);
    const auto& consumer = list.with_role("ServiceConsumer");
    CHECK(consumer.user_id == "ncp.se.localhost");
    CHECK(consumer.requestor);
    CHECK(consumer.address == "ncp.se.example");
    const auto& provider = list.with_role("ServiceProvider");
    CHECK(provider.user_id == "ncp.fi.localhost");
    CHECK_FALSE(provider.requestor);
    CHECK(provider.address == "ncp.fi.example");
    CHECK(provider.address_type == "1");
    CHECK(list.with_role("110152").user_id == "Apotek Exempel");
    CHECK(list.object_ids("req") ==
          std::vector<std::string>{"urn:uuid:11111111-2222-4333-8444-555555555555"});
    CHECK(list.object_ids("rsp") ==
          std::vector<std::string>{"urn:uuid:77777777-8888-4999-8aaa-bbbbbbbbbbbb"});

    // A partner that never answered is named by its country, and no answer id is made up.
    audit_event unanswered = to_finland("xca-list");
    unanswered.partner_certificate_cn.clear();
    unanswered.response_message_id.clear();
    const auto silent = summarize_atna(atna_messages(unanswered, sweden).front());
    CHECK(silent.with_role("ServiceProvider").user_id == "FI");
    CHECK(silent.with_role("ServiceProvider").address == "ncp.fi.example");
    CHECK(silent.object_ids("rsp").empty());

    const auto trc = summarize_atna(messages[1]);
    CHECK(trc.event_types == std::vector<std::string>{"EHDSI-92"});
    CHECK(trc.event_id == "110114");
    CHECK(trc.object_ids("2") == std::vector<std::string>{"010190-123A^^^&2.999.246.10.1&ISO"});
}

TEST_CASE(
    "ATNA: a failure carries outcome 8 and its eHDSI error; an unreachable partner is EHDSI-CF") {
    audit_event refused = from_finland("xca-retrieve");
    refused.outcome = outcome::failure;
    refused.error_code = "1102";
    refused.error_name = "trc_patient_mismatch";
    refused.document_ids = {"2.999.752.1.2^rx1.L3"};
    // No pivot translation reported for a refused retrieve.
    REQUIRE(codes_of(refused) == std::vector<std::string>{"EHDSI-32"});
    const auto m = summarize_atna(atna_messages(refused, sweden).front());
    CHECK(m.outcome == "8");
    CHECK(m.outcome_description == "1102 trc_patient_mismatch");
    CHECK(m.object_ids("1102") == std::vector<std::string>{"1102"});

    audit_event unreachable = to_finland("xca-retrieve");
    unreachable.outcome = outcome::failure;
    unreachable.error_code = "4201";
    unreachable.error_name = "foreign_ncp_unreachable";
    CHECK(codes_of(unreachable) == std::vector<std::string>{"EHDSI-CF", "EHDSI-92"});
    const auto cf = summarize_atna(atna_messages(unreachable, sweden).front());
    CHECK(cf.event_types == std::vector<std::string>{"ITI-39", "EHDSI-CF"});
    CHECK(cf.outcome == "8");
}

TEST_CASE("ATNA: started marks and events of no cross-border transaction yield no message") {
    audit_event started = from_finland("xdr-dispense");
    started.outcome = outcome::started;
    CHECK(atna_messages(started, sweden).empty());
    audit_event unmask;
    unmask.transaction = "ops-unmask";
    unmask.requester = "operator on duty";
    CHECK(atna_messages(unmask, sweden).empty());
    CHECK(atna_messages(from_finland("ncp-b-unknown"), sweden).empty());
}

TEST_CASE("ATNA: values with markup, quotes and control characters are escaped, never injected") {
    audit_event e = from_finland("xca-list");
    e.requester = R"(Eve "</UserID><ActiveParticipant UserID='x'/>" & co)";
    e.requester_organisation = "A&B <Apotek>\x01";
    e.patient_id = "]]><!-- -->";
    const std::string xml = atna_messages(e, sweden).front();
    const auto m = summarize_atna(xml);
    CHECK(m.with_role("110153").user_id == e.requester);
    CHECK(m.with_role("110152").user_id == "A&B <Apotek>\xEF\xBF\xBD");
    CHECK(m.objects[0].id == "]]><!-- -->");
    CHECK(m.participants.size() == 4);
}
