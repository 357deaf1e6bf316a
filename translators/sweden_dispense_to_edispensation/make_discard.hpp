#pragma once

#include <string>
#include <string_view>

#include "trust/error/error.hpp"
#include "trust/xml/document.hpp"

namespace ncpeh::translators::sweden_dispense_to_edispensation {

/// The discard of an eDispensation this gateway sent: the same document read back with the
/// country-A reader and marked as a discard ("-DISCARD" template extension), with the same
/// document id, supply id and prescription, and the creation time `now` (CDA TS). The id stays:
/// the prescribing country finds the dispensation to undo by the discard's first `id`
/// (ehdsi-protocol.md §5; the discard's own id is the XDR SubmissionSet uniqueId). What the
/// pharmacy reported is not needed again: the eD carries everything the discard repeats.
/// Errors: those of `cda::read_edispensation` (a document this gateway did not write).
result<std::string> make_discard(const trust::xml::document& edispensation, std::string_view now);

}  // namespace ncpeh::translators::sweden_dispense_to_edispensation
