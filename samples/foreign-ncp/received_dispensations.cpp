#include "samples/foreign-ncp/received_dispensations.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <chrono>
#include <fstream>
#include <stdexcept>

#include <fmt/chrono.h>
#include <fmt/format.h>

namespace ncpeh::samples::foreign_ncp {

namespace {

constexpr std::string_view log_name = "received.jsonl";

std::string safe_file_stem(std::string_view id) {
    std::string out(id);
    for (char& c : out) {
        const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                           (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
        if (!plain) {
            c = '_';
        }
    }
    return out.empty() || out.front() == '.' ? "_" + out : out;
}

std::string utc_now() {
    return fmt::format("{:%Y-%m-%dT%H:%M:%S}Z",
                       std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
}

}  // namespace

received_dispensations::received_dispensations(std::filesystem::path folder)
    : folder_(std::move(folder)) {
    if (folder_.empty()) {
        return;
    }
    std::error_code ec;
    std::filesystem::create_directories(folder_, ec);
    if (ec) {
        throw std::runtime_error("cannot create " + folder_.string() + ": " + ec.message());
    }
    std::ifstream existing(folder_ / log_name);
    for (std::string line; std::getline(existing, line);) {
        if (!line.empty()) {
            ++count_;
        }
    }
}

std::filesystem::path received_dispensations::file_of(std::string_view document_id,
                                                      bool discard) const {
    return folder_ / (safe_file_stem(document_id) + (discard ? ".discard.xml" : ".xml"));
}

std::size_t received_dispensations::record(const received_submission& submission) {
    const std::lock_guard lock(mutex_);
    if (!submission.discard) {
        dispensations_.emplace(submission.document_id);
    }
    const std::size_t count = ++count_;
    if (folder_.empty()) {
        return count;
    }
    {
        std::ofstream out(file_of(submission.document_id, submission.discard),
                          std::ios::binary | std::ios::trunc);
        out << submission.content;
        if (!out.flush()) {
            throw std::runtime_error("cannot write the received document");
        }
    }
    boost::json::object line;
    line["time"] = utc_now();
    line["kind"] = submission.discard ? "discard" : "dispensation";
    line["document_id"] = submission.document_id;
    line["prescription_id"] = submission.prescription_id;
    line["patient_id"] = submission.patient_id;
    line["count"] = count;
    std::ofstream log(folder_ / log_name, std::ios::app);
    log << boost::json::serialize(line) << '\n';
    if (!log.flush()) {
        throw std::runtime_error("cannot append to received.jsonl");
    }
    return count;
}

bool received_dispensations::has_dispensation(std::string_view document_id) const {
    const std::lock_guard lock(mutex_);
    if (dispensations_.find(document_id) != dispensations_.end()) {
        return true;
    }
    std::error_code ec;
    return !folder_.empty() && std::filesystem::exists(file_of(document_id, false), ec);
}

}  // namespace ncpeh::samples::foreign_ncp
