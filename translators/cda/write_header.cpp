#include "translators/cda/write_header.hpp"

#include "translators/cda/write_data_types.hpp"
#include "trust/xml/namespaces.hpp"

namespace ncpeh::translators::cda {

void write_organization(xml_writer& out, std::string_view element, const organization& org) {
    out.start(element);
    out.attribute("classCode", "ORG");
    out.attribute("determinerCode", "INSTANCE");
    if (org.ids.empty()) {
        write_id(out, "id", {});
    }
    for (const instance_identifier& id : org.ids) {
        write_id(out, "id", id);
    }
    out.start("name");
    if (org.name.empty()) {
        out.attribute("nullFlavor", "NI");
    } else {
        out.text(org.name);
    }
    out.end();
    write_telecoms(out, org.telecoms);
    write_address(out, org.addr);
    out.end();
}

void write_assigned_entity(xml_writer& out, std::string_view element,
                           const assigned_entity& entity) {
    out.start(element);
    out.attribute("classCode", "ASSIGNED");
    if (entity.ids.empty()) {
        write_id(out, "id", {});
    }
    for (const instance_identifier& id : entity.ids) {
        write_id(out, "id", id);
    }
    write_address(out, entity.addr);
    write_telecoms(out, entity.telecoms);
    out.start("assignedPerson");
    out.attribute("classCode", "PSN");
    out.attribute("determinerCode", "INSTANCE");
    write_name(out, entity.name);
    out.end();
    write_organization(out, "representedOrganization", entity.represented_organization);
    out.end();
}

namespace {

void write_record_target(xml_writer& out, const patient& person) {
    out.start("recordTarget");
    out.attribute("typeCode", "RCT");
    out.attribute("contextControlCode", "OP");
    out.start("patientRole");
    out.attribute("classCode", "PAT");
    for (const instance_identifier& id : person.ids) {
        write_id(out, "id", id);
    }
    write_address(out, person.addr);
    write_telecoms(out, person.telecoms);
    out.start("patient");
    out.attribute("classCode", "PSN");
    out.attribute("determinerCode", "INSTANCE");
    write_name(out, person.name);
    write_code(out, "administrativeGenderCode", person.gender);
    write_time(out, "birthTime", person.birth_time);
    out.end();
    out.end();
    out.end();
}

void write_author(xml_writer& out, const author& who) {
    out.start("author");
    out.attribute("typeCode", "AUT");
    out.attribute("contextControlCode", "OP");
    if (!who.function_code.empty()) {
        write_code(out, "functionCode", who.function_code);
    }
    write_time(out, "time", who.time);
    write_assigned_entity(out, "assignedAuthor", who.entity);
    out.end();
}

}  // namespace

void write_header_start(xml_writer& out, const document_header& header) {
    out.start("ClinicalDocument");
    out.attribute("xmlns", trust::xml::ns::hl7);
    out.attribute("xmlns:pharm", trust::xml::ns::pharm);
    out.attribute("xmlns:xsi", trust::xml::ns::xsi);
    out.attribute("classCode", "DOCCLIN");
    out.attribute("moodCode", "EVN");
    out.start("typeId");
    out.attribute("root", "2.16.840.1.113883.1.3");
    out.attribute("extension", "POCD_HD000040");
    out.end();
    out.start("templateId");
    out.attribute("root", header.template_id);
    out.optional_attribute("extension", header.template_extension);
    out.end();
    write_id(out, "id", header.id);
    write_code(out, "code", header.code);
    out.element("title", header.title);
    write_time(out, "effectiveTime", header.effective_time);
    write_code(out, "confidentialityCode", header.confidentiality);
    out.start("languageCode");
    out.attribute("code", header.language_code);
    out.end();
    if (!header.set_id.empty()) {
        write_id(out, "setId", header.set_id);
    }
    if (!header.version_number.empty()) {
        out.start("versionNumber");
        out.attribute("value", header.version_number);
        out.end();
    }
    write_record_target(out, header.patient);
    for (const author& who : header.authors) {
        write_author(out, who);
    }
    out.start("custodian");
    out.attribute("typeCode", "CST");
    out.start("assignedCustodian");
    out.attribute("classCode", "ASSIGNED");
    write_organization(out, "representedCustodianOrganization", header.custodian);
    out.end();
    out.end();
    out.start("legalAuthenticator");
    out.attribute("typeCode", "LA");
    out.attribute("contextControlCode", "OP");
    write_time(out, "time", header.legal_authentication_time);
    out.start("signatureCode");
    out.attribute("code", "S");
    out.end();
    write_assigned_entity(out, "assignedEntity", header.legal_authenticator);
    out.end();
}

void write_related_documents(xml_writer& out, const document_header& header) {
    for (const instance_identifier& id : header.parent_document_ids) {
        out.start("relatedDocument");
        out.attribute("typeCode", "XFRM");
        out.start("parentDocument");
        out.attribute("classCode", "DOCCLIN");
        out.attribute("moodCode", "EVN");
        write_id(out, "id", id);
        out.end();
        out.end();
    }
}

}  // namespace ncpeh::translators::cda
