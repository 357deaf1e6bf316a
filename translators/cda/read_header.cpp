#include "translators/cda/read_header.hpp"

#include "translators/cda/read_data_types.hpp"
#include "trust/xml/namespaces.hpp"
#include "trust/xml/navigate.hpp"

namespace ncpeh::translators::cda {

namespace xml = trust::xml;
namespace ns = trust::xml::ns;

organization read_organization(const xmlNode& element) {
    organization org;
    org.ids = read_ids(element);
    if (const xmlNode* name = xml::first_child(element, ns::hl7, "name")) {
        org.name = xml::trimmed_text_of(*name);
    }
    org.telecoms = read_telecoms(element);
    if (const xmlNode* addr = xml::first_child(element, ns::hl7, "addr")) {
        org.addr = read_address(*addr);
    }
    return org;
}

assigned_entity read_assigned_entity(const xmlNode& element) {
    assigned_entity entity;
    entity.ids = read_ids(element);
    if (const xmlNode* addr = xml::first_child(element, ns::hl7, "addr")) {
        entity.addr = read_address(*addr);
    }
    entity.telecoms = read_telecoms(element);
    if (const xmlNode* name =
            xml::find_path(element, {{ns::hl7, "assignedPerson"}, {ns::hl7, "name"}})) {
        entity.name = read_name(*name);
    }
    if (const xmlNode* org = xml::first_child(element, ns::hl7, "representedOrganization")) {
        entity.represented_organization = read_organization(*org);
    }
    return entity;
}

namespace {

patient read_patient(const xmlNode& patient_role) {
    patient person;
    person.ids = read_ids(patient_role);
    if (const xmlNode* addr = xml::first_child(patient_role, ns::hl7, "addr")) {
        person.addr = read_address(*addr);
    }
    person.telecoms = read_telecoms(patient_role);
    if (const xmlNode* who = xml::first_child(patient_role, ns::hl7, "patient")) {
        if (const xmlNode* name = xml::first_child(*who, ns::hl7, "name")) {
            person.name = read_name(*name);
        }
        if (const xmlNode* gender = xml::first_child(*who, ns::hl7, "administrativeGenderCode")) {
            person.gender = read_code(*gender);
        }
        person.birth_time = read_time(*who, "birthTime");
    }
    return person;
}

}  // namespace

document_header read_header(const xmlNode& root) {
    document_header header;
    if (const xmlNode* template_id = xml::first_child(root, ns::hl7, "templateId")) {
        header.template_id = std::string(xml::attribute(*template_id, "root").value_or(""));
        header.template_extension =
            std::string(xml::attribute(*template_id, "extension").value_or(""));
    }
    if (const xmlNode* id = xml::first_child(root, ns::hl7, "id")) {
        header.id = read_id(*id);
    }
    if (const xmlNode* code = xml::first_child(root, ns::hl7, "code")) {
        header.code = read_code(*code);
    }
    if (const xmlNode* title = xml::first_child(root, ns::hl7, "title")) {
        header.title = xml::trimmed_text_of(*title);
    }
    header.effective_time = read_time(root, "effectiveTime");
    if (const xmlNode* code = xml::first_child(root, ns::hl7, "confidentialityCode")) {
        header.confidentiality = read_code(*code);
    }
    if (const xmlNode* language = xml::first_child(root, ns::hl7, "languageCode")) {
        header.language_code = std::string(xml::attribute(*language, "code").value_or(""));
    }
    if (const xmlNode* set_id = xml::first_child(root, ns::hl7, "setId")) {
        header.set_id = read_id(*set_id);
    }
    header.version_number = read_time(root, "versionNumber");
    if (const xmlNode* role =
            xml::find_path(root, {{ns::hl7, "recordTarget"}, {ns::hl7, "patientRole"}})) {
        header.patient = read_patient(*role);
    }
    for (const xmlNode* element : xml::children(root, ns::hl7, "author")) {
        author who;
        if (const xmlNode* function = xml::first_child(*element, ns::hl7, "functionCode")) {
            who.function_code = read_code(*function);
        }
        who.time = read_time(*element, "time");
        if (const xmlNode* assigned = xml::first_child(*element, ns::hl7, "assignedAuthor")) {
            who.entity = read_assigned_entity(*assigned);
        }
        header.authors.push_back(std::move(who));
    }
    if (const xmlNode* custodian =
            xml::find_path(root, {{ns::hl7, "custodian"},
                                  {ns::hl7, "assignedCustodian"},
                                  {ns::hl7, "representedCustodianOrganization"}})) {
        header.custodian = read_organization(*custodian);
    }
    if (const xmlNode* legal = xml::first_child(root, ns::hl7, "legalAuthenticator")) {
        header.legal_authentication_time = read_time(*legal, "time");
        if (const xmlNode* entity = xml::first_child(*legal, ns::hl7, "assignedEntity")) {
            header.legal_authenticator = read_assigned_entity(*entity);
        }
    }
    for (const xmlNode* related : xml::children(root, ns::hl7, "relatedDocument")) {
        if (const xmlNode* id =
                xml::find_path(*related, {{ns::hl7, "parentDocument"}, {ns::hl7, "id"}})) {
            header.parent_document_ids.push_back(read_id(*id));
        }
    }
    return header;
}

}  // namespace ncpeh::translators::cda
