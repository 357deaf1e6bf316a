#pragma once

#include <string>
#include <string_view>

#include "translators/cda/eprescription_document.hpp"
#include "trust/error/error.hpp"

namespace ncpeh::translators::eprescription_l1 {

/// Renders the prescription as a one-page A4 PDF a pharmacist can read: patient, prescriber,
/// product, strength, form, package, quantity, dosage (Swedish original), validity,
/// substitution, instructions and the ids, with English and Swedish labels. Text is laid out
/// with Pango (fonts-dejavu-core, so å ä ö and other Latin letters render) on a cairo PDF
/// surface. `created` (CDA TS or RFC 3339) becomes the PDF creation date, so the bytes depend
/// only on the inputs. Errors: internal when cairo fails or a character has no glyph in the
/// installed fonts (a box would be printed instead). Thread-safe.
result<std::string> render_prescription_pdf(const cda::eprescription_document& doc,
                                            std::string_view created);

}  // namespace ncpeh::translators::eprescription_l1
