// The seed data of samples/national-store: every resource reads, validates and survives a JSON
// round trip; the §4.5 cross-border filter gives the documented verdicts on it.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>

#include "tests/support/test_files.hpp"
#include "translators/fhir/bundle.hpp"
#include "translators/sweden/cross_border_dispensability.hpp"
#include "translators/sweden/validate_resources.hpp"

namespace fhir = ncpeh::translators::fhir;
namespace se = ncpeh::translators::sweden;

namespace {

std::map<std::string, fhir::bundle> seed_bundles() {
    std::map<std::string, fhir::bundle> out;
    const auto dir = ncpeh::testing::source_dir() / "samples/national-store/seed";
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        if (entry.path().extension() == ".json") {
            auto text = ncpeh::testing::read_file(entry.path());
            auto bundle = fhir::parse_bundle(fhir::parse_json_text(text).value());
            INFO(entry.path().filename().string());
            REQUIRE(bundle.has_value());
            out.emplace(entry.path().filename().string(), std::move(*bundle));
        }
    }
    return out;
}

}  // namespace

TEST_CASE("every seed resource round-trips through the typed model and validates") {
    auto bundles = seed_bundles();
    REQUIRE(bundles.size() == 24);
    std::size_t patients = 0, prescriptions = 0, dispenses = 0, consents = 0, products = 0,
                practitioners = 0;
    for (const auto& [name, bundle] : bundles) {
        INFO(name);
        for (const auto& entry : bundle.entries) {
            auto written = fhir::to_json(entry.resource);
            auto reread = fhir::parse_resource(written);
            REQUIRE(reread.has_value());
            CHECK(*reread == entry.resource);
            CHECK(fhir::to_json(*reread) == written);
            std::visit(
                [&](const auto& r) {
                    using T = std::decay_t<decltype(r)>;
                    if constexpr (std::is_same_v<T, fhir::patient>) {
                        ++patients;
                        CHECK(se::validate_patient(r).problems.empty());
                    } else if constexpr (std::is_same_v<T, fhir::medication_request>) {
                        ++prescriptions;
                        CHECK(se::validate_medication_request(r).problems.empty());
                    } else if constexpr (std::is_same_v<T, fhir::medication_dispense>) {
                        ++dispenses;
                        CHECK(se::validate_medication_dispense(r).problems.empty());
                    } else if constexpr (std::is_same_v<T, fhir::consent>) {
                        ++consents;
                        CHECK(se::validate_consent(r).problems.empty());
                    } else if constexpr (std::is_same_v<T, fhir::medication>) {
                        ++products;
                    } else if constexpr (std::is_same_v<T, fhir::practitioner>) {
                        ++practitioners;
                    } else {
                        FAIL("unexpected resource type in the seed");
                    }
                },
                entry.resource);
        }
    }
    CHECK(patients == 22);
    CHECK(prescriptions == 82);
    CHECK(dispenses == 6);
    CHECK(consents == 21);
    CHECK(products == 14);
    CHECK(practitioners == 6);
}

TEST_CASE("the cross-border filter on the seed patients") {
    using namespace std::chrono;
    const year_month_day today{year{2026}, November, day{23}};
    auto bundles = seed_bundles();
    auto verdicts = [&](const std::string& file) {
        const auto& b = bundles.at(file);
        const auto& patient = *fhir::resources_of<fhir::patient>(b).at(0);
        std::vector<fhir::consent> consents;
        for (const auto* c : fhir::resources_of<fhir::consent>(b)) {
            consents.push_back(*c);
        }
        std::map<std::string, std::vector<std::string>> out;  // ATC → reasons
        for (const auto* m : fhir::resources_of<fhir::medication_request>(b)) {
            std::vector<std::string> reasons;
            for (auto r : se::cross_border_refusals(patient, consents, *m, today)) {
                reasons.emplace_back(se::name_of(r));
            }
            const auto key = m->medication && !fhir::atc_code(*m->medication).empty()
                                 ? fhir::atc_code(*m->medication)
                                 : std::string("consumable");
            out[key + "/" + std::string(fhir::code_of(*fhir::effective_nll_status(*m)))] = reasons;
        }
        return out;
    };
    using reasons = std::vector<std::string>;
    auto tolvan = verdicts("patient-01.json");
    CHECK(tolvan.at("C08CA01/aktiv").empty());  // interval 30 d passed since 2026-10-01
    CHECK(tolvan.at("N02AA05/aktiv") == reasons{"narcotic"});
    CHECK(tolvan.at("N05CF02/aktiv") == reasons{"narcotic"});

    auto exempelsson = verdicts("patient-02.json");
    CHECK(exempelsson.at("A10BA02/avslutad") == reasons{"not_aktiv", "expired"});
    CHECK(exempelsson.at("N06AB06/makulerad") == reasons{"not_aktiv"});
    CHECK(exempelsson.at("A02BC01/parkerad") == reasons{"not_aktiv"});

    auto provsdotter = verdicts("patient-03.json");
    CHECK(provsdotter.at("N02BE01/aktiv") == reasons{"not_electronic"});
    CHECK(provsdotter.at("J01CA04/slutexpedierad") == reasons{"not_aktiv", "no_dispenses_left"});
    CHECK(provsdotter.at("N03AX99/aktiv") == reasons{"special_article"});

    CHECK(verdicts("patient-04.json").at("consumable/aktiv") == reasons{"not_medicinal_product"});
    for (const auto& [key, r] : verdicts("patient-05.json")) {
        CHECK(r == reasons{"no_personnummer"});
    }
    for (const auto& [key, r] : verdicts("patient-06.json")) {
        CHECK(r == reasons{"protected_identity"});
    }
    for (const auto& [key, r] : verdicts("patient-07.json")) {
        CHECK(r == reasons{"no_consent"});
    }
    for (const auto& [key, r] : verdicts("patient-08.json")) {
        CHECK(r == reasons{"no_consent"});
    }
    auto dose = verdicts("patient-09.json");
    CHECK(dose.at("H03AA01/aktiv") == reasons{"dose_dispensed"});
    CHECK(verdicts("patient-10.json").at("R03AC02/aktiv") == reasons{"interval_not_passed"});
}
