#pragma once

#include <string>

#include "trust/x509/certificate.hpp"
#include "trust/x509/verify_certificate.hpp"

namespace ncpeh::trust::xmldsig {

/// What a verified XML signature established: the signature over exactly the expected element
/// is intact and its signer's certificate chains to the trust store.
struct signature_verdict {
    x509::certificate signer;
    x509::chain_verdict chain;
    std::string signature_method;
};

}  // namespace ncpeh::trust::xmldsig
