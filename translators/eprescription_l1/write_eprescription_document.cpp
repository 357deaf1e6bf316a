#include "translators/eprescription_l1/write_eprescription_document.hpp"

#include "translators/eprescription_l1/render_prescription_pdf.hpp"
#include "translators/eprescription_l1/write_eprescription_l1.hpp"
#include "translators/eprescription_l3/write_eprescription_l3.hpp"

namespace ncpeh::translators::eprescription_l1 {

result<std::string> write_eprescription_document(const cda::eprescription_document& doc,
                                                 eprescription_l3::document_level level,
                                                 std::string_view created) {
    if (level == eprescription_l3::document_level::l3) {
        return eprescription_l3::write_eprescription_l3(doc);
    }
    auto pdf = render_prescription_pdf(doc, created);
    if (!pdf) {
        return pdf.error();
    }
    return write_eprescription_l1(doc, *pdf);
}

}  // namespace ncpeh::translators::eprescription_l1
