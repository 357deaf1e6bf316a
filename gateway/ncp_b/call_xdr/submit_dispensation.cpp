#include "gateway/ncp_b/call_xdr/submit_dispensation.hpp"

#include "gateway/ihe/derived_id.hpp"
#include "gateway/ihe/hl7_time.hpp"
#include "gateway/ihe/patient_id.hpp"
#include "gateway/ihe/registry_response.hpp"
#include "gateway/ihe/xdr_request.hpp"
#include "gateway/ncp_b/assertion_headers.hpp"
#include "gateway/ncp_b/record_call.hpp"
#include "gateway/soap/response.hpp"
#include "translators/cda/cda_time.hpp"
#include "translators/cda/read_eprescription.hpp"
#include "translators/eprescription_l3/document_id.hpp"
#include "translators/fhir/uris.hpp"
#include "translators/sweden/identifier_oids.hpp"
#include "translators/sweden_dispense_to_edispensation/make_discard.hpp"
#include "translators/sweden_dispense_to_edispensation/write_edispensation.hpp"

namespace ncpeh::gateway::ncp_b {

namespace {

namespace ed = translators::sweden_dispense_to_edispensation;
namespace fhir = translators::fhir;

// The dispense must be the session's: its pharmacist (when it names one by legitimationskod)
// and its pharmacy (when it names one by GLN).
result<void> check_dispense_is_the_sessions(const fhir::medication_dispense& d,
                                            const pharmacist_session& session) {
    for (const fhir::practitioner& p : d.contained_practitioners) {
        for (const fhir::identifier& id : p.identifiers) {
            if (id.system == fhir::uris::legitimationskod &&
                id.value != session.pharmacist.legitimationskod) {
                return make_error(errc::invalid_argument,
                                  "the dispense names another pharmacist than the session's")
                    .with("element", "medicationDispense.contained[Practitioner].identifier");
            }
        }
    }
    if (d.location) {
        constexpr std::string_view prefix = "Location/";
        const std::string& ref = d.location->reference;
        if (ref.starts_with(prefix) && ref.substr(prefix.size()) != session.pharmacy.gln) {
            return make_error(errc::invalid_argument,
                              "the dispense names another pharmacy than the session's")
                .with("element", "medicationDispense.location");
        }
    }
    return {};
}

outbox_pharmacist outbox_pharmacist_of(const pharmacist& who) {
    return {who.legitimationskod, who.name, who.profession};
}

// Commits `entry` and tries it at once.
boost::asio::awaitable<result<accepted_dispensation>> commit_and_attempt(
    const country_b_settings& settings, country_b_services& services, outbox_entry entry) {
    auto stored = co_await services.outbox.enqueue(std::move(entry), outbox_clock::now());
    if (!stored) {
        co_return stored.error();
    }
    accepted_dispensation accepted{std::move(stored->record), stored->replayed, std::nullopt};
    if (accepted.replayed || services.delivery == nullptr) {
        co_return accepted;
    }
    auto report = co_await services.delivery->deliver_now(
        accepted.record.id, accepted.record.entry.country, settings.delivery_deadline);
    if (report) {
        accepted.first_attempt = std::move(*report);
    }
    // The record as it stands now (the first attempt may have delivered it).
    if (auto now =
            co_await services.outbox.find(accepted.record.id, accepted.record.entry.pharmacy_gln)) {
        accepted.record = std::move(*now);
    }
    co_return accepted;
}

}  // namespace

boost::asio::awaitable<result<accepted_dispensation>> submit_dispensation(
    const country_b_settings& settings, country_b_services& services,
    const pharmacist_session& session, const dispensation_report& report,
    std::string_view prescription_cda) {
    auto partner = partner_for(settings, report.country);
    if (!partner) {
        co_return partner.error();
    }
    if (auto own = check_dispense_is_the_sessions(report.dispense, session); !own) {
        co_return own.error();
    }
    auto parsed = trust::xml::parse_document(prescription_cda, settings.xml_limits);
    if (!parsed) {
        co_return parsed.error();
    }
    auto prescription = translators::cda::read_eprescription(*parsed);
    if (!prescription) {
        co_return prescription.error();
    }
    const std::string dispatch_key = session.pharmacy.gln + "-" + report.dispense.actor_dispatch_id;
    const auto ed_id = ed::edispensation_document_id(settings.edispensation.dispensation_id_root,
                                                     dispatch_key, false);
    const std::string now = translators::cda::to_cda_time(std::chrono::system_clock::now());
    auto model = ed::make_edispensation({report.dispense, *prescription, now, ed_id, false},
                                        settings.edispensation, *settings.tables);
    if (!model) {
        co_return model.error();
    }
    if (model->document.discard) {
        co_return make_error(errc::invalid_argument,
                             "a dispense with status entered-in-error is a discard: use "
                             "POST foreign-dispensations/{id}/$discard")
            .with("element", "medicationDispense.status");
    }
    outbox_entry entry;
    entry.kind = outbox_kind::dispensation;
    entry.pharmacy_gln = session.pharmacy.gln;
    entry.dispatch_id = report.dispense.actor_dispatch_id;
    entry.pharmacist = outbox_pharmacist_of(session.pharmacist);
    entry.country = (*partner)->country;
    entry.patient_id = report.patient_id;
    entry.prescription_document_id = report.document_id;
    entry.prescription_id =
        translators::eprescription_l3::document_unique_id(prescription->prescription_id);
    entry.ed_document_id = translators::eprescription_l3::document_unique_id(ed_id);
    entry.ed_cda = ed::write_edispensation(model->document);
    co_return co_await commit_and_attempt(settings, services, std::move(entry));
}

boost::asio::awaitable<result<accepted_dispensation>> submit_discard(
    const country_b_settings& settings, country_b_services& services,
    const pharmacist_session& session, const std::string& dispensation_id) {
    auto original = co_await services.outbox.find(dispensation_id, session.pharmacy.gln);
    if (!original) {
        co_return original.error();
    }
    if (original->entry.kind != outbox_kind::dispensation) {
        co_return make_error(errc::dispensation_not_found,
                             "this id is a discard; only a dispensation can be discarded");
    }
    if (original->status == outbox_status::failed) {
        co_return make_error(errc::ed_discard_failed,
                             "the dispensation was never delivered (it failed): there is "
                             "nothing to discard");
    }
    auto sent = trust::xml::parse_document(original->entry.ed_cda, settings.xml_limits);
    if (!sent) {
        co_return sent.error();
    }
    auto discard =
        ed::make_discard(*sent, translators::cda::to_cda_time(std::chrono::system_clock::now()));
    if (!discard) {
        co_return discard.error();
    }
    outbox_entry entry = original->entry;
    entry.kind = outbox_kind::discard;
    entry.discards_id = original->id;
    entry.pharmacist = outbox_pharmacist_of(session.pharmacist);
    entry.ed_cda = std::move(*discard);
    co_return co_await commit_and_attempt(settings, services, std::move(entry));
}

namespace {

// The ITI-41 submission of a record: every id derived from the eD document id, so each attempt
// sends the same submission.
ihe::xdr_submission submission_of(const country_b_settings& settings, const outbox_record& r,
                                  const pharmacy& at, ihe::parsed_patient_id patient) {
    ihe::xdr_submission s;
    s.kind = r.entry.kind == outbox_kind::discard ? ihe::submission_kind::discard
                                                  : ihe::submission_kind::dispensation;
    // A discard repeats the eD's document id; its own ids differ by its kind.
    const std::string name = std::string(name_of(r.entry.kind)) + ":" + r.entry.ed_document_id;
    s.entry_id = ihe::derived_uuid_urn("urn:ncpeh:ed", name);
    s.source_patient = std::move(patient);
    s.creation_time = ihe::xds_time_of(r.created_at);
    s.language_code = settings.edispensation.language_code;
    s.entry_unique_id = r.entry.ed_document_id;
    s.submission_set_unique_id =
        ihe::uuid_oid(ihe::derived_uuid_urn("urn:ncpeh:submission-set", name));
    s.documents.push_back({s.entry_id, r.entry.ed_cda});
    s.source_id = settings.home_community_id;
    s.author_institution = at.name;
    s.author_person = r.entry.pharmacist.name;
    return s;
}

result<void> acknowledgement_of(const soap::decoded_message& answer) {
    auto registry = ihe::parse_registry_response(answer.envelope.body_root());
    if (!registry) {
        return registry.error();
    }
    if (registry->status == ihe::response_status::success) {
        return {};
    }
    for (const error& e : registry->errors) {
        if (e.level == severity::error) {
            return e;
        }
    }
    return make_error(errc::foreign_ncp_refused,
                      "the patient's country did not accept the eDispensation and gave no reason");
}

}  // namespace

outbox_sender xdr_sender(const country_b_settings& settings, country_b_services& services) {
    return [&settings, &services](const outbox_record& r) -> boost::asio::awaitable<result<void>> {
        auto partner = partner_for(settings, r.entry.country);
        if (!partner) {
            co_return partner.error();
        }
        const pharmacy* at = pharmacy_by_gln(settings, r.entry.pharmacy_gln);
        if (at == nullptr) {
            co_return make_error(errc::internal,
                                 "the pharmacy of the dispensation is no longer configured")
                .with("gln", r.entry.pharmacy_gln);
        }
        auto patient = ihe::parse_patient_id(r.entry.patient_id);
        if (!patient) {
            co_return patient.error();
        }
        const pharmacist who{r.entry.pharmacist.legitimationskod, r.entry.pharmacist.name,
                             r.entry.pharmacist.profession_code};
        auto security = fresh_security_for_patient(settings.issuer, *at, who, r.entry.patient_id,
                                                   std::chrono::system_clock::now());
        if (!security) {
            co_return security.error();
        }
        std::vector<soap::mime_part> attachments;
        std::string body = ihe::write_xdr_request_body(
            submission_of(settings, r, *at, std::move(*patient)), attachments);
        soap_call call{ihe::transaction::xdr_submit, std::move(security->header), std::move(body),
                       std::move(attachments)};
        call.message_id = soap::make_uuid_urn();
        const bool discard = r.entry.kind == outbox_kind::discard;
        call_outcome outcome{.transaction = discard ? audited::xdr_discard : audited::xdr_dispense,
                             .country = (*partner)->country,
                             .message_id = call.message_id,
                             .trc_assertion_id = security->trc_assertion_id,
                             .hcp_assertion_id = security->hcp_assertion_id,
                             .patient_id = r.entry.patient_id,
                             .document_ids = {r.entry.ed_document_id}};
        const partner_endpoint called = (*partner)->endpoint((*partner)->xdr_url);
        auto answer = co_await call_partner(services.partners, called, std::move(call));
        note_partner(outcome, called, answer);
        result<void> acknowledged = answer ? acknowledgement_of(*answer) : answer.error();
        if (!acknowledged) {
            outcome.failure = acknowledged.error();
        }
        const pharmacist_session delivering{"outbox-" + r.id, *at, who, {}, {}, {}};
        if (auto recorded = co_await record_call(services, delivering, outcome); !recorded) {
            co_return recorded.error();
        }
        co_return acknowledged;
    };
}

}  // namespace ncpeh::gateway::ncp_b
