// The XCA retrieve stage in-process, on the seed in an in-memory national store.
#include "gateway/ncp_a/xca_retrieve/answer_xca_retrieve.hpp"

#include <catch2/catch.hpp>

#include "tests/gateway/support/country_a_answers.hpp"
#include "tests/gateway/support/country_a_stages.hpp"
#include "tests/gateway/support/partner_calls.hpp"
#include "tests/gateway/support/seed.hpp"
#include "tests/support/text.hpp"
#include "trust/xml/document.hpp"
#include "trust/xml/navigate.hpp"

using namespace ncpeh::testing::seed;
using namespace ncpeh::testing;
using namespace ncpeh::samples::foreign_ncp;

namespace xml = ncpeh::trust::xml;

namespace {

constexpr std::string_view hl7 = "urn:hl7-org:v3";

std::optional<std::string_view> text(std::string_view value) {
    return value;
}

/// The retrieve of `document` from `repository` with a TRC for `trc_patient` (none when empty).
ncpeh::gateway::net::response retrieve(country_a_stages& a, std::string_view trc_patient,
                                       const std::string& document,
                                       std::string_view repository = swedish_hcid) {
    const caller_claims claims = trc_patient.empty() ? caller_claims{} : for_patient(trc_patient);
    return a.answer(ncpeh::gateway::ncp_a::xca_retrieve::answer_xca_retrieve,
                    ncpeh::gateway::ihe::transaction::xca_retrieve, claims,
                    xca_retrieve_body(partner_sources(), document, repository));
}

}  // namespace

TEST_CASE("XCA retrieve stage: the L3 pivot of a listed prescription names the patient") {
    country_a_stages a;
    const auto res = retrieve(a, tolvan, document_id(metformin, "L3"));
    CHECK(contains(res.body(), "ResponseStatusType:Success"));
    const auto cda = xml::parse_document(attachment_of(res));
    REQUIRE(cda.has_value());
    const xmlNode& root = cda->root();
    const xmlNode* template_id = xml::first_child(root, hl7, "templateId");
    REQUIRE(template_id != nullptr);
    CHECK(xml::attribute(*template_id, "root") == text("1.3.6.1.4.1.12559.11.10.1.3.1.1.1"));
    const xmlNode* id = xml::first_child(root, hl7, "id");
    REQUIRE(id != nullptr);
    CHECK(xml::attribute(*id, "root") == text("2.999.752.1.2.9"));
    CHECK(xml::attribute(*id, "extension") == text("5e020001-0000-4000-8000-000000000001.L3"));
    const xmlNode* patient =
        xml::find_path(root, {{hl7, "recordTarget"}, {hl7, "patientRole"}, {hl7, "id"}});
    REQUIRE(patient != nullptr);
    CHECK(xml::attribute(*patient, "root") == text("1.2.752.129.2.1.3.1"));
    CHECK(xml::attribute(*patient, "extension") == text("191212121212"));
    CHECK(contains(attachment_of(res), "Metformin Exempel"));
    CHECK(a.store.calls() == 1);  // the patient, consents and prescription in one batch
    REQUIRE(a.audit.events.size() == 1);
    const ncpeh::gateway::audit::audit_event& event = a.audit.events.front();
    CHECK(event.transaction == "xca-retrieve");
    CHECK(event.outcome == ncpeh::gateway::audit::outcome::success);
    CHECK(event.document_ids == std::vector<std::string>{document_id(metformin, "L3")});
}

TEST_CASE("XCA retrieve stage: the L1 document wraps a PDF") {
    country_a_stages a;
    const std::string cda = attachment_of(retrieve(a, tolvan, document_id(metformin, "L1")));
    CHECK(contains(cda, R"(<templateId root="1.3.6.1.4.1.12559.11.10.1.3.1.1.6"/>)"));
    CHECK(contains(cda, R"(extension="5e020001-0000-4000-8000-000000000001.L1")"));
    CHECK(pdf_of(cda).starts_with("%PDF-"));
}

TEST_CASE("XCA retrieve stage: documents that are not the patient's to see are missing") {
    country_a_stages a;
    SECTION("no such prescription") {
        const auto res = retrieve(a, tolvan, document_id("nope", "L3"));
        CHECK(contains(res.body(), "XDSMissingDocument"));
        CHECK(contains(res.body(), "ResponseStatusType:Failure"));
    }
    SECTION("another patient's prescription") {
        const auto res = retrieve(a, testa, document_id(metformin, "L3"));
        CHECK(contains(res.body(), "XDSMissingDocument"));
        CHECK_FALSE(contains(res.body(), "Metformin"));
    }
    SECTION("another repository") {
        const auto res = retrieve(a, tolvan, document_id(metformin, "L3"), "1234");
        CHECK(contains(res.body(), "XDSMissingDocument"));
    }
    SECTION("a patient with a protected identity") {
        const auto res = retrieve(a, hemlig, document_id(metformin, "L3"));
        CHECK(contains(res.body(), "XDSMissingDocument"));
        // Not even "no consent" (4701), which would tell that the person exists. (As the
        // attribute: the bare digits turn up in random message ids now and then.)
        CHECK_FALSE(contains(res.body(), R"(errorCode="4701")"));
    }
    CHECK(a.audit.events.at(0).error_code == "XDSMissingDocument");
}

TEST_CASE("XCA retrieve stage: refusals by the rules: not dispensable, no consent") {
    country_a_stages a;
    const auto expired = retrieve(a, testa, document_id(expired_metformin, "L3"));
    CHECK(contains(expired.body(), "ERROR_ED_NOT_DISPENSABLE_EPRESCRIPTION"));
    CHECK(contains(expired.body(), "ResponseStatusType:Failure"));
    const auto narcotic = retrieve(a, tolvan, document_id(oxikodon, "L3"));
    CHECK(contains(narcotic.body(), "ERROR_ED_NOT_DISPENSABLE_EPRESCRIPTION"));
    CHECK_FALSE(contains(narcotic.body(), "xop:Include"));
    const auto refused = retrieve(a, utan, document_id(metformin, "L3"));
    CHECK(contains(refused.body(), R"(errorCode="4701")"));
    CHECK(contains(refused.body(), "ResponseStatusType:Failure"));
}

TEST_CASE("XCA retrieve stage: no TRC, no store call; a store that is down is 4103") {
    country_a_stages a;
    const auto no_trc = retrieve(a, "", document_id(metformin, "L3"));
    CHECK(contains(no_trc.body(), "ResponseStatusType:Failure"));
    CHECK_FALSE(contains(no_trc.body(), "xop:Include"));
    CHECK(a.store.calls() == 0);
    a.store.go_down();
    const auto down = retrieve(a, tolvan, document_id(metformin, "L3"));
    CHECK(contains(down.body(), R"(errorCode="4103")"));
    CHECK(contains(down.body(), "ResponseStatusType:Failure"));
}
