// Every prescription of the reference store's seed data that the cross-border filter lets a
// foreign pharmacy see must translate to an eHDSI ePrescription: what XCA lists must be
// retrievable. The seed is ours (samples/national-store/seed/README.md), the date its "today".
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <set>

#include "tests/support/test_files.hpp"
#include "tests/translators/load_test_terminology.hpp"
#include "translators/eprescription_l3/custodian.hpp"
#include "translators/eprescription_l3/document_id.hpp"
#include "translators/eprescription_l3/make_eprescription.hpp"
#include "translators/eprescription_l3/prescriptions_in_bundle.hpp"
#include "translators/eprescription_l3/write_eprescription_l3.hpp"
#include "translators/fhir/bundle.hpp"
#include "translators/fhir/resource.hpp"
#include "translators/sweden/cross_border_dispensability.hpp"

namespace {

using namespace ncpeh;
using namespace ncpeh::translators;
namespace l3 = translators::eprescription_l3;

constexpr std::chrono::year_month_day seed_today{std::chrono::year(2026), std::chrono::November,
                                                 std::chrono::day(23)};

}  // namespace

TEST_CASE("every cross-border-dispensable seed prescription translates to an L3 ePrescription") {
    l3::eprescription_settings settings;
    settings.prescription_id_root = "2.999.752.1.2";
    settings.custodian = l3::swedish_custodian("2.999.752.1.1");
    std::size_t prescriptions = 0;
    std::size_t dispensable = 0;
    std::map<std::string, std::string> untranslatable;  // prescription id → error
    for (const auto& entry : std::filesystem::directory_iterator(testing::source_dir() /
                                                                 "samples/national-store/seed")) {
        if (!entry.path().filename().string().starts_with("patient-")) {
            continue;
        }
        const auto bundle =
            fhir::parse_bundle(fhir::parse_json_text(testing::read_file(entry.path())).value())
                .value();
        std::vector<fhir::consent> consents;
        for (const auto* c : fhir::resources_of<fhir::consent>(bundle)) {
            consents.push_back(*c);
        }
        for (const auto& found : l3::prescriptions_in_bundle(bundle).value()) {
            ++prescriptions;
            if (!sweden::is_dispensable_cross_border(*found.patient, consents, *found.request,
                                                     seed_today)) {
                continue;
            }
            ++dispensable;
            auto model = l3::make_eprescription(
                {*found.request, *found.patient, "20261123100000+0100",
                 l3::eprescription_document_id("2.999.752.1.2", found.request->id,
                                               l3::document_level::l3)},
                settings, testing::test_terminology());
            if (!model) {
                untranslatable[found.request->id] = model.error().describe();
                continue;
            }
            const std::string cda = l3::write_eprescription_l3(model->document);
            CHECK(cda.find(found.request->id + ".L3") != std::string::npos);
        }
    }
    for (const auto& [id, reason] : untranslatable) {
        UNSCOPED_INFO(id << ": " << reason);
    }
    CHECK(prescriptions == 82);
    CHECK(dispensable > 40);
    CHECK(untranslatable.empty());
}
