#pragma once

#include <libxml/tree.h>

#include "translators/cda/document_header.hpp"
#include "translators/cda/participants.hpp"

namespace ncpeh::translators::cda {

/// Reads the ClinicalDocument header (everything `document_header` holds) from the root
/// element. Never fails: absent parts stay empty and the document reader decides what is
/// mandatory. Used for eP and eD documents in both directions.
document_header read_header(const xmlNode& clinical_document);

/// An assignedAuthor / assignedEntity: ids, addr, telecom, assignedPerson/name,
/// representedOrganization.
assigned_entity read_assigned_entity(const xmlNode& element);

/// An organisation element (id*, name, telecom*, addr).
organization read_organization(const xmlNode& element);

}  // namespace ncpeh::translators::cda
