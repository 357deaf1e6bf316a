#include "gateway/ncp_a/xdr_submit/answer_xdr_submit.hpp"

#include "gateway/ihe/registry_response.hpp"
#include "gateway/ihe/transaction.hpp"
#include "gateway/ihe/xdr_request.hpp"
#include "gateway/ncp_a/record_outcome.hpp"
#include "gateway/ncp_a/soap_reply.hpp"
#include "gateway/ncp_a/swedish_patient.hpp"
#include "gateway/ncp_a/verify_caller.hpp"
#include "gateway/net/run_on.hpp"
#include "translators/cda/read_edispensation.hpp"
#include "translators/edispensation_to_nll/make_medication_dispense.hpp"
#include "translators/fhir/uris.hpp"
#include "trust/xml/document.hpp"

namespace ncpeh::gateway::ncp_a::xdr_submit {

namespace {

constexpr std::string_view prescription_prefix = "MedicationRequest/";

// The NLL prescription a dispense names ("MedicationRequest/<id>").
std::string prescription_of(const translators::fhir::medication_dispense& dispense) {
    for (const auto& ref : dispense.authorizing_prescription) {
        if (ref.reference.starts_with(prescription_prefix)) {
            return ref.reference.substr(prescription_prefix.size());
        }
    }
    return {};
}

}  // namespace

boost::asio::awaitable<net::response> answer_xdr_submit(const responder_settings& settings,
                                                        responder_services& services,
                                                        const exchange& ex) {
    std::vector<error> errors;
    transaction_outcome outcome;
    outcome.transaction = "xdr-dispense";
    auto finish = [&]() -> boost::asio::awaitable<net::response> {
        outcome.failure = errors.empty() ? nullptr : &errors.front();
        if (auto audited = co_await record_outcome(services, ex, outcome); !audited) {
            errors = {audited.error()};
        }
        co_return soap_reply(ex, std::string(ihe::response_action(ihe::transaction::xdr_submit)),
                             ihe::write_registry_response(errors, settings.home_community_id));
    };
    auto fail = [&](error e) {
        errors.push_back(std::move(e));
        return finish();
    };

    auto submission =
        ihe::parse_xdr_request(ex.request.envelope.body_root(), ex.request.attachments());
    const bool discard = submission && submission->kind == ihe::submission_kind::discard;
    const auto tx = ihe::assertion_policy_of(ihe::transaction::xdr_submit, discard);
    outcome.transaction = trust::saml::name_of(tx);
    auto verified = co_await verify_caller(settings, services, ex, tx);
    if (!verified) {
        co_return co_await fail(verified.error());
    }
    outcome.assertions = &*verified;
    if (!submission) {
        co_return co_await fail(submission.error());
    }
    outcome.document_ids.push_back(discard ? submission->submission_set_unique_id
                                           : submission->entry_unique_id);
    auto trc = trc_patient(*verified);
    if (!trc) {
        co_return co_await fail(trc.error());
    }
    outcome.patient_id = ihe::format_patient_id(*trc);
    if (submission->source_patient.root_extension_swapped) {
        ex.logger.info("xdr.patient_id_swapped");
    }
    if (auto same = check_patient_is_trc_patient(submission->source_patient.id, *trc); !same) {
        co_return co_await fail(same.error());
    }
    const auto personnummer = personnummer_of(*trc);
    if (!personnummer) {
        co_return co_await fail(
            make_error(errc::no_matching_eprescription,
                       "the patient is not identified by a Swedish personnummer"));
    }

    const auto parse_entry = [&submission, &settings] {
        return trust::xml::parse_document(submission->entry_document(), settings.xml_limits);
    };
    auto cda =
        co_await net::run_on_if(parses_off_thread(services, submission->entry_document().size()),
                                services.heavy_work, parse_entry);
    if (!cda) {
        co_return co_await fail(make_error(
            errc::ed_generic, "the eDispensation is not usable XML: " + cda.error().message));
    }
    auto ed = translators::cda::read_edispensation(*cda, discard);
    if (!ed) {
        co_return co_await fail(ed.error());
    }
    auto dispense = translators::edispensation_to_nll::make_medication_dispense(
        *ed, {settings.eprescription.prescription_id_root});
    if (!dispense) {
        co_return co_await fail(dispense.error());
    }
    const std::string prescription_id = prescription_of(*dispense);

    auto patient = co_await services.store.find_patient(*personnummer);
    if (!patient) {
        co_return co_await fail(patient.error());
    }
    auto prescription = co_await services.store.read_prescription(prescription_id);
    if (!prescription) {
        co_return co_await fail(prescription.error());
    }
    if (translators::fhir::subject_patient_id(*prescription) != patient->id) {
        co_return co_await fail(make_error(errc::no_matching_eprescription,
                                           "the ePrescription does not belong to the TRC patient"));
    }
    // The eD's recordTarget, when it names a personnummer, must be the TRC patient too; the
    // store gets the resolved patient.
    const std::string named_by_ed =
        "Patient?identifier=" + std::string(translators::fhir::uris::personnummer) + "|" +
        *personnummer;
    if (!dispense->subject.reference.empty() && dispense->subject.reference != named_by_ed) {
        co_return co_await fail(make_error(errc::patient_differs_from_trc,
                                           "the eDispensation's patient is not the TRC patient"));
    }
    dispense->subject.reference = "Patient/" + patient->id;

    if (!discard) {
        if (auto started = co_await record_start(services, ex, outcome); !started) {
            co_return co_await fail(started.error());
        }
        auto receipt = co_await services.store.record_dispense(*dispense);
        if (!receipt) {
            co_return co_await fail(receipt.error());
        }
        ex.logger.info("xdr.dispense_recorded", {{"prescription", prescription_id},
                                                 {"dispense", receipt->dispense.id},
                                                 {"replayed", receipt->replayed}});
        co_return co_await finish();
    }

    auto dispenses = co_await services.store.search_dispenses(prescription_id);
    if (!dispenses) {
        co_return co_await fail(dispenses.error());
    }
    const translators::fhir::medication_dispense* target = nullptr;
    for (const auto& d : *dispenses) {
        if (d.actor_dispatch_id == dispense->actor_dispatch_id) {
            target = &d;
        }
    }
    if (target == nullptr) {
        co_return co_await fail(make_error(errc::ed_discard_failed,
                                           "no dispensation with this id was recorded for the "
                                           "ePrescription")
                                    .with("dispensation", dispense->actor_dispatch_id));
    }
    if (auto started = co_await record_start(services, ex, outcome); !started) {
        co_return co_await fail(started.error());
    }
    auto reversed = co_await services.store.reverse_dispense(target->id);
    if (!reversed) {
        co_return co_await fail(reversed.error());
    }
    ex.logger.info("xdr.dispense_reversed",
                   {{"prescription", prescription_id}, {"dispense", target->id}});
    co_return co_await finish();
}

}  // namespace ncpeh::gateway::ncp_a::xdr_submit
