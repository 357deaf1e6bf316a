#pragma once

#include <boost/asio/any_io_executor.hpp>

#include <chrono>
#include <cstddef>
#include <memory>
#include <string_view>

#include "gateway/ncp_b/assertion_headers.hpp"

namespace ncpeh::gateway::ncp_b {

/// Assertions signed ahead of the call that needs them. Every call to a foreign NCP-A carries a
/// fresh HCP and TRC assertion (`security_for_patient`), and signing the two is most of ncpeh's
/// own time in a call. A pharmacist works on one patient for a while (identify, list, view,
/// dispense), so after each call the next pair for the same session and patient is signed in
/// the background, and the next call takes it instead of waiting for the signatures. A spare is
/// used once (peers refuse an assertion ID seen before), is taken only while it is younger than
/// `max_age` (its 10 minutes of validity then still cover the call and its retries) and the
/// session lasts, and is dropped otherwise. Thread-safe; background work holds only a weak
/// reference, so destroying the reserve while signing is under way is safe.
class assertion_reserve {
  public:
    /// Signs in the background on `executor`. At most `capacity` spares are kept.
    assertion_reserve(boost::asio::any_io_executor executor, const assertion_issuer& issuer,
                      std::size_t capacity = 1024,
                      std::chrono::seconds max_age = std::chrono::seconds(60));
    ~assertion_reserve();
    assertion_reserve(const assertion_reserve&) = delete;
    assertion_reserve& operator=(const assertion_reserve&) = delete;

    /// The Security header for a call of `session` about `patient_cx` (empty: HCP only): the
    /// spare signed for them when there is a usable one, else a pair signed now
    /// (`security_for_patient`, with its errors). Either way a new spare for the same session
    /// and patient is then signed in the background.
    result<patient_security> take(const pharmacist_session& session, std::string_view patient_cx,
                                  std::chrono::system_clock::time_point now);

    /// Signs a spare for `session` and `patient_cx` in the background (for example for the
    /// patients an identification just returned), unless one is there already.
    void prepare(const pharmacist_session& session, std::string_view patient_cx);

    /// Calls that found a spare, and that had to sign (tests, metrics).
    std::uint64_t taken() const noexcept;
    std::uint64_t signed_on_demand() const noexcept;

  private:
    struct state;
    std::shared_ptr<state> state_;
};

/// The Security header of a call: from `reserve` when there is one, else signed now with
/// `issuer` (`security_for_patient`).
result<patient_security> security_for_call(assertion_reserve* reserve,
                                           const assertion_issuer& issuer,
                                           const pharmacist_session& session,
                                           std::string_view patient_cx,
                                           std::chrono::system_clock::time_point now);

}  // namespace ncpeh::gateway::ncp_b
