#pragma once

#include <cstddef>
#include <filesystem>
#include <mutex>
#include <set>
#include <string>
#include <string_view>

namespace ncpeh::samples::foreign_ncp {

/// What one acknowledged ITI-41 submission delivered. Ids are `root^extension`.
struct received_submission {
    bool discard = false;
    std::string document_id;      ///< the eD's ClinicalDocument/id
    std::string prescription_id;  ///< its inFulfillmentOf/order/id
    std::string patient_id;       ///< the TRC patient (CX): fictional test patients only
    std::string_view content;     ///< the eD CDA as received
};

/// The `--received DIR` of `foreign-ncp serve`, so tests can count deliveries: each submission's
/// CDA in a file named by the eD document id (`<id>.xml`, a discard `<id>.discard.xml`; characters
/// other than letters, digits, `.`, `-` and `_` become `_`), overwritten when the same id comes
/// again, and one line per submission appended to `received.jsonl`:
/// `{"time":"…Z","kind":"dispensation"|"discard","document_id":…,"prescription_id":…,
/// "patient_id":…,"count":N}`, where `count` numbers the lines of the file from 1. With an empty
/// folder nothing is written. Thread-safe.
class received_dispensations {
  public:
    /// Creates `folder` when needed; continues the count of an existing `received.jsonl`.
    /// Throws std::runtime_error when the folder cannot be created.
    explicit received_dispensations(std::filesystem::path folder);

    /// Keeps the submission; returns its count. Throws std::runtime_error when the files cannot
    /// be written.
    std::size_t record(const received_submission& submission);

    /// Whether an eDispensation with this document id was received (since start, or in a file of
    /// the folder): a discard must name one.
    bool has_dispensation(std::string_view document_id) const;

  private:
    std::filesystem::path file_of(std::string_view document_id, bool discard) const;

    std::filesystem::path folder_;
    mutable std::mutex mutex_;
    std::size_t count_ = 0;
    std::set<std::string, std::less<>> dispensations_;
};

}  // namespace ncpeh::samples::foreign_ncp
