#include "translators/eprescription_l1/write_eprescription_l1.hpp"

#include "translators/cda/write_header.hpp"
#include "trust/encoding/base64.hpp"

namespace ncpeh::translators::eprescription_l1 {

std::string write_eprescription_l1(const cda::eprescription_document& doc, std::string_view pdf) {
    cda::xml_writer out;
    cda::document_header header = doc.header;
    header.template_id = "1.3.6.1.4.1.12559.11.10.1.3.1.1.6";
    header.template_extension.clear();
    cda::write_header_start(out, header);
    cda::write_related_documents(out, header);
    out.start("component");
    out.start("nonXMLBody");
    out.attribute("classCode", "DOCBODY");
    out.attribute("moodCode", "EVN");
    out.start("text");
    out.attribute("mediaType", "application/pdf");
    out.attribute("representation", "B64");
    out.text(trust::encoding::base64_encode(pdf));
    out.end();
    out.end();
    out.end();
    out.end();
    return std::move(out).finish();
}

}  // namespace ncpeh::translators::eprescription_l1
