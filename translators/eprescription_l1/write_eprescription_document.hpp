#pragma once

#include <string>
#include <string_view>

#include "translators/cda/eprescription_document.hpp"
#include "translators/eprescription_l3/document_id.hpp"
#include "trust/error/error.hpp"

namespace ncpeh::translators::eprescription_l1 {

/// The CDA of `doc` at `level`: the L3 pivot (`write_eprescription_l3`), or the L1 PDF-in-CDA
/// (`render_prescription_pdf` with `created`, a CDA TS, then `write_eprescription_l1`). `doc`
/// must carry the document id of that level (`eprescription_document_id`). Errors: those of the
/// PDF rendering.
result<std::string> write_eprescription_document(const cda::eprescription_document& doc,
                                                 eprescription_l3::document_level level,
                                                 std::string_view created);

}  // namespace ncpeh::translators::eprescription_l1
