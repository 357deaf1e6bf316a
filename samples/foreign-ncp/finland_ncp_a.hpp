#pragma once

#include <atomic>
#include <chrono>
#include <string>

#include "gateway/ncp_a/partner_gate.hpp"
#include "gateway/net/http_server.hpp"
#include "samples/foreign-ncp/received_dispensations.hpp"
#include "samples/foreign-ncp/served_documents.hpp"
#include "trust/saml/in_memory_replay_cache.hpp"
#include "trust/x509/trust_store.hpp"
#include "trust/xml/document.hpp"

namespace ncpeh::samples::foreign_ncp {

/// Finland's home community id in config/ncpeh.example.toml (its partner entry), also the
/// repository unique id of the documents it serves.
inline constexpr std::string_view finnish_hcid = "2.999.246.1.1";

/// What the Finnish NCP-A is and whom it trusts. The pointed-to objects outlive it.
struct finland_settings {
    std::string home_community_id = std::string(finnish_hcid);
    trust::xml::parse_limits xml_limits;
    /// Anchors of assertion signers (the dev CA's trust-assertion-signatures.pem).
    const trust::x509::trust_store* assertion_anchors = nullptr;
    const served_documents* documents = nullptr;
    received_dispensations* received = nullptr;
};

/// Faults a test of our country-B side asks for.
struct fault_settings {
    /// The first N ITI-41 submissions that pass the security checks are answered with a
    /// RegistryResponse Failure (HTTP 200, error 4103 "registry could not be accessed", a
    /// transient national failure) and not recorded.
    unsigned fail_first_xdr = 0;
    /// Every answer waits this long (applied by the listener, `serve_finland`).
    std::chrono::milliseconds delay{0};
    /// Every request is answered HTTP 503 with a SOAP Receiver fault (4103).
    bool unavailable = false;
    /// Every request is answered HTTP 200, as SOAP 1.2, with an envelope cut off in the middle
    /// (not well-formed XML): what a peer behind a broken proxy sends.
    bool malformed = false;
    /// XCA retrieves answer another patient's ePrescription (the first served one that is not
    /// the TRC patient's) under the id asked for: a peer that mixed up its records.
    bool wrong_patient = false;
};

/// Finland's NCP-A as a strict peer of our country B: the caller is the partner admitted by
/// `gateway::ncp_a::admit_partners` (its TLS certificate), its HCP/TRC assertions are verified by
/// `trust::saml::verify_assertions` with the eHDSI policy and signer country = the caller's
/// country, with a replay cache; requests are read by the country-A parsers of `gateway/ihe` and
/// answered by its writers, from `served_documents`:
/// * XCPD: a match for a served patient's livingSubjectId (NF otherwise, also when the birth
///   time or gender sent contradicts), receiver must be our home community;
/// * XCA query: the TRC patient's ePrescriptions, each as its L3 pivot entry and its L1 entry
///   (XFRM-associated, as OpenNCP lists them), query patient must be the TRC patient (4206),
///   class code 57833-6 (else 4202), none: Failure with 1101;
/// * XCA retrieve: the file's bytes or its L1 rendering's, MTOM; unknown ids XDSMissingDocument;
/// * XDR: source patient = TRC patient (4206), the eD read by the project's eDispensation reader,
///   its prescription one of the TRC patient's served ones (4105), a discard's eD one received
///   before (ERROR_ED_DISCARD_FAILED); then recorded in `received_dispensations` and Success.
/// Each request logs one line (`foreign_ncp.request`: transaction, HTTP status, outcome (the
/// eHDSI code of a refusal), `elapsed_us` spent answering after any delay) without
/// personal data. Thread-safe.
class finland_ncp_a {
  public:
    finland_ncp_a(finland_settings settings, fault_settings faults);

    /// One decoded-or-not HTTP request from an admitted partner, answered. Never throws for
    /// anything the request contains.
    gateway::net::response answer(const gateway::ncp_a::peer& caller, gateway::net::request&& req);

  private:
    struct outcome;
    gateway::net::response respond(const gateway::ncp_a::peer& caller, gateway::net::request& req,
                                   outcome& out);

    finland_settings settings_;
    fault_settings faults_;
    trust::saml::in_memory_replay_cache replay_;
    std::atomic<unsigned> xdr_seen_{0};
};

}  // namespace ncpeh::samples::foreign_ncp
