#pragma once

#include <xmlsec/keys.h>
#include <xmlsec/xmldsig.h>

#include <memory>
#include <string>

#include "trust/error/error.hpp"

namespace ncpeh::trust::xmldsig {

/// Initialises libxml2, xmlsec and its OpenSSL backend once per process (thread-safe) and
/// installs an error callback that keeps xmlsec's messages per thread instead of printing them.
/// Errors: `errc::internal` when xmlsec or its crypto backend cannot start.
result<void> initialise_xmlsec();

/// The last xmlsec error reported on this thread since the previous call ("" when none), for
/// error messages; clears it.
std::string take_xmlsec_error();

/// An error of `code` carrying this thread's last xmlsec message (if any) as "xmlsec"; clears
/// that message and OpenSSL's error queue.
error xmlsec_failure(errc code, std::string message);

struct dsig_ctx_destroy {
    void operator()(xmlSecDSigCtx* ctx) const noexcept { xmlSecDSigCtxDestroy(ctx); }
};
struct key_destroy {
    void operator()(xmlSecKey* key) const noexcept { xmlSecKeyDestroy(key); }
};
using dsig_ctx_ptr = std::unique_ptr<xmlSecDSigCtx, dsig_ctx_destroy>;
using key_ptr = std::unique_ptr<xmlSecKey, key_destroy>;

}  // namespace ncpeh::trust::xmldsig
