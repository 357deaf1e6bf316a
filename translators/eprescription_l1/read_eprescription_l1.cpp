#include "translators/eprescription_l1/read_eprescription_l1.hpp"

#include "trust/encoding/base64.hpp"
#include "trust/xml/namespaces.hpp"
#include "trust/xml/navigate.hpp"

namespace ncpeh::translators::eprescription_l1 {

namespace xml = trust::xml;
namespace ns = trust::xml::ns;

bool has_non_xml_body(const xmlNode& clinical_document) {
    return xml::find_path(clinical_document, {{ns::hl7, "component"}, {ns::hl7, "nonXMLBody"}}) !=
           nullptr;
}

result<std::string> read_embedded_pdf(const xmlNode& clinical_document) {
    constexpr std::string_view element = "ClinicalDocument/component/nonXMLBody/text";
    const xmlNode* text = xml::find_path(
        clinical_document, {{ns::hl7, "component"}, {ns::hl7, "nonXMLBody"}, {ns::hl7, "text"}});
    if (text == nullptr) {
        return make_error(errc::ep_generic, "the document has no embedded (L1) body")
            .with("element", std::string(element));
    }
    if (xml::attribute(*text, "mediaType").value_or("") != "application/pdf" ||
        xml::attribute(*text, "representation").value_or("") != "B64") {
        return make_error(errc::ep_generic,
                          "the embedded body is not a base64 PDF (mediaType application/pdf, "
                          "representation B64)")
            .with("element", std::string(element));
    }
    auto pdf = trust::encoding::base64_decode(xml::text_of(*text));
    if (!pdf) {
        return make_error(errc::ep_generic, "the embedded PDF's base64 is broken")
            .with("element", std::string(element));
    }
    if (!pdf->starts_with("%PDF-")) {
        return make_error(errc::ep_generic, "the embedded bytes are not a PDF")
            .with("element", std::string(element));
    }
    return std::move(*pdf);
}

}  // namespace ncpeh::translators::eprescription_l1
