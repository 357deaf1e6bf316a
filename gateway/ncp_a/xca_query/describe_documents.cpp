#include "gateway/ncp_a/xca_query/describe_documents.hpp"

#include "gateway/ihe/hl7_time.hpp"
#include "gateway/ihe/xds_identifiers.hpp"
#include "gateway/soap/response.hpp"
#include "translators/cda/code_systems.hpp"
#include "translators/eprescription_l3/document_id.hpp"

namespace ncpeh::gateway::ncp_a::xca_query {

namespace {

namespace l3 = translators::eprescription_l3;
namespace cda = translators::cda;

// XCN "^family^given" (authorPerson slot).
std::string author_person_of(const cda::document_header& header) {
    if (header.authors.empty()) {
        return {};
    }
    const cda::person_name& name = header.authors.front().entity.name;
    std::string out = "^" + name.family + "^";
    if (!name.given.empty()) {
        out += name.given.front();
    }
    return out;
}

// "5 mg/1 tablet" from the first ingredient's strength.
std::string strength_of(const cda::medicinal_product& product) {
    if (product.ingredients.empty()) {
        return {};
    }
    const cda::ratio& s = product.ingredients.front().strength;
    if (s.numerator.value.empty()) {
        return {};
    }
    std::string out = s.numerator.value + " " + s.numerator.unit;
    if (!s.denominator.value.empty()) {
        out += "/" + s.denominator.value + " " + s.denominator.unit;
    }
    return out;
}

void add_event_code(std::vector<ihe::coded_value>& out, const cda::coded_value& code,
                    std::string_view scheme) {
    if (!code.code.empty()) {
        out.push_back({code.code, std::string(scheme), code.display_name});
    }
}

}  // namespace

ihe::document_pair describe_documents(const responder_settings& settings,
                                      const l3::eprescription_model& model,
                                      const ihe::patient_id& patient,
                                      std::chrono::system_clock::time_point now) {
    const cda::eprescription_document& doc = model.document;
    const cda::medicinal_product& product = doc.item.product;

    ihe::document_entry pivot;
    pivot.entry_uuid = soap::make_uuid_urn();
    pivot.unique_id = l3::document_unique_id(
        l3::eprescription_document_id(settings.eprescription.prescription_id_root,
                                      doc.prescription_id.extension, l3::document_level::l3));
    pivot.repository_unique_id = settings.repository_unique_id;
    pivot.patient = patient;
    pivot.creation_time = ihe::xds_time_of(now);
    pivot.language_code = doc.header.language_code.empty() ? "sv-SE" : doc.header.language_code;
    pivot.title = "eHDSI - ePrescription";
    pivot.description = product.name;
    pivot.author_person = author_person_of(doc.header);
    pivot.class_code = {"57833-6", std::string(cda::code_systems::loinc), "ePrescription"};
    pivot.type_code = pivot.class_code;
    pivot.format_code = {std::string(ihe::xds_id::format_eprescription), "eHDSI formatCodes",
                         "epSOS coded ePrescription"};
    pivot.confidentiality_code = {"N", std::string(cda::code_systems::hl7_confidentiality),
                                  "Normal"};
    pivot.healthcare_facility_type_code = {"SE", "1.0.3166.1", "Sweden"};
    pivot.practice_setting_code = {"Not Used", "eHDSI Practice Setting Codes-Not Used", "Not Used"};
    pivot.event_codes.push_back(
        {"urn:ihe:iti:xdw:2011:eventCode:open", "1.3.6.1.4.1.19376.1.2.3", "open"});
    add_event_code(pivot.event_codes, product.atc, cda::code_systems::atc);
    add_event_code(pivot.event_codes, product.form_code, cda::code_systems::edqm);
    if (const std::string strength = strength_of(product); !strength.empty()) {
        pivot.event_codes.push_back({strength, "eHDSI_Strength_CodeSystem", strength});
    }
    add_event_code(pivot.event_codes, doc.item.substitution,
                   cda::code_systems::hl7_substance_admin_substitution);

    ihe::document_entry original = pivot;
    original.entry_uuid = soap::make_uuid_urn();
    original.unique_id = l3::document_unique_id(
        l3::eprescription_document_id(settings.eprescription.prescription_id_root,
                                      doc.prescription_id.extension, l3::document_level::l1));
    original.format_code = {std::string(ihe::xds_id::format_pdf), "IHE PCC",
                            "PDF/A coded document"};
    return {std::move(pivot), std::move(original)};
}

}  // namespace ncpeh::gateway::ncp_a::xca_query
