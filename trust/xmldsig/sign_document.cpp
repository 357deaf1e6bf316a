#include "trust/xmldsig/sign_document.hpp"

#include <string>

#include "trust/xmldsig/sign_signature_template.hpp"

namespace ncpeh::trust::xmldsig {

result<void> sign_document(xml::document& doc, const signing_credential& credential,
                           std::string_view c14n_method) {
    if (c14n_method != c14n && c14n_method != exc_c14n) {
        return make_error(errc::invalid_argument, "unsupported canonicalisation method")
            .with("algorithm", std::string(c14n_method));
    }
    return sign_with_template(doc, doc.root(), nullptr, "", c14n_method, credential);
}

}  // namespace ncpeh::trust::xmldsig
