#include "translators/cda/document_header.hpp"

#include "translators/cda/code_systems.hpp"

namespace ncpeh::translators::cda {

coded_value normal_confidentiality() {
    coded_value out;
    out.code = "N";
    out.code_system = code_systems::hl7_confidentiality;
    out.code_system_name = "Confidentiality";
    out.display_name = "normal";
    return out;
}

}  // namespace ncpeh::translators::cda
