#include "trust/saml/parse_unverified_assertion.hpp"

#include "trust/saml/saml_names.hpp"
#include "trust/xml/namespaces.hpp"
#include "trust/xml/navigate.hpp"

namespace ncpeh::trust::saml {

namespace ns = xml::ns;

namespace {

namespace x = ncpeh::trust::xml;

std::optional<std::string> optional_text(const std::optional<std::string_view>& value) {
    return value ? std::optional<std::string>(std::string(*value)) : std::nullopt;
}

errc field_error_code(assertion_kind kind) {
    return kind == assertion_kind::hcp ? errc::hcp_assertion_invalid : errc::assertion_not_valid;
}

result<std::optional<x::instant>> read_instant(const xmlNode& element, std::string_view name,
                                               assertion_kind kind) {
    const auto text = x::attribute(element, name);
    if (!text) {
        return std::optional<x::instant>{};
    }
    auto parsed = x::parse_date_time(*text);
    if (!parsed) {
        return make_error(field_error_code(kind), "assertion instant is not a valid xs:dateTime")
            .with("field", std::string(name));
    }
    return std::optional<x::instant>{*parsed};
}

// The HL7 element inside an AttributeValue: {urn:hl7-org:v3}local, or unqualified.
std::optional<coded_value> read_coded(const xmlNode& value, std::string_view local) {
    for (const xmlNode* child : x::child_elements(value)) {
        if (x::local_name(*child) == local &&
            (x::namespace_uri(*child) == ns::hl7 || x::namespace_uri(*child).empty())) {
            return coded_value{std::string(x::attribute(*child, "code").value_or("")),
                               std::string(x::attribute(*child, "codeSystem").value_or("")),
                               std::string(x::attribute(*child, "displayName").value_or(""))};
        }
    }
    return std::nullopt;
}

void read_attribute(const xmlNode& attribute, assertion& out) {
    const std::string_view name = x::attribute(attribute, "Name").value_or("");
    const auto values = x::children(attribute, ns::saml, "AttributeValue");
    if (values.empty()) {
        return;
    }
    auto first_text = [&] { return std::optional<std::string>(x::text_of(*values.front())); };
    if (name == attr_subject_id) {
        out.subject_id = first_text();
    } else if (name == attr_role) {
        out.role = read_coded(*values.front(), "Role");
    } else if (name == attr_organization) {
        out.organization = first_text();
    } else if (name == attr_organization_id) {
        out.organization_id = first_text();
    } else if (name == attr_facility_type) {
        out.facility_type = first_text();
    } else if (name == attr_purpose_of_use) {
        out.purpose_of_use = read_coded(*values.front(), "PurposeOfUse");
    } else if (name == attr_locality) {
        out.locality = first_text();
    } else if (name == attr_permission) {
        for (const xmlNode* value : values) {
            out.permissions.push_back(x::text_of(*value));
        }
    } else if (name == attr_home_community_id) {
        out.home_community_id = first_text();
    } else if (name == attr_prescription_id) {
        out.prescription_id = first_text();
    }
}

}  // namespace

std::string_view name_of(assertion_kind kind) noexcept {
    switch (kind) {
        case assertion_kind::hcp:
            return "hcp";
        case assertion_kind::trc:
            return "trc";
        case assertion_kind::nok:
            return "nok";
    }
    return "unknown";
}

result<assertion> parse_unverified_assertion(const xmlNode& element) {
    if (!x::is_element(element, ns::saml, "Assertion")) {
        return make_error(errc::assertion_not_valid, "not a SAML 2.0 assertion");
    }
    assertion out;
    out.id = std::string(x::attribute(element, "ID").value_or(""));
    const xmlNode* issuer = x::first_child(element, ns::saml, "Issuer");
    const std::string_view qualifier = issuer == nullptr
                                           ? std::string_view{}
                                           : x::attribute(*issuer, "NameQualifier").value_or("");
    if (qualifier == hcp_qualifier) {
        out.kind = assertion_kind::hcp;
    } else if (qualifier == trc_qualifier) {
        out.kind = assertion_kind::trc;
    } else if (qualifier == nok_qualifier) {
        out.kind = assertion_kind::nok;
    } else {
        return make_error(errc::assertion_not_valid,
                          "assertion Issuer/@NameQualifier is not an eHDSI assertion kind")
            .with("id", out.id)
            .with("name_qualifier", std::string(qualifier));
    }
    out.issuer = x::trimmed_text_of(*issuer);
    out.version = optional_text(x::attribute(element, "Version"));
    auto issue_instant = read_instant(element, "IssueInstant", out.kind);
    if (!issue_instant) {
        return std::move(issue_instant.error()).with("id", out.id);
    }
    out.issue_instant = *issue_instant;
    out.has_signature = x::first_child(element, ns::dsig, "Signature") != nullptr;

    if (const xmlNode* subject = x::first_child(element, ns::saml, "Subject")) {
        if (const xmlNode* name_id = x::first_child(*subject, ns::saml, "NameID")) {
            out.name_id = x::trimmed_text_of(*name_id);
            out.name_id_format = optional_text(x::attribute(*name_id, "Format"));
        }
        if (const xmlNode* confirmation =
                x::first_child(*subject, ns::saml, "SubjectConfirmation")) {
            out.confirmation_method = optional_text(x::attribute(*confirmation, "Method"));
        }
    }
    if (const xmlNode* conditions = x::first_child(element, ns::saml, "Conditions")) {
        auto not_before = read_instant(*conditions, "NotBefore", out.kind);
        auto not_on_or_after = read_instant(*conditions, "NotOnOrAfter", out.kind);
        if (!not_before) {
            return std::move(not_before.error()).with("id", out.id);
        }
        if (!not_on_or_after) {
            return std::move(not_on_or_after.error()).with("id", out.id);
        }
        out.not_before = *not_before;
        out.not_on_or_after = *not_on_or_after;
        for (const xmlNode* restriction :
             x::children(*conditions, ns::saml, "AudienceRestriction")) {
            for (const xmlNode* audience : x::children(*restriction, ns::saml, "Audience")) {
                out.audiences.push_back(x::trimmed_text_of(*audience));
            }
        }
    }
    if (const xmlNode* advice = x::first_child(element, ns::saml, "Advice")) {
        for (const xmlNode* ref : x::children(*advice, ns::saml, "AssertionIDRef")) {
            out.advice_assertion_ids.push_back(x::trimmed_text_of(*ref));
        }
    }
    if (const xmlNode* authn = x::first_child(element, ns::saml, "AuthnStatement")) {
        auto instant = read_instant(*authn, "AuthnInstant", out.kind);
        if (!instant) {
            return std::move(instant.error()).with("id", out.id);
        }
        out.authn_instant = *instant;
        if (const xmlNode* class_ref = x::find_path(
                *authn, {{ns::saml, "AuthnContext"}, {ns::saml, "AuthnContextClassRef"}})) {
            out.authn_context_class = x::trimmed_text_of(*class_ref);
        }
    }
    for (const xmlNode* statement : x::children(element, ns::saml, "AttributeStatement")) {
        for (const xmlNode* attribute : x::children(*statement, ns::saml, "Attribute")) {
            read_attribute(*attribute, out);
        }
    }
    return out;
}

}  // namespace ncpeh::trust::saml
