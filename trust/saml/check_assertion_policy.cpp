#include "trust/saml/check_assertion_policy.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "trust/saml/isco_role.hpp"
#include "trust/saml/saml_names.hpp"

namespace ncpeh::trust::saml {

namespace {

// Two-factor classes accepted for an HCP (ehdsi-protocol.md §7.1); Smartcard, Password and
// PreviousSession are rejected.
constexpr std::array<std::string_view, 7> two_factor_classes{"MobileTwoFactorUnregistered",
                                                             "MobileTwoFactorContract",
                                                             "X509",
                                                             "SPKI",
                                                             "SmartcardPKI",
                                                             "SoftwarePKI",
                                                             "TLSClient"};

constexpr std::array<std::string_view, 4> facility_types{"Hospital", "Resident Physician",
                                                         "Pharmacy", "Other"};

bool equals_ignoring_case(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

bool is_blank(const std::optional<std::string>& text) {
    return !text || std::all_of(text->begin(), text->end(), [](char c) {
        return std::isspace(static_cast<unsigned char>(c)) != 0;
    });
}

error fail(errc code, std::string message, const assertion& a) {
    return make_error(code, std::move(message))
        .with("assertion", std::string(name_of(a.kind)))
        .with("id", a.id);
}

// Presence checks shared by all kinds (OpenNCP RequiredFieldValidators).
result<void> check_required(const assertion& a, errc code) {
    auto missing = [&](std::string_view field) {
        return fail(code, "required assertion field is missing", a)
            .with("field", std::string(field));
    };
    if (a.id.empty()) {
        return missing("ID");
    }
    if (!a.version) {
        return missing("Version");
    }
    if (!a.issue_instant) {
        return missing("IssueInstant");
    }
    if (is_blank(a.issuer)) {
        return missing("Issuer");
    }
    if (is_blank(a.name_id)) {
        return missing("Subject/NameID");
    }
    if (!a.name_id_format) {
        return missing("Subject/NameID/@Format");
    }
    if (!a.confirmation_method) {
        return missing("SubjectConfirmation/@Method");
    }
    if (!a.not_before) {
        return missing("Conditions/@NotBefore");
    }
    if (!a.not_on_or_after) {
        return missing("Conditions/@NotOnOrAfter");
    }
    if (!a.authn_instant) {
        return missing("AuthnStatement/@AuthnInstant");
    }
    if (!a.authn_context_class) {
        return missing("AuthnContext/AuthnContextClassRef");
    }
    if (!a.has_signature) {
        return missing("Signature");
    }
    if (*a.version != "2.0") {
        return fail(code, "assertion Version must be 2.0", a).with("version", *a.version);
    }
    return {};
}

// NotBefore ≤ now + 60 s, NotOnOrAfter ≥ now − 60 s, NotBefore < NotOnOrAfter, span ≤ max.
result<void> check_time(const assertion& a, const policy_context& context, errc code,
                        std::chrono::hours max_span) {
    const auto now = std::chrono::time_point_cast<std::chrono::milliseconds>(context.at);
    const auto& not_before = *a.not_before;
    const auto& not_on_or_after = *a.not_on_or_after;
    if (not_on_or_after <= not_before) {
        return fail(code, "assertion Conditions: NotOnOrAfter is not after NotBefore", a);
    }
    if (not_on_or_after - not_before > max_span) {
        return fail(code, "assertion validity period exceeds the maximum", a)
            .with("max_hours", std::to_string(max_span.count()));
    }
    if (not_before > now + clock_skew) {
        return fail(code, "assertion is not yet valid (NotBefore beyond the allowed clock skew)", a)
            .with("not_before", xml::format_date_time(not_before));
    }
    if (not_on_or_after < now - clock_skew) {
        return fail(code, "assertion has expired (NotOnOrAfter beyond the allowed clock skew)", a)
            .with("not_on_or_after", xml::format_date_time(not_on_or_after));
    }
    return {};
}

result<void> check_purpose(const assertion& a, errc missing_code) {
    if (!a.purpose_of_use) {
        return fail(missing_code, "required attribute purposeofuse is missing", a);
    }
    const std::string& code = a.purpose_of_use->code;
    if (code != "TREATMENT" && code != "EMERGENCY") {
        return fail(errc::insufficient_rights, "purpose of use must be TREATMENT or EMERGENCY", a)
            .with("purpose_of_use", code);
    }
    return {};
}

}  // namespace

result<void> check_hcp_policy(const assertion& hcp, const policy_context& context) {
    constexpr errc code = errc::hcp_assertion_invalid;
    if (auto ok = check_required(hcp, code); !ok) {
        return ok;
    }
    if (auto ok = check_time(hcp, context, code, max_hcp_validity); !ok) {
        return ok;
    }
    const std::string& authn = *hcp.authn_context_class;
    const bool two_factor = authn.starts_with(authn_class_prefix) &&
                            std::find(two_factor_classes.begin(), two_factor_classes.end(),
                                      std::string_view(authn).substr(authn_class_prefix.size())) !=
                                two_factor_classes.end();
    if (!two_factor) {
        return fail(code, "HCP authentication context is not a two-factor class", hcp)
            .with("authn_context", authn);
    }
    if (is_blank(hcp.subject_id)) {
        return fail(code, "required attribute subject-id is missing", hcp);
    }
    if (!hcp.role || hcp.role->code.empty()) {
        return fail(code, "required attribute role is missing", hcp);
    }
    const auto display = isco_role_display_name(hcp.role->code);
    if (!display) {
        return fail(code, "HCP role is not an accepted ISCO code", hcp)
            .with("role", hcp.role->code);
    }
    // XCPD (OpenNCP): the displayName must also match the ISCO table text.
    if (context.tx == transaction::xcpd &&
        !equals_ignoring_case(hcp.role->display_name, *display)) {
        return fail(code, "HCP role displayName does not match its ISCO code", hcp)
            .with("role", hcp.role->code)
            .with("display_name", hcp.role->display_name);
    }
    if (!hcp.facility_type) {
        return fail(code, "required attribute healthcare-facility-type is missing", hcp);
    }
    if (std::none_of(facility_types.begin(), facility_types.end(), [&](std::string_view known) {
            return equals_ignoring_case(known, *hcp.facility_type);
        })) {
        return fail(code,
                    "healthcare facility type is not Hospital, Resident Physician, "
                    "Pharmacy or Other",
                    hcp)
            .with("facility_type", *hcp.facility_type);
    }
    if (auto ok = check_purpose(hcp, code); !ok) {
        return ok;
    }
    if (context.tx == transaction::xdr_discard && is_blank(hcp.organization_id)) {
        return fail(code, "a discard needs the organization-id attribute", hcp);
    }
    if (is_blank(hcp.locality)) {
        return fail(code, "required attribute locality is missing", hcp);
    }
    for (const std::string_view permission : required_permissions(context.tx)) {
        const std::string wanted = std::string(permission_prefix) + std::string(permission);
        if (std::find(hcp.permissions.begin(), hcp.permissions.end(), wanted) ==
            hcp.permissions.end()) {
            return fail(errc::insufficient_rights,
                        "the HCP lacks a permission the transaction requires", hcp)
                .with("permission", std::string(permission))
                .with("transaction", std::string(name_of(context.tx)));
        }
    }
    return {};
}

result<void> check_trc_policy(const assertion& trc, const assertion& hcp,
                              const policy_context& context) {
    constexpr errc code = errc::assertion_not_valid;
    if (auto ok = check_required(trc, code); !ok) {
        return ok;
    }
    if (trc.advice_assertion_ids.empty()) {
        return fail(code, "required field Advice/AssertionIDRef is missing", trc);
    }
    if (*trc.confirmation_method != sender_vouches) {
        return fail(code, "TRC SubjectConfirmation/@Method must be sender-vouches", trc)
            .with("method", *trc.confirmation_method);
    }
    if (auto ok = check_time(trc, context, code, max_trc_validity); !ok) {
        return ok;
    }
    if (*trc.authn_context_class != previous_session) {
        return fail(code, "TRC AuthnContextClassRef must be PreviousSession", trc)
            .with("authn_context", *trc.authn_context_class);
    }
    if (auto ok = check_purpose(trc, code); !ok) {
        return ok;
    }
    if (is_blank(trc.subject_id)) {
        return fail(code, "TRC patient subject-id is missing", trc);
    }
    if (trc.advice_assertion_ids.front() != hcp.id) {
        return fail(errc::trc_identity_mismatch,
                    "TRC Advice/AssertionIDRef does not name the HCP assertion", trc)
            .with("hcp_id", hcp.id);
    }
    return {};
}

result<void> check_nok_policy(const assertion& nok, const policy_context& context) {
    constexpr errc code = errc::assertion_not_valid;
    if (auto ok = check_required(nok, code); !ok) {
        return ok;
    }
    return check_time(nok, context, code, max_hcp_validity);
}

result<void> check_signer_country(std::string_view signer_country, const policy_context& context) {
    if (!context.tls_peer_country) {
        return {};
    }
    if (!equals_ignoring_case(signer_country, *context.tls_peer_country)) {
        return make_error(errc::signer_country_mismatch,
                          "the assertion signer's country is not the TLS peer's country")
            .with("signer_country", std::string(signer_country))
            .with("tls_peer_country", *context.tls_peer_country);
    }
    return {};
}

}  // namespace ncpeh::trust::saml
