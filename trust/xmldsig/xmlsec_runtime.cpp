#include "trust/xmldsig/xmlsec_runtime.hpp"

#include <libxml/parser.h>
#include <openssl/err.h>
#include <xmlsec/crypto.h>
#include <xmlsec/errors.h>
#include <xmlsec/xmlsec.h>

#include <mutex>

namespace ncpeh::trust::xmldsig {

namespace {

thread_local std::string last_error;

void keep_error(const char* /*file*/, int /*line*/, const char* func, const char* object,
                const char* subject, int reason, const char* message) {
    std::string text;
    if (func != nullptr) {
        text.append(func).append(": ");
    }
    if (subject != nullptr) {
        text.append(subject).append(" ");
    }
    if (object != nullptr) {
        text.append("(").append(object).append(") ");
    }
    text.append(message != nullptr ? message : xmlSecErrorsGetMsg(static_cast<xmlSecSize>(0)));
    text.append(" [reason ").append(std::to_string(reason)).append("]");
    // Keep the first error of an operation: it names the cause, later ones are consequences.
    if (last_error.empty()) {
        last_error = std::move(text);
    }
}

result<void> start() {
    xmlInitParser();
    if (xmlSecInit() < 0) {
        return make_error(errc::internal, "xmlsec initialisation failed");
    }
    if (xmlSecCheckVersion() != 1) {
        return make_error(errc::internal, "loaded xmlsec library is not the version built against");
    }
    if (xmlSecCryptoAppInit(nullptr) < 0 || xmlSecCryptoInit() < 0) {
        return make_error(errc::internal, "xmlsec OpenSSL backend initialisation failed");
    }
    xmlSecErrorsSetCallback(keep_error);
    return {};
}

}  // namespace

result<void> initialise_xmlsec() {
    static std::once_flag once;
    static result<void> outcome;
    std::call_once(once, [] { outcome = start(); });
    return outcome;
}

std::string take_xmlsec_error() {
    std::string text = std::move(last_error);
    last_error.clear();
    return text;
}

error xmlsec_failure(errc code, std::string message) {
    error e = make_error(code, std::move(message));
    if (std::string detail = take_xmlsec_error(); !detail.empty()) {
        e.with("xmlsec", detail);
    }
    ERR_clear_error();
    return e;
}

}  // namespace ncpeh::trust::xmldsig
