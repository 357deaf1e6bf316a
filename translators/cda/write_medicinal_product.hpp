#pragma once

#include "translators/cda/medicinal_product.hpp"
#include "translators/cda/xml_writer.hpp"

namespace ncpeh::translators::cda {

/// Writes `manufacturedProduct` (template …3.1.3.29) with its `manufacturedMaterial`
/// (…3.1.3.30) in the current `pharm:` model, in the XSD's element order: templateId, code,
/// name, pharm:desc, pharm:formCode, pharm:asContent (innermost container first, each outer
/// package nested inside), pharm:asSpecializedKind[GRIC] (ATC), pharm:ingredient*; then
/// manufacturerOrganization. Used for the eP consumable and the eD product alike.
void write_medicinal_product(xml_writer& out, const medicinal_product& product);

}  // namespace ncpeh::translators::cda
