#pragma once

#include "translators/cda/document_header.hpp"
#include "translators/cda/xml_writer.hpp"

namespace ncpeh::translators::cda {

/// Opens `<ClinicalDocument>` with the namespace declarations (default urn:hl7-org:v3, pharm,
/// xsi; no xsi:schemaLocation — the 2024 rules reject it) and writes every header element up to
/// and including `legalAuthenticator`, in CDA order: typeId, templateId, id, code, title,
/// effectiveTime, confidentialityCode, languageCode, setId, versionNumber, recordTarget,
/// author*, custodian, legalAuthenticator. The caller then writes inFulfillmentOf (eD),
/// relatedDocument (`write_related_documents`), the body, and closes the root.
void write_header_start(xml_writer& out, const document_header& header);

/// relatedDocument[@typeCode='XFRM']/parentDocument/id for each parent id.
void write_related_documents(xml_writer& out, const document_header& header);

/// An `assignedAuthor` / `assignedEntity` (`element` names which): ids, addr, telecom,
/// assignedPerson/name, representedOrganization.
void write_assigned_entity(xml_writer& out, std::string_view element,
                           const assigned_entity& entity);

/// An organisation element (`representedOrganization`, `representedCustodianOrganization`).
void write_organization(xml_writer& out, std::string_view element, const organization& org);

}  // namespace ncpeh::translators::cda
