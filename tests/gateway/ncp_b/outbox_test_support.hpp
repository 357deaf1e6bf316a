#pragma once

// Shared by the outbox tests: a fictional dispensation and a way to run one outbox operation.

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <chrono>
#include <string>
#include <utility>

#include "gateway/ncp_b/dispensation_outbox.hpp"

namespace ncpeh::testing {

/// The fictional pharmacy of the outbox tests, and another one.
inline const std::string outbox_pharmacy = "7350000000001";
inline const std::string other_pharmacy = "7350000000002";

/// An eDispensation of the fictional Finnish patient, numbered `n` (dispatch id "A-<n>").
inline gateway::ncp_b::outbox_entry outbox_entry_number(int n,
                                                        const std::string& gln = outbox_pharmacy) {
    gateway::ncp_b::outbox_entry e;
    e.kind = gateway::ncp_b::outbox_kind::dispensation;
    e.pharmacy_gln = gln;
    e.dispatch_id = "A-" + std::to_string(n);
    e.pharmacist = {"9999991", "Testa Apotekare", "AP"};
    e.country = "FI";
    e.patient_id = "TEST-0001^^^&2.999.246.1.1&ISO";
    e.prescription_document_id = "2.999.246.1.2^rx-" + std::to_string(n) + ".L3";
    e.prescription_id = "rx-" + std::to_string(n);
    e.ed_document_id = "2.999.752.1.9^ed-" + std::to_string(n);
    e.ed_cda = "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><id extension=\"ed-" +
               std::to_string(n) + "\"/></ClinicalDocument>";
    return e;
}

/// A fixed instant for the tests' injected clocks (2026-11-16T00:00:00Z).
inline gateway::ncp_b::outbox_time outbox_t0() {
    return gateway::ncp_b::outbox_time(std::chrono::milliseconds(1'795'305'600'000));
}

/// Runs one awaitable to its end on an io_context of its own.
template <class T>
T run_now(boost::asio::awaitable<T> operation) {
    boost::asio::io_context io;
    auto done = boost::asio::co_spawn(io, std::move(operation), boost::asio::use_future);
    io.run();
    return done.get();
}

}  // namespace ncpeh::testing
