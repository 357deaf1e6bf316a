#include "translators/fhir/operation_outcome.hpp"

#include <boost/json/array.hpp>

#include "translators/fhir/json_reader.hpp"
#include "translators/fhir/json_writer.hpp"
#include "translators/fhir/resource_type.hpp"

namespace ncpeh::translators::fhir {

namespace json = boost::json;

result<operation_outcome> parse_operation_outcome(const json::value& json) {
    json_reader r(json, "OperationOutcome");
    check_resource_type(r, "OperationOutcome");
    operation_outcome o;
    o.id = r.string("id");
    if (const auto* issues = r.array("issue")) {
        for (const auto& item : *issues) {
            json_reader ir(item, "OperationOutcome.issue");
            outcome_issue i;
            i.severity = ir.string("severity");
            i.code = ir.string("code");
            i.details = ir.read_codeable_concept("details");
            i.diagnostics = ir.string("diagnostics");
            i.expression = ir.strings("expression");
            o.issues.push_back(std::move(i));
            r.absorb(ir);
        }
    }
    if (r.failed()) {
        return r.take_error();
    }
    o.unknown = r.unread_members();
    return o;
}

json::object to_json(const operation_outcome& o) {
    json::object out;
    out["resourceType"] = "OperationOutcome";
    put_string(out, "id", o.id);
    json::array issues;
    for (const auto& i : o.issues) {
        json::object issue;
        put_string(issue, "severity", i.severity);
        put_string(issue, "code", i.code);
        put_value(issue, "details", i.details);
        put_string(issue, "diagnostics", i.diagnostics);
        put_strings(issue, "expression", i.expression);
        issues.push_back(std::move(issue));
    }
    out["issue"] = std::move(issues);
    put_unknown(out, o.unknown);
    return out;
}

std::string outcome_code(const operation_outcome& o, std::string_view system) {
    for (const auto& issue : o.issues) {
        for (const auto& c : issue.details.coding) {
            if (c.system == system) {
                return c.code;
            }
        }
    }
    return {};
}

}  // namespace ncpeh::translators::fhir
