#include "translators/fhir/resource.hpp"

#include <boost/json/parser.hpp>

#include <string>

namespace ncpeh::translators::fhir {

namespace json = boost::json;

namespace {

template <class T>
result<resource> widen(result<T>&& r) {
    if (!r) {
        return r.error();
    }
    return resource{std::move(*r)};
}

}  // namespace

result<resource> parse_resource(const json::value& value) {
    const auto* o = value.if_object();
    if (!o) {
        return make_error(errc::fhir_malformed, "a FHIR resource must be a JSON object");
    }
    const auto* type = o->if_contains("resourceType");
    if (!type || !type->is_string()) {
        return make_error(errc::fhir_malformed, "resourceType is missing or not a string");
    }
    const std::string_view kind = type->get_string();
    if (kind == "Patient") {
        return widen(parse_patient(value));
    }
    if (kind == "MedicationRequest") {
        return widen(parse_medication_request(value));
    }
    if (kind == "MedicationDispense") {
        return widen(parse_medication_dispense(value));
    }
    if (kind == "Consent") {
        return widen(parse_consent(value));
    }
    if (kind == "OperationOutcome") {
        return widen(parse_operation_outcome(value));
    }
    if (kind == "Medication") {
        return widen(parse_medication(value));
    }
    if (kind == "Practitioner") {
        return widen(parse_practitioner(value));
    }
    if (kind == "Location") {
        return widen(parse_location(value));
    }
    return resource{*o};
}

json::object to_json(const resource& r) {
    return std::visit(
        [](const auto& typed) -> json::object {
            using T = std::decay_t<decltype(typed)>;
            if constexpr (std::is_same_v<T, json::object>) {
                return typed;
            } else {
                return to_json(typed);
            }
        },
        r);
}

std::string_view resource_type_of(const resource& r) noexcept {
    struct visitor {
        std::string_view operator()(const patient&) const noexcept { return "Patient"; }
        std::string_view operator()(const medication_request&) const noexcept {
            return "MedicationRequest";
        }
        std::string_view operator()(const medication_dispense&) const noexcept {
            return "MedicationDispense";
        }
        std::string_view operator()(const consent&) const noexcept { return "Consent"; }
        std::string_view operator()(const operation_outcome&) const noexcept {
            return "OperationOutcome";
        }
        std::string_view operator()(const medication&) const noexcept { return "Medication"; }
        std::string_view operator()(const practitioner&) const noexcept { return "Practitioner"; }
        std::string_view operator()(const location&) const noexcept { return "Location"; }
        std::string_view operator()(const json::object& o) const noexcept {
            const auto* t = o.if_contains("resourceType");
            return t && t->is_string() ? std::string_view(t->get_string()) : std::string_view{};
        }
    };
    return std::visit(visitor{}, r);
}

result<json::value> parse_json_text(std::string_view text) {
    json::parse_options options;
    options.max_depth = 64;
    json::parser p(json::storage_ptr(), options);
    boost::system::error_code ec;
    // write() requires one complete JSON text and reports trailing data as an error.
    const auto consumed = p.write(text.data(), text.size(), ec);
    if (ec) {
        return make_error(errc::fhir_malformed, "malformed JSON: " + ec.message())
            .with("offset", std::to_string(consumed));
    }
    return p.release();
}

}  // namespace ncpeh::translators::fhir
