#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include <boost/json/serialize.hpp>

#include "gateway/cli/command.hpp"
#include "gateway/terminology/read_terminology.hpp"
#include "translators/cda/cda_time.hpp"
#include "translators/cda/read_edispensation.hpp"
#include "translators/cda/read_eprescription.hpp"
#include "translators/edispensation_to_nll/make_medication_dispense.hpp"
#include "translators/eprescription_l1/write_eprescription_document.hpp"
#include "translators/eprescription_l3/custodian.hpp"
#include "translators/eprescription_l3/document_id.hpp"
#include "translators/eprescription_l3/make_eprescription.hpp"
#include "translators/eprescription_l3/prescriptions_in_bundle.hpp"
#include "translators/eprescription_to_se_view/make_swedish_view.hpp"
#include "translators/fhir/bundle.hpp"
#include "translators/fhir/resource.hpp"
#include "translators/sweden_dispense_to_edispensation/make_edispensation.hpp"
#include "translators/sweden_dispense_to_edispensation/write_edispensation.hpp"
#include "trust/files/read_whole_file.hpp"
#include "trust/xml/document.hpp"

// `ncpeh translate`: the translators offline (architecture.md "Interfaces"). Reads one file,
// writes the result to standard output or --out. Exit 0 done, 1 the input translates to an
// eHDSI error (printed with its wire code), 2 unusable command line or files.

namespace ncpeh::gateway::cli {

namespace {

struct translate_options {
    std::string kind;
    std::string input;
    std::string output;
    std::string prescription;
    std::string terminology_dir;
    std::string prescription_root = "2.999.752.1.2";
    std::string now;
    std::string today;
    std::string products;
    std::string dispensation_root = "2.999.752.1.5";
    std::string policy = "error";
    bool discard = false;
    bool prescription_root_given = false;
};

int write_out(const translate_options& options, std::string_view text) {
    if (options.output.empty()) {
        std::cout << text;
        return exit_ok;
    }
    std::ofstream out(options.output, std::ios::binary);
    out << text;
    if (!out) {
        std::cerr << "ncpeh translate: cannot write " << options.output << '\n';
        return exit_unusable;
    }
    return exit_ok;
}

int fail(const error& e) {
    std::cerr << "ncpeh translate: " << e.describe() << '\n';
    return e.code == errc::invalid_argument || e.code == errc::config_invalid ||
                   e.code == errc::fhir_malformed
               ? exit_unusable
               : exit_failed;
}

std::filesystem::path terminology_directory(const translate_options& options) {
    if (!options.terminology_dir.empty()) {
        return options.terminology_dir;
    }
    // From a source checkout: ./translators/terminology/data, or relative to build/<preset>/ncpeh.
    std::filesystem::path here = "translators/terminology/data";
    if (std::filesystem::exists(here)) {
        return here;
    }
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? here : exe.parent_path() / "../../translators/terminology/data";
}

int translate_prescription(const translate_options& options) {
    auto text = trust::files::read_whole_file(options.input);
    if (!text) {
        return fail(text.error());
    }
    auto tables = terminology::read_terminology(terminology_directory(options));
    if (!tables) {
        return fail(tables.error());
    }
    auto json = translators::fhir::parse_json_text(*text);
    if (!json) {
        return fail(json.error());
    }
    auto bundle = translators::fhir::parse_bundle(*json);
    if (!bundle) {
        return fail(bundle.error());
    }
    auto found = translators::eprescription_l3::prescriptions_in_bundle(*bundle);
    if (!found) {
        return fail(found.error());
    }
    const translators::eprescription_l3::prescription_with_patient* chosen = nullptr;
    for (const auto& candidate : *found) {
        if (options.prescription.empty() ? found->size() == 1
                                         : candidate.request->id == options.prescription) {
            chosen = &candidate;
        }
    }
    if (chosen == nullptr) {
        std::cerr << "ncpeh translate: choose one prescription with --prescription ID; the bundle "
                     "has:";
        for (const auto& candidate : *found) {
            std::cerr << ' ' << candidate.request->id;
        }
        std::cerr << '\n';
        return exit_unusable;
    }
    namespace l3 = translators::eprescription_l3;
    const auto level =
        options.kind == "ehdsi-ep-l1" ? l3::document_level::l1 : l3::document_level::l3;
    translators::eprescription_l3::eprescription_settings settings;
    settings.prescription_id_root = options.prescription_root;
    settings.policy = options.policy == "warning"
                          ? translators::terminology::mapping_policy::warning
                          : translators::terminology::mapping_policy::error;
    settings.custodian = translators::eprescription_l3::swedish_custodian("2.999.752.1.1");
    const std::string now = options.now.empty()
                                ? translators::cda::to_cda_time(std::chrono::system_clock::now())
                                : options.now;
    const auto document_id =
        l3::eprescription_document_id(options.prescription_root, chosen->request->id, level);
    auto model = translators::eprescription_l3::make_eprescription(
        {*chosen->request, *chosen->patient, now, document_id}, settings, *tables);
    if (!model) {
        return fail(model.error());
    }
    for (const error& warning : model->warnings) {
        std::cerr << "ncpeh translate: warning: " << warning.describe() << '\n';
    }
    auto document =
        translators::eprescription_l1::write_eprescription_document(model->document, level, now);
    if (!document) {
        return fail(document.error());
    }
    return write_out(options, *document);
}

int translate_dispensation(const translate_options& options) {
    auto text = trust::files::read_whole_file(options.input);
    if (!text) {
        return fail(text.error());
    }
    auto document = trust::xml::parse_document(*text);
    if (!document) {
        return fail(document.error());
    }
    auto ed = translators::cda::read_edispensation(*document, options.discard);
    if (!ed) {
        return fail(ed.error());
    }
    // Offline, any prescription root is accepted unless --prescription-root is given.
    translators::edispensation_to_nll::dispense_settings settings;
    settings.prescription_id_root =
        options.prescription_root_given ? options.prescription_root : "";
    auto dispense = translators::edispensation_to_nll::make_medication_dispense(*ed, settings);
    if (!dispense) {
        return fail(dispense.error());
    }
    return write_out(options, boost::json::serialize(translators::fhir::to_json(*dispense)) + "\n");
}

// Today's date in UTC as a FHIR date ("2026-11-23").
std::string today_as_fhir_date() {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[16];
    std::strftime(text, sizeof text, "%Y-%m-%d", &utc);
    return text;
}

result<translators::cda::eprescription_document> read_prescription_file(const std::string& file) {
    auto text = trust::files::read_whole_file(file);
    if (!text) {
        return text.error();
    }
    auto document = trust::xml::parse_document(*text);
    if (!document) {
        return document.error();
    }
    return translators::cda::read_eprescription(*document);
}

// The national product register: a Bundle of Medication (as samples/national-store/seed/
// products.json) or a single Medication.
result<std::vector<translators::fhir::medication>> read_products(const std::string& file) {
    std::vector<translators::fhir::medication> products;
    if (file.empty()) {
        return products;
    }
    auto text = trust::files::read_whole_file(file);
    if (!text) {
        return text.error();
    }
    auto json = translators::fhir::parse_json_text(*text);
    if (!json) {
        return json.error();
    }
    auto resource = translators::fhir::parse_resource(*json);
    if (!resource) {
        return resource.error();
    }
    if (const auto* one = std::get_if<translators::fhir::medication>(&*resource)) {
        products.push_back(*one);
        return products;
    }
    auto bundle = translators::fhir::parse_bundle(*json);
    if (!bundle) {
        return bundle.error();
    }
    for (const auto* medication :
         translators::fhir::resources_of<translators::fhir::medication>(*bundle)) {
        products.push_back(*medication);
    }
    return products;
}

int translate_to_swedish_view(const translate_options& options) {
    auto tables = terminology::read_terminology(terminology_directory(options));
    if (!tables) {
        return fail(tables.error());
    }
    auto products = read_products(options.products);
    if (!products) {
        return fail(products.error());
    }
    auto prescription = read_prescription_file(options.input);
    if (!prescription) {
        return fail(prescription.error());
    }
    const std::string today = options.today.empty() ? today_as_fhir_date() : options.today;
    auto view = translators::eprescription_to_se_view::make_swedish_view(
        {*prescription, *products, today}, *tables);
    if (!view) {
        return fail(view.error());
    }
    for (const auto& warning : view->warnings) {
        std::cerr << "ncpeh translate: warning: " << warning.code << ": " << warning.message
                  << '\n';
    }
    return write_out(options, boost::json::serialize(translators::fhir::to_json(
                                  translators::eprescription_to_se_view::to_bundle(*view))) +
                                  "\n");
}

int translate_to_edispensation(const translate_options& options) {
    if (options.prescription.empty()) {
        std::cerr << "ncpeh translate: --to ehdsi-ed needs --prescription EP.xml\n";
        return exit_unusable;
    }
    auto tables = terminology::read_terminology(terminology_directory(options));
    if (!tables) {
        return fail(tables.error());
    }
    auto text = trust::files::read_whole_file(options.input);
    if (!text) {
        return fail(text.error());
    }
    auto json = translators::fhir::parse_json_text(*text);
    if (!json) {
        return fail(json.error());
    }
    auto dispense = translators::fhir::parse_medication_dispense(*json);
    if (!dispense) {
        return fail(dispense.error());
    }
    auto prescription = read_prescription_file(options.prescription);
    if (!prescription) {
        return fail(prescription.error());
    }
    namespace ed = translators::sweden_dispense_to_edispensation;
    ed::edispensation_settings settings;
    settings.dispensation_id_root = options.dispensation_root;
    settings.custodian = translators::eprescription_l3::swedish_custodian("2.999.752.1.1");
    settings.policy = options.policy == "warning"
                          ? translators::terminology::mapping_policy::warning
                          : translators::terminology::mapping_policy::error;
    const bool discard = options.discard || dispense->status == "entered-in-error";
    const auto document_id = ed::edispensation_document_id(options.dispensation_root,
                                                           dispense->actor_dispatch_id, discard);
    const std::string now = options.now.empty()
                                ? translators::cda::to_cda_time(std::chrono::system_clock::now())
                                : options.now;
    auto model = ed::make_edispensation({*dispense, *prescription, now, document_id, discard},
                                        settings, *tables);
    if (!model) {
        return fail(model.error());
    }
    for (const error& warning : model->warnings) {
        std::cerr << "ncpeh translate: warning: " << warning.describe() << '\n';
    }
    return write_out(options, ed::write_edispensation(model->document));
}

int run_translate(const translate_options& options) {
    if (options.kind == "se-view") {
        return translate_to_swedish_view(options);
    }
    if (options.kind == "ehdsi-ed") {
        return translate_to_edispensation(options);
    }
    if (options.kind == "nll-dispense") {
        return translate_dispensation(options);
    }
    return translate_prescription(options);
}

}  // namespace

command add_translate_command(CLI::App& app) {
    auto opts = std::make_shared<translate_options>();
    CLI::App* sub = app.add_subcommand(
        "translate",
        "Translate a document offline.\n"
        "  --to ehdsi-ep-l3|ehdsi-ep-l1 BUNDLE.json  Swedish NLL-style bundle -> eHDSI "
        "ePrescription\n"
        "  --to nll-dispense ED.xml                 eHDSI eDispensation -> NLL MedicationDispense\n"
        "  --to se-view EP.xml [--products FILE]    foreign eHDSI ePrescription -> Swedish view\n"
        "  --to ehdsi-ed DISPENSE.json --prescription EP.xml\n"
        "                                           Swedish dispensation -> eHDSI eDispensation\n"
        "Exit status: 0 translated, 1 the input yields an eHDSI error, 2 unusable input.");
    sub->add_option("--to", opts->kind,
                    "Target: ehdsi-ep-l3, ehdsi-ep-l1, nll-dispense, se-view, ehdsi-ed")
        ->required()
        ->check(
            CLI::IsMember({"ehdsi-ep-l3", "ehdsi-ep-l1", "nll-dispense", "se-view", "ehdsi-ed"}));
    sub->add_option("IN", opts->input, "Input file")->required();
    sub->add_option("--out", opts->output, "Output file (default: standard output)");
    sub->add_option(
        "--prescription", opts->prescription,
        "ehdsi-ep-*: the MedicationRequest id to translate when the bundle has several; "
        "ehdsi-ed: the original ePrescription CDA");
    sub->add_option("--terminology", opts->terminology_dir,
                    "Terminology directory (default: translators/terminology/data)");
    sub->add_option("--prescription-root", opts->prescription_root,
                    "OID of NLL prescription ids in CDA (default 2.999.752.1.2, as the example "
                    "configuration); for nll-dispense, only eDs naming this root are accepted")
        ->each([opts](const std::string&) { opts->prescription_root_given = true; });
    sub->add_option("--now", opts->now,
                    "Creation time as CDA TS, e.g. 20250304100000+0100 "
                    "(default: now, UTC)");
    sub->add_option("--policy", opts->policy, "Unmappable codes: error (default) or warning")
        ->check(CLI::IsMember({"error", "warning"}));
    sub->add_flag("--discard", opts->discard,
                  "nll-dispense: the document is a discard (urn:eHDSI:ed:discard:2020); "
                  "ehdsi-ed: write the discard of the dispensation");
    sub->add_option("--products", opts->products,
                    "se-view: the national product register (a Bundle of Medication, e.g. "
                    "samples/national-store/seed/products.json) for candidate Swedish products");
    sub->add_option("--today", opts->today,
                    "se-view: today's date for the validity checks, e.g. 2026-11-23 "
                    "(default: today, UTC)");
    sub->add_option("--dispensation-root", opts->dispensation_root,
                    "ehdsi-ed: OID of Swedish dispensation ids (default 2.999.752.1.5)");
    return {sub, [opts] { return run_translate(*opts); }};
}

}  // namespace ncpeh::gateway::cli
