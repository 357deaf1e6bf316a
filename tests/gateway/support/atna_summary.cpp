#include "tests/gateway/support/atna_summary.hpp"

#include <catch2/catch.hpp>

#include "trust/xml/document.hpp"
#include "trust/xml/navigate.hpp"

namespace ncpeh::testing {

namespace {

namespace xml = ncpeh::trust::xml;

std::string attr(const xmlNode& node, std::string_view name) {
    return std::string(xml::attribute(node, name).value_or(""));
}

std::string code_of(const xmlNode& parent, std::string_view element) {
    const xmlNode* code = xml::first_child(parent, "", element);
    return code != nullptr ? attr(*code, "csd-code") : "";
}

}  // namespace

const atna_summary::participant& atna_summary::with_role(std::string_view role) const {
    for (const participant& p : participants) {
        for (const std::string& r : p.roles) {
            if (r == role) {
                return p;
            }
        }
    }
    FAIL("no participant with role " << role);
    return participants.front();
}

std::vector<std::string> atna_summary::object_ids(std::string_view id_type) const {
    std::vector<std::string> out;
    for (const object& o : objects) {
        if (o.id_type == id_type) {
            out.push_back(o.id);
        }
    }
    return out;
}

atna_summary summarize_atna(std::string_view text) {
    auto parsed = xml::parse_document(text);
    INFO(text);
    REQUIRE(parsed.has_value());
    const xmlNode& root = parsed->root();
    REQUIRE(xml::is_element(root, "", "AuditMessage"));
    atna_summary out;
    const xmlNode* event = xml::first_child(root, "", "EventIdentification");
    REQUIRE(event != nullptr);
    out.action = attr(*event, "EventActionCode");
    out.outcome = attr(*event, "EventOutcomeIndicator");
    out.date_time = attr(*event, "EventDateTime");
    out.event_id = code_of(*event, "EventID");
    for (const xmlNode* type : xml::children(*event, "", "EventTypeCode")) {
        out.event_types.push_back(attr(*type, "csd-code"));
    }
    if (const xmlNode* d = xml::first_child(*event, "", "EventOutcomeDescription")) {
        out.outcome_description = xml::text_of(*d);
    }
    for (const xmlNode* p : xml::children(root, "", "ActiveParticipant")) {
        atna_summary::participant each;
        each.user_id = attr(*p, "UserID");
        each.requestor = attr(*p, "UserIsRequestor") == "true";
        each.address = attr(*p, "NetworkAccessPointID");
        each.address_type = attr(*p, "NetworkAccessPointTypeCode");
        for (const xmlNode* role : xml::children(*p, "", "RoleIDCode")) {
            each.roles.push_back(attr(*role, "csd-code"));
        }
        out.participants.push_back(std::move(each));
    }
    const xmlNode* source = xml::first_child(root, "", "AuditSourceIdentification");
    REQUIRE(source != nullptr);
    out.source_id = attr(*source, "AuditSourceID");
    for (const xmlNode* o : xml::children(root, "", "ParticipantObjectIdentification")) {
        out.objects.push_back({attr(*o, "ParticipantObjectID"),
                               attr(*o, "ParticipantObjectTypeCode"),
                               attr(*o, "ParticipantObjectTypeCodeRole"),
                               code_of(*o, "ParticipantObjectIDTypeCode")});
    }
    return out;
}

}  // namespace ncpeh::testing
