#include "gateway/ncp_a/prescription_document.hpp"

#include "translators/cda/cda_time.hpp"

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

}  // namespace ncpeh::gateway::ncp_a
