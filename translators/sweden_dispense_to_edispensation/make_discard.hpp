#pragma once

#include <string>
#include <string_view>

#include "translators/cda/data_types.hpp"
#include "trust/error/error.hpp"
#include "trust/xml/document.hpp"

namespace ncpeh::translators::sweden_dispense_to_edispensation {

/// The discard of an eDispensation this gateway sent: the same document read back with the
/// country-A reader, marked as a discard ("-DISCARD" template extension, same supply id, same
/// prescription), with its own document id `discard_id` and creation time `now` (CDA TS). What
/// the pharmacy reported is not needed again: the eD carries everything the discard repeats.
/// Errors: those of `cda::read_edispensation` (a document this gateway did not write).
result<std::string> make_discard(const trust::xml::document& edispensation,
                                 const cda::instance_identifier& discard_id, std::string_view now);

}  // namespace ncpeh::translators::sweden_dispense_to_edispensation
