#pragma once

#include <boost/json/value.hpp>

#include <string>

namespace ncpeh::testing {

/// What the national API answered: status, Content-Type and body.
struct api_answer {
    unsigned status = 0;
    std::string content_type;
    std::string body;
    boost::json::value json() const;
    /// The ncpeh error name of an OperationOutcome answer ("" when it names none).
    std::string error() const;
};

}  // namespace ncpeh::testing
