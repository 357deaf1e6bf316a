#include "gateway/ncp_a/prescription_document.hpp"

#include "translators/cda/cda_time.hpp"
#include "translators/eprescription_l1/render_prescription_pdf.hpp"
#include "translators/eprescription_l1/write_eprescription_l1.hpp"
#include "translators/eprescription_l3/write_eprescription_l3.hpp"

namespace ncpeh::gateway::ncp_a {

namespace l3 = translators::eprescription_l3;

result<l3::eprescription_model> model_prescription(
    const responder_settings& settings, const translators::fhir::medication_request& request,
    const translators::fhir::patient& patient, l3::document_level level,
    std::chrono::system_clock::time_point now) {
    const l3::eprescription_input input{
        request, patient, translators::cda::to_cda_time(now),
        l3::eprescription_document_id(settings.eprescription.prescription_id_root, request.id,
                                      level)};
    return l3::make_eprescription(input, settings.eprescription, *settings.tables);
}

result<std::string> write_prescription_document(const l3::eprescription_model& model,
                                                l3::document_level level,
                                                std::chrono::system_clock::time_point now) {
    if (level == l3::document_level::l3) {
        return l3::write_eprescription_l3(model.document);
    }
    auto pdf = translators::eprescription_l1::render_prescription_pdf(
        model.document, translators::cda::to_cda_time(now));
    if (!pdf) {
        return pdf.error();
    }
    return translators::eprescription_l1::write_eprescription_l1(model.document, *pdf);
}

}  // namespace ncpeh::gateway::ncp_a
