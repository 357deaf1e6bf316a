#include "tests/gateway/support/in_memory_national_store.hpp"

#include <boost/json/serialize.hpp>

#include "gateway/national_store/store_answers.hpp"
#include "gateway/national_store/store_errors.hpp"
#include "tests/support/test_files.hpp"
#include "translators/fhir/uris.hpp"

namespace ncpeh::testing {

namespace json = boost::json;
namespace fhir = translators::fhir;
namespace ns = gateway::national_store;
using samples::national_store::store_failure;
using samples::national_store::store_result;

namespace {

/// A refusal of the reference store as the HTTP client reports it.
error refusal_of(const store_failure& f) {
    return ns::map_store_failure(samples::national_store::http_status_of(f.code),
                                 samples::national_store::to_operation_outcome(f));
}

template <class T, class Parse>
result<T> resource(store_result<json::object> answer, Parse parse) {
    if (!answer) {
        return refusal_of(answer.error());
    }
    return ns::resource_of<T>(json::value(std::move(*answer)), parse);
}

template <class T, class Parse>
result<std::vector<T>> resources(store_result<std::vector<json::object>> answer, Parse parse) {
    if (!answer) {
        return refusal_of(answer.error());
    }
    std::vector<T> out;
    for (auto& found : *answer) {
        auto one = ns::resource_of<T>(json::value(std::move(found)), parse);
        if (!one) {
            return one.error();
        }
        out.push_back(std::move(*one));
    }
    return out;
}

/// The identifier the HTTP client searches patients by.
std::string identifier_of(std::string_view personnummer) {
    return std::string(fhir::uris::personnummer) + "|" + std::string(personnummer);
}

}  // namespace

in_memory_national_store::in_memory_national_store(std::chrono::year_month_day today)
    : store_(":memory:", today) {
    store_.load_seed(source_dir() / "samples/national-store/seed");
}

template <class Read>
auto in_memory_national_store::answer(Read read) -> boost::asio::awaitable<decltype(read())> {
    ++calls_;
    if (down_) {
        co_return ns::store_unreachable("the in-memory national store is down");
    }
    co_return read();
}

result<ns::patient_with_consents> in_memory_national_store::patient_with_consents_of(
    std::string_view personnummer) {
    auto found = store_.search_patients_with_consents(identifier_of(personnummer));
    if (!found) {
        return refusal_of(found.error());
    }
    auto patients = resources<fhir::patient>(std::move(found->patients), fhir::parse_patient);
    if (!patients) {
        return patients.error();
    }
    auto patient = ns::only_patient(std::move(*patients));
    if (!patient) {
        return patient.error();
    }
    auto consents = resources<fhir::consent>(std::move(found->consents), fhir::parse_consent);
    if (!consents) {
        return consents.error();
    }
    return ns::patient_with_consents{std::move(*patient), std::move(*consents)};
}

boost::asio::awaitable<result<fhir::patient>> in_memory_national_store::find_patient(
    std::string_view personnummer) {
    return answer([this, personnummer]() -> result<fhir::patient> {
        auto patients = resources<fhir::patient>(
            store_.search_patients(identifier_of(personnummer)), fhir::parse_patient);
        if (!patients) {
            return patients.error();
        }
        return ns::only_patient(std::move(*patients));
    });
}

boost::asio::awaitable<result<ns::patient_with_consents>>
in_memory_national_store::find_patient_with_consents(std::string_view personnummer) {
    return answer([this, personnummer] { return patient_with_consents_of(personnummer); });
}

boost::asio::awaitable<result<ns::patient_with_prescriptions>>
in_memory_national_store::read_patient_and_prescriptions(
    std::string_view personnummer, const std::vector<std::string>& prescription_ids) {
    return answer(
        [this, personnummer, &prescription_ids]() -> result<ns::patient_with_prescriptions> {
            auto found = patient_with_consents_of(personnummer);
            if (!found) {
                return found.error();
            }
            ns::patient_with_prescriptions out{std::move(*found), {}};
            for (const std::string& id : prescription_ids) {
                out.prescriptions.push_back(resource<fhir::medication_request>(
                    store_.read_prescription(id), fhir::parse_medication_request));
            }
            return out;
        });
}

boost::asio::awaitable<result<std::vector<fhir::medication_request>>>
in_memory_national_store::search_prescriptions(std::string_view patient_id,
                                               std::vector<std::string> statuses) {
    return answer([this, patient_id, statuses = std::move(statuses)] {
        return resources<fhir::medication_request>(
            store_.search_prescriptions(patient_id, statuses), fhir::parse_medication_request);
    });
}

boost::asio::awaitable<result<fhir::medication_request>>
in_memory_national_store::read_prescription(std::string_view id) {
    return answer([this, id] {
        return resource<fhir::medication_request>(store_.read_prescription(id),
                                                  fhir::parse_medication_request);
    });
}

boost::asio::awaitable<result<ns::dispense_receipt>> in_memory_national_store::record_dispense(
    const fhir::medication_dispense& dispense) {
    return answer([this, &dispense]() -> result<ns::dispense_receipt> {
        auto recorded = store_.record_dispense(json::serialize(fhir::to_json(dispense)));
        if (!recorded) {
            return refusal_of(recorded.error());
        }
        auto stored = ns::resource_of<fhir::medication_dispense>(
            json::value(std::move(recorded->dispense)), fhir::parse_medication_dispense);
        if (!stored) {
            return stored.error();
        }
        return ns::dispense_receipt{std::move(*stored), recorded->replayed};
    });
}

boost::asio::awaitable<result<std::vector<fhir::medication_dispense>>>
in_memory_national_store::search_dispenses(std::string_view prescription_id) {
    return answer([this, prescription_id] {
        return resources<fhir::medication_dispense>(store_.search_dispenses(prescription_id),
                                                    fhir::parse_medication_dispense);
    });
}

boost::asio::awaitable<result<fhir::medication_dispense>>
in_memory_national_store::reverse_dispense(std::string_view id) {
    return answer([this, id] {
        return resource<fhir::medication_dispense>(store_.reverse_dispense(id),
                                                   fhir::parse_medication_dispense);
    });
}

boost::asio::awaitable<result<ns::practitioner_licence>>
in_memory_national_store::find_practitioner(std::string_view legitimationskod) {
    return answer([this, legitimationskod]() -> result<ns::practitioner_licence> {
        auto found = store_.search_practitioners(std::string(fhir::uris::legitimationskod) + "|" +
                                                 std::string(legitimationskod));
        if (!found) {
            return refusal_of(found.error());
        }
        return ns::practitioner_licence_of(*found, legitimationskod, store_.today());
    });
}

boost::asio::awaitable<result<std::vector<fhir::medication>>>
in_memory_national_store::find_products_by_atc(std::string_view atc) {
    return answer([this, atc] {
        return resources<fhir::medication>(
            store_.search_medications_by_atc(std::string(fhir::uris::atc) + "|" + std::string(atc)),
            fhir::parse_medication);
    });
}

}  // namespace ncpeh::testing
