#include "trust/xmldsig/sign_assertion.hpp"

#include <string>

#include "trust/xml/namespaces.hpp"
#include "trust/xml/navigate.hpp"
#include "trust/xmldsig/algorithms.hpp"
#include "trust/xmldsig/register_id.hpp"
#include "trust/xmldsig/sign_signature_template.hpp"

namespace ncpeh::trust::xmldsig {

namespace ns = xml::ns;

result<void> sign_assertion(xml::document& doc, xmlNode& assertion,
                            const signing_credential& credential) {
    xmlNode* issuer = nullptr;
    for (xmlNode* child = assertion.children; child != nullptr; child = child->next) {
        if (xml::is_element(*child, ns::saml, "Issuer")) {
            issuer = child;
            break;
        }
    }
    if (issuer == nullptr) {
        return make_error(errc::signature_binding_invalid,
                          "an assertion needs a saml2:Issuer before its signature");
    }
    if (auto registered = register_id(doc, assertion, "ID"); !registered) {
        return registered.error();
    }
    std::string uri = "#";
    if (const auto id = xml::attribute(assertion, "ID")) {
        uri.append(*id);
    }
    return sign_with_template(doc, assertion, issuer, uri, exc_c14n, credential);
}

}  // namespace ncpeh::trust::xmldsig
