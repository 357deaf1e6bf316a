// Test that the header is self-contained.
#include "translators/edispensation_to_nll/make_medication_dispense.hpp"

#include <catch2/catch.hpp>

#include "tests/support/peer_samples.hpp"
#include "tests/support/test_files.hpp"
#include "translators/cda/read_edispensation.hpp"
#include "translators/fhir/medication_dispense.hpp"
#include "trust/xml/document.hpp"

namespace cda = ncpeh::translators::cda;
namespace fhir = ncpeh::translators::fhir;
namespace nll = ncpeh::translators::edispensation_to_nll;
using ncpeh::errc;

namespace {

cda::edispensation_document read_sample(const std::string& name, bool discard = false) {
    const auto bytes = ncpeh::testing::read_file(ncpeh::testing::shared_dir() /
                                                 "samples/ehdsi/cda/edispensation" / name);
    auto doc = ncpeh::trust::xml::parse_document(bytes);
    REQUIRE(doc.has_value());
    auto ed = cda::read_edispensation(*doc, discard);
    REQUIRE(ed.has_value());
    return *ed;
}

/// Our own Finnish eDispensation of Tolvan's metformin (samples/foreign-ncp/requests).
cda::edispensation_document read_own(bool discard = false) {
    auto doc = ncpeh::trust::xml::parse_document(
        ncpeh::testing::read_file(ncpeh::testing::request_bodies_dir() / "edispensation.xml"));
    REQUIRE(doc.has_value());
    auto ed = cda::read_edispensation(*doc, discard);
    REQUIRE(ed.has_value());
    return *ed;
}

fhir::medication_dispense translate(const cda::edispensation_document& ed, std::string root = {}) {
    auto dispense = nll::make_medication_dispense(ed, {std::move(root)});
    if (!dispense) {
        FAIL(dispense.error().describe());
    }
    return *dispense;
}

bool has_coding(const fhir::codeable_concept& codes, std::string_view system,
                std::string_view code) {
    for (const fhir::coding& coding : codes.coding) {
        if (coding.system == system && coding.code == code) {
            return true;
        }
    }
    return false;
}

}  // namespace

TEST_CASE("eD → NLL: our own Finnish dispensation of a Swedish prescription, and its discard") {
    const auto dispensed = translate(read_own(), "2.999.752.1.2");
    CHECK(dispensed.status == "completed");
    CHECK(dispensed.actor_dispatch_id == "2.999.246.1.5^900000001");
    CHECK(fhir::authorizing_prescription_id(dispensed) == "5e020001-0000-4000-8000-000000000001");
    CHECK(dispensed.number_of_packages_dispensed == 1);
    CHECK(dispensed.when_handed_over == "2026-11-23T13:05:00+02:00");
    CHECK(dispensed.was_substituted == false);
    const auto reversal = translate(read_own(true), "2.999.752.1.2");
    CHECK(reversal.status == "entered-in-error");
    CHECK(reversal.actor_dispatch_id == dispensed.actor_dispatch_id);
    CHECK(reversal.medication == dispensed.medication);
    auto round_trip = fhir::parse_medication_dispense(fhir::to_json(reversal));
    REQUIRE(round_trip.has_value());
    CHECK(round_trip->actor_dispatch_id == dispensed.actor_dispatch_id);
    // Another country's prescription root: not one of ours, 4105.
    auto foreign = nll::make_medication_dispense(read_own(), {"2.999.208.1.2"});
    REQUIRE_FALSE(foreign.has_value());
    CHECK(ncpeh::ehdsi_code(foreign.error().code) == "4105");
}

TEST_CASE("eD → NLL: Polish dispensation of Asubtela") {
    if (ncpeh::testing::skip_without_peer_samples()) {
        return;
    }
    const auto dispense = translate(read_sample("plrequest1-for-dk-prescription.xml"));
    CHECK(dispense.status == "completed");
    CHECK(dispense.actor_dispatch_id ==
          "2.16.840.1.113883.3.4424.7.20.2.2.3.2.7.19.5.1^A9F0065214DE43D1AB0509-1");
    REQUIRE(dispense.authorizing_prescription.size() == 1);
    CHECK(dispense.authorizing_prescription[0].reference ==
          "MedicationRequest?identifier=urn:oid:1.2.208.176.7.2.2|481295000650102");
    CHECK(dispense.medication.text == "Asubtela, 3 mg + 0,03 mg");
    CHECK(has_coding(dispense.medication, "urn:oid:2.16.840.1.113883.3.4424.6.1", "100224877"));
    CHECK(has_coding(dispense.medication, "urn:oid:1.3.160", "05909990773541"));
    CHECK(has_coding(dispense.medication, "http://www.whocc.no/atc", "G03AA12"));
    CHECK(has_coding(dispense.medication, "http://standardterms.edqm.eu", "10221000"));
    CHECK(dispense.number_of_packages_dispensed == 1);
    REQUIRE(dispense.quantity.has_value());
    CHECK(dispense.quantity->value == 21.0);
    CHECK(dispense.quantity->unit == "tablet");
    CHECK(dispense.when_handed_over == "2025-04-04T12:21:29+01:00");
    CHECK(dispense.was_substituted == false);
    CHECK(dispense.cross_border == true);
    REQUIRE(dispense.contained_practitioners.size() == 1);
    CHECK(dispense.contained_practitioners[0].name.at(0).family == "Testowy");
    CHECK(dispense.contained_practitioners[0].identifiers.at(0).value == "10000716");
    REQUIRE(dispense.location.has_value());
    CHECK(dispense.location->reference == "#pharmacy");
    CHECK(dispense.location->display == "Apteka porcelanowa");
    REQUIRE(dispense.other_contained.size() == 1);
    CHECK(dispense.other_contained[0].at("address").at("country") == "PL");
    CHECK(dispense.other_extensions.at(0).value == "PL");
}

TEST_CASE("eD → NLL: Czech, Greek and Swedish epSOS-era dispensations") {
    if (ncpeh::testing::skip_without_peer_samples()) {
        return;
    }
    const auto cz = translate(read_sample("czrequest1-for-dk-prescription.xml"));
    CHECK(cz.medication.text == "Pinex, 500 mg");
    CHECK(cz.number_of_packages_dispensed == 1);
    CHECK(cz.quantity->value == 100.0);
    CHECK(cz.when_handed_over == "2024-11-25T14:48:04+00:00");
    CHECK(cz.was_substituted == false);
    CHECK(cz.contained_practitioners.at(0).name.at(0).family == "HRABÁČEK");

    const auto gr = translate(read_sample("grrequest1-for-dk-prescription.xml"));
    CHECK(gr.was_substituted == true);
    CHECK(has_coding(gr.medication, "urn:oid:2.16.840.1.113883.2.25.3.4.1.4.2.8", "2802799301027"));
    CHECK(gr.when_handed_over == "2024-11-21T19:14:21+02:00");
    CHECK(gr.other_extensions.at(0).value == "GR");

    const auto se = translate(read_sample("se-edispensation-epsos-era.xml"), "1.2.752.129.2.1.2.1");
    CHECK(se.authorizing_prescription.at(0).reference == "MedicationRequest/5.207420676");
    CHECK(se.subject.reference ==
          "Patient?identifier=http://electronichealth.se/identifier/personnummer|190210019816");
    CHECK(has_coding(se.medication, "http://standardterms.edqm.eu", "10221000"));
    CHECK(has_coding(se.medication, "http://www.whocc.no/atc", "N02BE01"));
    CHECK(se.number_of_packages_dispensed == 2);
    CHECK(se.quantity->value == 200.0);
    CHECK(se.when_handed_over == "2012-09-19");
    CHECK(se.location->display == "epSOS Test");
}

TEST_CASE("eD → NLL: a discard is the reversal of the dispensation it names") {
    if (ncpeh::testing::skip_without_peer_samples()) {
        return;
    }
    for (const char* name :
         {"plrequest1-for-dk-prescription.xml", "czrequest1-for-dk-prescription.xml",
          "grrequest1-for-dk-prescription.xml", "se-edispensation-epsos-era.xml"}) {
        INFO(name);
        const auto dispensed = translate(read_sample(name));
        const auto reversal = translate(read_sample(name, true));
        CHECK(dispensed.status == "completed");
        CHECK(reversal.status == "entered-in-error");
        CHECK(reversal.actor_dispatch_id == dispensed.actor_dispatch_id);
        CHECK(reversal.authorizing_prescription == dispensed.authorizing_prescription);
        CHECK(reversal.number_of_packages_dispensed == dispensed.number_of_packages_dispensed);
        CHECK(reversal.medication == dispensed.medication);
        // Through FHIR JSON and back, nothing is lost.
        auto round_trip = fhir::parse_medication_dispense(fhir::to_json(reversal));
        REQUIRE(round_trip.has_value());
        CHECK(round_trip->status == "entered-in-error");
        CHECK(round_trip->actor_dispatch_id == dispensed.actor_dispatch_id);
    }
}

TEST_CASE("eD → NLL: a prescription that is not Swedish is 4105") {
    if (ncpeh::testing::skip_without_peer_samples()) {
        return;
    }
    auto dispense = nll::make_medication_dispense(read_sample("plrequest1-for-dk-prescription.xml"),
                                                  {"2.999.752.1.2"});
    REQUIRE_FALSE(dispense.has_value());
    CHECK(dispense.error().code == errc::no_matching_eprescription);
    CHECK(ncpeh::ehdsi_code(dispense.error().code) == "4105");
}

TEST_CASE("a handover time without a UTC offset is read as UTC, not cut to a date") {
    using namespace ncpeh::translators;
    cda::edispensation_document ed;
    ed.performer_time = "20131011121735";
    ed.prescription_id = {"2.999.752.1.2", "rx-1", {}};
    ed.dispensation_id = {"1.2.246.556.12001.4.93.2.1", "1381483055949", {}};
    ed.packages = {"1", "1", {}, {}};
    auto dispense = edispensation_to_nll::make_medication_dispense(ed, {"2.999.752.1.2"});
    REQUIRE(dispense.has_value());
    CHECK(dispense->when_handed_over == "2013-10-11T12:17:35+00:00");
}

TEST_CASE("eD → NLL: a Swedish prescription id that is no FHIR id names nothing of ours") {
    using namespace ncpeh::translators;
    for (const char* extension : {"../../Patient/x", "rx-1' OR '1'='1", ""}) {
        INFO(extension);
        cda::edispensation_document ed;
        ed.prescription_id = {"2.999.752.1.2", extension, {}};
        ed.dispensation_id = {"1.2.246.556.12001.4.93.2.1", "1381483055949", {}};
        auto dispense = nll::make_medication_dispense(ed, {"2.999.752.1.2"});
        REQUIRE_FALSE(dispense.has_value());
        CHECK(dispense.error().code == errc::no_matching_eprescription);
        CHECK(dispense.error().message == "the eDispensation's prescription id is not one of ours");
    }
}
