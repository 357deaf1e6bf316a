#include "samples/national-store/prescription_store.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include "translators/fhir/bundle.hpp"
#include "translators/fhir/fhir_date.hpp"
#include "translators/fhir/uris.hpp"
#include "translators/sweden/check_digit.hpp"
#include "translators/sweden/identifier_formats.hpp"
#include "translators/sweden/identifier_oids.hpp"
#include "translators/sweden/personnummer.hpp"
#include "translators/sweden/validate_resources.hpp"
#include "trust/files/read_whole_file.hpp"

namespace ncpeh::samples::national_store {

namespace json = boost::json;
namespace fhir = translators::fhir;
namespace sweden = translators::sweden;
namespace uris = fhir::uris;

namespace {

constexpr std::string_view schema = R"sql(
CREATE TABLE IF NOT EXISTS patient(
  id TEXT PRIMARY KEY, identifier TEXT NOT NULL, json TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS patient_by_identifier ON patient(identifier);
CREATE TABLE IF NOT EXISTS prescription(
  id TEXT PRIMARY KEY, patient_id TEXT NOT NULL, status TEXT NOT NULL, json TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS prescription_by_patient ON prescription(patient_id);
CREATE TABLE IF NOT EXISTS dispense(
  id TEXT PRIMARY KEY, actor_dispatch_id TEXT NOT NULL UNIQUE, prescription_id TEXT,
  json TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS dispense_by_prescription ON dispense(prescription_id);
CREATE TABLE IF NOT EXISTS consent(
  id TEXT PRIMARY KEY, patient_id TEXT NOT NULL, recorded TEXT NOT NULL, json TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS consent_by_patient ON consent(patient_id);
CREATE TABLE IF NOT EXISTS medication(npl_pack_id TEXT PRIMARY KEY, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS practitioner(
  id TEXT PRIMARY KEY, legitimationskod TEXT NOT NULL UNIQUE, json TEXT NOT NULL);
)sql";

store_failure failure(store_error code, std::string message) {
    return store_failure{code, std::move(message)};
}

json::object parse_stored(const std::string& text) {
    return json::parse(text).as_object();
}

/// Strips "Type/" from a reference, or returns empty when the type differs.
std::string id_from_reference(std::string_view reference, std::string_view type) {
    const std::string prefix = std::string(type) + "/";
    if (!reference.starts_with(prefix)) {
        return {};
    }
    return std::string(reference.substr(prefix.size()));
}

/// Parses `body` as JSON, mapping failures to malformed-json.
store_result<json::value> parse_body(std::string_view body) {
    auto parsed = fhir::parse_json_text(body);
    if (!parsed) {
        return failure(store_error::malformed_json, parsed.error().message);
    }
    return std::move(*parsed);
}

/// Maps a validation report's first error: quantity rules → invalid-quantity, identifier rules
/// → invalid-identifier, the rest → rule-violation.
store_failure from_report(const sweden::validation_report& report) {
    const auto& e = report.first_error();
    const auto rule = e.context_value("rule");
    if (rule.starts_with("quantity.")) {
        return failure(store_error::invalid_quantity, e.message);
    }
    if (rule.starts_with("personnummer.")) {
        return failure(store_error::invalid_personnummer, e.message);
    }
    if (rule.starts_with("gln.") || rule.starts_with("npl_") || rule.starts_with("hsa_id.")) {
        return failure(store_error::invalid_identifier, e.message);
    }
    return failure(store_error::rule_violation, e.message);
}

/// The systems a legitimationskod search may name: NLL's URI and the OID as `urn:oid:`.
bool is_legitimationskod_system(std::string_view system) {
    return system == uris::legitimationskod ||
           (system.starts_with("urn:oid:") && system.substr(8) == sweden::legitimationskod_oid);
}

/// A legitimationskod as the register keeps it: digits only (Socialstyrelsen publishes no
/// length, so at most 20 guards the index).
bool is_legitimationskod(std::string_view value) {
    return value.size() <= 20 && sweden::is_all_digits(value);
}

/// A full (level 5) ATC code: letter, two digits, two letters, two digits (`C08CA01`).
bool is_atc_level5(std::string_view code) {
    auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    return code.size() == 7 && upper(code[0]) && digit(code[1]) && digit(code[2]) &&
           upper(code[3]) && upper(code[4]) && digit(code[5]) && digit(code[6]);
}

/// Splits "system|value" (or "value") and refuses a system `accepted` does not know.
template <class Accepted>
store_result<std::string_view> search_value(std::string_view token, Accepted accepted) {
    const auto bar = token.find('|');
    if (bar == std::string_view::npos) {
        return token;
    }
    const auto system = token.substr(0, bar);
    if (!system.empty() && !accepted(system)) {
        return failure(store_error::invalid_identifier,
                       "unsupported identifier system " + std::string(system));
    }
    return token.substr(bar + 1);
}

/// The register's rules for a Practitioner (see `load_seed`); returns its legitimationskod or
/// throws `std::runtime_error` saying what is wrong. `raw` is the resource as written: the
/// typed model does not keep `qualification.period`.
std::string check_register_practitioner(const fhir::practitioner& p, const json::object& raw) {
    const std::string who = "Practitioner " + p.id;
    if (p.id.empty()) {
        throw std::runtime_error("a Practitioner needs an id");
    }
    std::string code;
    for (const auto& i : p.identifiers) {
        if (is_legitimationskod_system(i.system)) {
            if (!code.empty()) {
                throw std::runtime_error(who + " has more than one legitimationskod");
            }
            if (!is_legitimationskod(i.value)) {
                throw std::runtime_error(who + ": legitimationskod \"" + i.value +
                                         "\" is not 1 to 20 digits");
            }
            code = i.value;
        }
    }
    if (code.empty()) {
        throw std::runtime_error(who + " has no legitimationskod identifier");
    }
    if (std::none_of(p.name.begin(), p.name.end(), [](const fhir::human_name& n) {
            return !n.family.empty() || !n.text.empty();
        })) {
        throw std::runtime_error(who + " has no name");
    }
    if (const auto* active = raw.if_contains("active"); active && !active->is_bool()) {
        throw std::runtime_error(who + ": active must be a boolean");
    }
    for (const auto& q : p.qualifications) {
        if (std::none_of(q.coding.begin(), q.coding.end(), [](const fhir::coding& c) {
                return c.system == uris::profession_code && !c.code.empty();
            })) {
            throw std::runtime_error(who + ": a qualification without a profession code (" +
                                     std::string(uris::profession_code) + ")");
        }
    }
    if (const auto* quals = raw.if_contains("qualification"); quals && quals->is_array()) {
        for (const auto& q : quals->as_array()) {
            const auto* period = q.is_object() ? q.as_object().if_contains("period") : nullptr;
            if (!period) {
                continue;
            }
            std::optional<std::chrono::year_month_day> start, end;
            for (const auto* key : {"start", "end"}) {
                const auto* text =
                    period->is_object() ? period->as_object().if_contains(key) : nullptr;
                if (!period->is_object() || (text && !text->is_string())) {
                    throw std::runtime_error(who + ": qualification.period is malformed");
                }
                if (!text) {
                    continue;
                }
                auto date = fhir::parse_fhir_date(text->as_string());
                if (!date) {
                    throw std::runtime_error(who + ": qualification.period." + key + " \"" +
                                             std::string(text->as_string()) + "\" is not a date");
                }
                (std::string_view(key) == "start" ? start : end) = *date;
            }
            if (start && end && *end < *start) {
                throw std::runtime_error(who + ": qualification.period ends before it starts");
            }
        }
    }
    return code;
}

std::string bump_version(const std::string& version) {
    try {
        return std::to_string(std::stoll(version.empty() ? "1" : version) + 1);
    } catch (const std::exception&) {
        return "2";
    }
}

}  // namespace

prescription_store::prescription_store(const std::filesystem::path& db_file,
                                       std::optional<std::chrono::year_month_day> today)
    : db_(db_file), today_(today), random_(std::random_device{}()) {
    db_.execute(schema);
}

std::chrono::year_month_day prescription_store::today() const {
    if (today_) {
        return *today_;
    }
    return std::chrono::year_month_day{
        std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
}

std::string prescription_store::new_id() {
    const auto a = random_();
    const auto b = random_();
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%08x-%04x-4%03x-%04x-%012llx",
                  static_cast<unsigned>(a >> 32), static_cast<unsigned>((a >> 16) & 0xffff),
                  static_cast<unsigned>(a & 0xfff),
                  static_cast<unsigned>(0x8000 | ((b >> 48) & 0x3fff)),
                  static_cast<unsigned long long>(b & 0xffffffffffffULL));
    return buffer;
}

void prescription_store::insert_resource(const json::object& resource) {
    auto parsed = fhir::parse_resource(resource);
    if (!parsed) {
        throw std::runtime_error(parsed.error().message);
    }
    const auto text = json::serialize(resource);
    auto check = [](const sweden::validation_report& report) {
        if (!report.ok()) {
            throw std::runtime_error(report.first_error().message);
        }
    };
    if (auto* p = std::get_if<fhir::patient>(&*parsed)) {
        check(sweden::validate_patient(*p));
        db_.prepare("INSERT INTO patient(id, identifier, json) VALUES(?, ?, ?)")
            .bind(1, p->id)
            .bind(2, fhir::national_identifier(*p)->value)
            .bind(3, text)
            .run();
    } else if (auto* m = std::get_if<fhir::medication_request>(&*parsed)) {
        check(sweden::validate_medication_request(*m));
        db_.prepare("INSERT INTO prescription(id, patient_id, status, json) VALUES(?, ?, ?, ?)")
            .bind(1, m->id)
            .bind(2, fhir::subject_patient_id(*m))
            .bind(3, fhir::code_of(*fhir::effective_nll_status(*m)))
            .bind(4, text)
            .run();
        if (m->medication && !fhir::npl_pack_id(*m->medication).empty()) {
            auto product = *m->medication;
            product.id = fhir::npl_pack_id(product);
            db_.prepare("INSERT OR IGNORE INTO medication(npl_pack_id, json) VALUES(?, ?)")
                .bind(1, product.id)
                .bind(2, json::serialize(fhir::to_json(product)))
                .run();
        }
    } else if (auto* d = std::get_if<fhir::medication_dispense>(&*parsed)) {
        check(sweden::validate_medication_dispense(*d));
        auto statement = db_.prepare(
            "INSERT INTO dispense(id, actor_dispatch_id, prescription_id, json) "
            "VALUES(?, ?, ?, ?)");
        statement.bind(1, d->id).bind(2, d->actor_dispatch_id);
        const auto rx = fhir::authorizing_prescription_id(*d);
        if (rx.empty()) {
            statement.bind_null(3);
        } else {
            statement.bind(3, rx);
        }
        statement.bind(4, text).run();
    } else if (auto* c = std::get_if<fhir::consent>(&*parsed)) {
        check(sweden::validate_consent(*c));
        db_.prepare("INSERT INTO consent(id, patient_id, recorded, json) VALUES(?, ?, ?, ?)")
            .bind(1, c->id)
            .bind(2, id_from_reference(c->patient.reference, "Patient"))
            .bind(3, c->date_time)
            .bind(4, text)
            .run();
    } else if (auto* med = std::get_if<fhir::medication>(&*parsed)) {
        const auto pack = fhir::npl_pack_id(*med);
        if (!sweden::validate_npl_pack_id(pack)) {
            throw std::runtime_error("Medication " + med->id + " has no valid NPL-pack-id");
        }
        db_.prepare("INSERT OR REPLACE INTO medication(npl_pack_id, json) VALUES(?, ?)")
            .bind(1, pack)
            .bind(2, text)
            .run();
    } else if (auto* pr = std::get_if<fhir::practitioner>(&*parsed)) {
        const auto code = check_register_practitioner(*pr, resource);
        auto taken = db_.prepare("SELECT id FROM practitioner WHERE legitimationskod = ?");
        taken.bind(1, code);
        if (taken.step()) {
            throw std::runtime_error("Practitioner " + pr->id + ": legitimationskod " + code +
                                     " is already Practitioner " + taken.text(0) + "'s");
        }
        db_.prepare("INSERT INTO practitioner(id, legitimationskod, json) VALUES(?, ?, ?)")
            .bind(1, pr->id)
            .bind(2, code)
            .bind(3, text)
            .run();
    } else {
        throw std::runtime_error("unsupported seed resource type " +
                                 std::string(fhir::resource_type_of(*parsed)));
    }
}

std::size_t prescription_store::load_seed(const std::filesystem::path& dir) {
    auto count = db_.prepare("SELECT COUNT(*) FROM patient");
    count.step();
    if (count.integer(0) > 0) {
        return 0;
    }
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        if (entry.path().extension() == ".json") {
            files.push_back(entry.path());
        }
    }
    if (files.empty()) {
        throw std::runtime_error("no *.json seed files in " + dir.string());
    }
    std::sort(files.begin(), files.end());
    sqlite_transaction tx(db_);
    std::size_t loaded = 0;
    for (const auto& file : files) {
        auto value = fhir::parse_json_text(trust::files::read_whole_file(file).value());
        if (!value || !value->is_object()) {
            throw std::runtime_error(file.string() + ": not a JSON object");
        }
        const auto* entries = value->as_object().if_contains("entry");
        if (!entries || !entries->is_array()) {
            throw std::runtime_error(file.string() + ": not a Bundle with entries");
        }
        std::size_t index = 0;
        for (const auto& entry : entries->as_array()) {
            try {
                insert_resource(entry.at("resource").as_object());
            } catch (const std::exception& e) {
                throw std::runtime_error(file.string() + " entry " + std::to_string(index) + ": " +
                                         e.what());
            }
            ++index;
            ++loaded;
        }
    }
    tx.commit();
    return loaded;
}

store_result<std::vector<json::object>> prescription_store::search_patients(
    std::string_view identifier) {
    std::string_view value = identifier;
    if (auto bar = identifier.find('|'); bar != std::string_view::npos) {
        const auto system = identifier.substr(0, bar);
        value = identifier.substr(bar + 1);
        if (!system.empty() && system != uris::personnummer &&
            system != sweden::personnummer_oid_urn && system != uris::samordningsnummer &&
            system != sweden::samordningsnummer_oid_urn) {
            return failure(store_error::invalid_identifier,
                           "unsupported identifier system " + std::string(system));
        }
    }
    if (auto checked = sweden::validate_personnummer(value); !checked) {
        return failure(store_error::invalid_personnummer, checked.error().message);
    }
    std::vector<json::object> out;
    auto q = db_.prepare("SELECT json FROM patient WHERE identifier = ?");
    q.bind(1, value);
    while (q.step()) {
        out.push_back(parse_stored(q.text(0)));
    }
    return out;
}

store_result<patients_with_consents> prescription_store::search_patients_with_consents(
    std::string_view identifier) {
    auto patients = search_patients(identifier);
    if (!patients) {
        return patients.error();
    }
    // No read transaction is needed for a consistent answer: one thread serves every request
    // of this store, so no write can land between the two reads.
    patients_with_consents out{std::move(*patients), {}};
    for (const auto& patient : out.patients) {
        for (auto& consent : consents_of(patient.at("id").as_string())) {
            out.consents.push_back(std::move(consent));
        }
    }
    return out;
}

store_result<json::object> prescription_store::read_patient(std::string_view id) {
    auto q = db_.prepare("SELECT json FROM patient WHERE id = ?");
    q.bind(1, id);
    if (!q.step()) {
        return failure(store_error::unknown_patient, "no patient with id " + std::string(id));
    }
    return parse_stored(q.text(0));
}

store_result<std::vector<json::object>> prescription_store::search_prescriptions(
    std::string_view patient_id, const std::vector<std::string>& statuses) {
    if (auto p = read_patient(patient_id); !p) {
        return p.error();
    }
    std::vector<std::string> wanted;
    for (const auto& s : statuses) {
        if (auto swedish = fhir::parse_nll_status(s)) {
            wanted.emplace_back(fhir::code_of(*swedish));
        } else if (auto from_fhir = fhir::nll_status_from_fhir(s)) {
            wanted.emplace_back(fhir::code_of(*from_fhir));
        } else {
            return failure(store_error::rule_violation, "unknown prescription status " + s);
        }
    }
    std::vector<json::object> out;
    auto q = db_.prepare("SELECT status, json FROM prescription WHERE patient_id = ? ORDER BY id");
    q.bind(1, patient_id);
    while (q.step()) {
        if (wanted.empty() || std::find(wanted.begin(), wanted.end(), q.text(0)) != wanted.end()) {
            out.push_back(parse_stored(q.text(1)));
        }
    }
    return out;
}

store_result<json::object> prescription_store::read_prescription(std::string_view id) {
    auto q = db_.prepare("SELECT json FROM prescription WHERE id = ?");
    q.bind(1, id);
    if (!q.step()) {
        return failure(store_error::unknown_prescription,
                       "no prescription with id " + std::string(id));
    }
    return parse_stored(q.text(0));
}

store_result<json::object> prescription_store::read_medication(std::string_view npl_pack_id) {
    if (auto valid = sweden::validate_npl_pack_id(npl_pack_id); !valid) {
        return failure(store_error::invalid_identifier, valid.error().message);
    }
    auto q = db_.prepare("SELECT json FROM medication WHERE npl_pack_id = ?");
    q.bind(1, npl_pack_id);
    if (!q.step()) {
        return failure(store_error::unknown_medication,
                       "no product with NPL-pack-id " + std::string(npl_pack_id));
    }
    return parse_stored(q.text(0));
}

store_result<std::vector<json::object>> prescription_store::search_medications_by_atc(
    std::string_view code) {
    auto value = search_value(code, [](std::string_view system) { return system == uris::atc; });
    if (!value) {
        return value.error();
    }
    if (!is_atc_level5(*value)) {
        return failure(store_error::invalid_identifier,
                       "\"" + std::string(*value) +
                           "\" is not a full ATC code (letter, 2 digits, 2 letters, 2 digits)");
    }
    std::vector<json::object> out;
    auto q = db_.prepare(
        "SELECT DISTINCT m.npl_pack_id, m.json FROM medication m, "
        "json_each(m.json, '$.code.coding') c "
        "WHERE json_extract(c.value, '$.system') = ? AND json_extract(c.value, '$.code') = ? "
        "ORDER BY m.npl_pack_id");
    q.bind(1, uris::atc).bind(2, *value);
    while (q.step()) {
        out.push_back(parse_stored(q.text(1)));
    }
    return out;
}

store_result<std::vector<json::object>> prescription_store::search_practitioners(
    std::string_view identifier) {
    auto value = search_value(identifier, is_legitimationskod_system);
    if (!value) {
        return value.error();
    }
    if (!is_legitimationskod(*value)) {
        return failure(store_error::invalid_identifier,
                       "legitimationskod \"" + std::string(*value) + "\" is not 1 to 20 digits");
    }
    std::vector<json::object> out;
    auto q = db_.prepare("SELECT json FROM practitioner WHERE legitimationskod = ?");
    q.bind(1, *value);
    while (q.step()) {
        out.push_back(parse_stored(q.text(0)));
    }
    return out;
}

store_result<json::object> prescription_store::read_practitioner(std::string_view id) {
    auto q = db_.prepare("SELECT json FROM practitioner WHERE id = ?");
    q.bind(1, id);
    if (!q.step()) {
        return failure(store_error::unknown_practitioner,
                       "no practitioner with id " + std::string(id));
    }
    return parse_stored(q.text(0));
}

store_result<json::object> prescription_store::read_dispense(std::string_view id) {
    auto q = db_.prepare("SELECT json FROM dispense WHERE id = ?");
    q.bind(1, id);
    if (!q.step()) {
        return failure(store_error::unknown_dispense, "no dispense with id " + std::string(id));
    }
    return parse_stored(q.text(0));
}

store_result<std::vector<json::object>> prescription_store::search_dispenses(
    std::string_view prescription_id) {
    if (auto rx = read_prescription(prescription_id); !rx) {
        return rx.error();
    }
    std::vector<json::object> out;
    auto q = db_.prepare("SELECT json FROM dispense WHERE prescription_id = ? ORDER BY rowid");
    q.bind(1, prescription_id);
    while (q.step()) {
        out.push_back(parse_stored(q.text(0)));
    }
    return out;
}

store_result<recorded_dispense> prescription_store::record_dispense(std::string_view body) {
    auto value = parse_body(body);
    if (!value) {
        return value.error();
    }
    auto parsed = fhir::parse_medication_dispense(*value);
    if (!parsed) {
        return failure(store_error::invalid_resource, parsed.error().message);
    }
    auto dispense = std::move(*parsed);
    if (dispense.status.empty()) {
        dispense.status = "completed";
    }
    if (auto report = sweden::validate_medication_dispense(dispense); !report.ok()) {
        return from_report(report);
    }
    if (dispense.status != "completed") {
        return failure(store_error::rule_violation,
                       "MedicationDispense.status: a new dispense must be completed");
    }

    sqlite_transaction tx(db_);
    // Idempotency: the actor's dispatch id identifies the dispense.
    {
        auto q =
            db_.prepare("SELECT prescription_id, json FROM dispense WHERE actor_dispatch_id = ?");
        q.bind(1, dispense.actor_dispatch_id);
        if (q.step()) {
            const auto earlier_rx = q.is_null(0) ? std::string() : q.text(0);
            if (earlier_rx != fhir::authorizing_prescription_id(dispense)) {
                return failure(store_error::idempotency_conflict,
                               "actor dispatch id " + dispense.actor_dispatch_id +
                                   " was already used for another prescription");
            }
            return recorded_dispense{parse_stored(q.text(1)), true};
        }
    }
    const auto patient_id = id_from_reference(dispense.subject.reference, "Patient");
    if (auto p = read_patient(patient_id); !p) {
        return p.error();
    }
    dispense.id = new_id();
    dispense.meta.version_id = "1";
    if (fhir::is_paper_prescription_dispense(dispense)) {
        if (dispense.meta.profile.empty()) {
            dispense.meta.profile.emplace_back(uris::nll_dispense_paper_prescription);
        }
    } else {
        if (dispense.meta.profile.empty()) {
            dispense.meta.profile.emplace_back(uris::nll_medication_dispense);
        }
        const auto rx_id = fhir::authorizing_prescription_id(dispense);
        auto stored = read_prescription(rx_id);
        if (!stored) {
            return stored.error();
        }
        auto rx = fhir::parse_medication_request(*stored).value();
        if (fhir::subject_patient_id(rx) != patient_id) {
            return failure(store_error::patient_mismatch,
                           "the dispense's subject is not the prescription's patient");
        }
        const auto today_date = today();
        const auto& request = rx.dispense_request.value();
        const auto end = fhir::parse_fhir_date(request.validity_period.value().end).value();
        if (end < today_date) {
            return failure(store_error::prescription_expired,
                           "the prescription expired on " + fhir::format_fhir_date(end));
        }
        const auto status = fhir::effective_nll_status(rx).value();
        const long long remaining =
            rx.remaining_dispenses.value_or(request.number_of_dispenses_allowed.value_or(0));
        if (status == fhir::nll_status::slutexpedierad || remaining <= 0) {
            return failure(store_error::no_dispenses_left,
                           "all dispenses of the prescription have been used");
        }
        if (status != fhir::nll_status::aktiv) {
            return failure(
                store_error::prescription_not_active,
                "the prescription is " + std::string(fhir::code_of(status)) + ", not aktiv");
        }
        if (request.dispense_interval && request.dispense_interval->value &&
            !rx.last_dispensed.empty()) {
            const auto last = fhir::parse_fhir_date(rx.last_dispensed).value();
            const auto days = fhir::days_between(last, today_date);
            if (days < *request.dispense_interval->value) {
                return failure(
                    store_error::dispense_interval,
                    "the dispense interval of " +
                        std::to_string(static_cast<long long>(*request.dispense_interval->value)) +
                        " days has not passed (last dispense " + fhir::format_fhir_date(last) +
                        ")");
            }
        }
        // Product: the prescribed package unless substituted (and substitution allowed).
        if (rx.medication) {
            const auto prescribed = fhir::npl_pack_id(*rx.medication);
            std::string given;
            for (const auto& c : dispense.medication.coding) {
                if (c.system == uris::nplpackid || c.system == uris::nplpackid_2019) {
                    given = c.code;
                }
            }
            if (!prescribed.empty() && !given.empty() && given != prescribed) {
                if (rx.substitution_allowed == false) {
                    return failure(store_error::substitution_not_allowed,
                                   "the prescriber does not allow substitution");
                }
                if (!dispense.was_substituted.value_or(false)) {
                    return failure(store_error::product_mismatch,
                                   "another package was dispensed without wasSubstituted");
                }
            }
            // Quantity: at most the packages prescribed per uttag.
            const auto packages = request.number_of_packages_prescribed.value_or(1);
            if (dispense.number_of_packages_dispensed &&
                *dispense.number_of_packages_dispensed > packages) {
                return failure(store_error::invalid_quantity,
                               "more packages dispensed than prescribed per uttag (" +
                                   std::to_string(packages) + ")");
            }
            if (rx.medication->amount && rx.medication->amount->numerator.value &&
                given == prescribed &&
                *dispense.quantity->value >
                    *rx.medication->amount->numerator.value * static_cast<double>(packages)) {
                return failure(store_error::invalid_quantity,
                               "the quantity exceeds the packages prescribed per uttag");
            }
        }
        // Apply: one uttag used.
        rx.remaining_dispenses = remaining - 1;
        rx.last_dispensed = dispense.when_handed_over;
        if (*rx.remaining_dispenses == 0) {
            rx.nll_status = fhir::nll_status::slutexpedierad;
            rx.status = std::string(fhir::fhir_status_of(*rx.nll_status));
        }
        rx.meta.version_id = bump_version(rx.meta.version_id);
        db_.prepare("UPDATE prescription SET status = ?, json = ? WHERE id = ?")
            .bind(1, fhir::code_of(*fhir::effective_nll_status(rx)))
            .bind(2, json::serialize(fhir::to_json(rx)))
            .bind(3, rx.id)
            .run();
    }
    auto out = fhir::to_json(dispense);
    auto insert = db_.prepare(
        "INSERT INTO dispense(id, actor_dispatch_id, prescription_id, json) VALUES(?, ?, ?, ?)");
    insert.bind(1, dispense.id).bind(2, dispense.actor_dispatch_id);
    const auto rx_id = fhir::authorizing_prescription_id(dispense);
    if (rx_id.empty()) {
        insert.bind_null(3);
    } else {
        insert.bind(3, rx_id);
    }
    insert.bind(4, json::serialize(out)).run();
    tx.commit();
    return recorded_dispense{std::move(out), false};
}

store_result<json::object> prescription_store::reverse_dispense(std::string_view id) {
    sqlite_transaction tx(db_);
    auto stored = read_dispense(id);
    if (!stored) {
        return stored.error();
    }
    auto dispense = fhir::parse_medication_dispense(*stored).value();
    if (dispense.status == "entered-in-error") {
        return std::move(*stored);  // already reversed: same answer again
    }
    dispense.status = "entered-in-error";
    dispense.meta.version_id = bump_version(dispense.meta.version_id);
    const auto rx_id = fhir::authorizing_prescription_id(dispense);
    if (!rx_id.empty()) {
        auto rx_json = read_prescription(rx_id);
        if (!rx_json) {
            return rx_json.error();
        }
        auto rx = fhir::parse_medication_request(*rx_json).value();
        const auto allowed = rx.dispense_request->number_of_dispenses_allowed.value_or(1);
        rx.remaining_dispenses = std::min(allowed, rx.remaining_dispenses.value_or(0) + 1);
        if (rx.nll_status == fhir::nll_status::slutexpedierad) {
            rx.nll_status = fhir::nll_status::aktiv;
            rx.status = std::string(fhir::fhir_status_of(*rx.nll_status));
        }
        // The latest dispense still standing decides the interval.
        rx.last_dispensed.clear();
        auto q = db_.prepare("SELECT json FROM dispense WHERE prescription_id = ? AND id <> ?");
        q.bind(1, rx_id).bind(2, id);
        while (q.step()) {
            auto other = fhir::parse_medication_dispense(json::parse(q.text(0))).value();
            if (other.status == "completed" && other.when_handed_over > rx.last_dispensed) {
                rx.last_dispensed = other.when_handed_over;
            }
        }
        rx.meta.version_id = bump_version(rx.meta.version_id);
        db_.prepare("UPDATE prescription SET status = ?, json = ? WHERE id = ?")
            .bind(1, fhir::code_of(*fhir::effective_nll_status(rx)))
            .bind(2, json::serialize(fhir::to_json(rx)))
            .bind(3, rx.id)
            .run();
    }
    auto out = fhir::to_json(dispense);
    db_.prepare("UPDATE dispense SET json = ? WHERE id = ?")
        .bind(1, json::serialize(out))
        .bind(2, id)
        .run();
    tx.commit();
    return out;
}

store_result<std::vector<json::object>> prescription_store::search_consents(
    std::string_view patient_id) {
    if (auto p = read_patient(patient_id); !p) {
        return p.error();
    }
    return consents_of(patient_id);
}

std::vector<json::object> prescription_store::consents_of(std::string_view patient_id) {
    std::vector<json::object> out;
    auto q = db_.prepare(
        "SELECT json FROM consent WHERE patient_id = ? ORDER BY recorded DESC, rowid DESC");
    q.bind(1, patient_id);
    while (q.step()) {
        out.push_back(parse_stored(q.text(0)));
    }
    return out;
}

store_result<json::object> prescription_store::record_consent(std::string_view body) {
    auto value = parse_body(body);
    if (!value) {
        return value.error();
    }
    auto parsed = fhir::parse_consent(*value);
    if (!parsed) {
        return failure(store_error::invalid_resource, parsed.error().message);
    }
    auto consent = std::move(*parsed);
    if (auto report = sweden::validate_consent(consent); !report.ok()) {
        return from_report(report);
    }
    const auto patient_id = id_from_reference(consent.patient.reference, "Patient");
    sqlite_transaction tx(db_);
    if (auto p = read_patient(patient_id); !p) {
        return p.error();
    }
    if (consent.status == "active") {
        // A new active consent replaces earlier active ones.
        auto q = db_.prepare("SELECT id, json FROM consent WHERE patient_id = ?");
        q.bind(1, patient_id);
        std::vector<std::pair<std::string, fhir::consent>> earlier;
        while (q.step()) {
            auto c = fhir::parse_consent(json::parse(q.text(1))).value();
            if (c.status == "active") {
                c.status = "inactive";
                c.meta.version_id = bump_version(c.meta.version_id);
                earlier.emplace_back(q.text(0), std::move(c));
            }
        }
        for (const auto& [old_id, c] : earlier) {
            db_.prepare("UPDATE consent SET json = ? WHERE id = ?")
                .bind(1, json::serialize(fhir::to_json(c)))
                .bind(2, old_id)
                .run();
        }
    }
    consent.id = new_id();
    consent.meta.version_id = "1";
    if (consent.date_time.empty()) {
        consent.date_time = fhir::format_fhir_date(today());
    }
    auto out = fhir::to_json(consent);
    db_.prepare("INSERT INTO consent(id, patient_id, recorded, json) VALUES(?, ?, ?, ?)")
        .bind(1, consent.id)
        .bind(2, patient_id)
        .bind(3, consent.date_time)
        .bind(4, json::serialize(out))
        .run();
    tx.commit();
    return out;
}

}  // namespace ncpeh::samples::national_store
