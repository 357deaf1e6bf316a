#include "translators/sweden_dispense_to_edispensation/make_discard.hpp"

#include "translators/cda/read_edispensation.hpp"
#include "translators/sweden_dispense_to_edispensation/write_edispensation.hpp"

namespace ncpeh::translators::sweden_dispense_to_edispensation {

result<std::string> make_discard(const trust::xml::document& edispensation, std::string_view now) {
    auto read = cda::read_edispensation(edispensation);
    if (!read) {
        return read.error();
    }
    read->discard = true;
    read->header.effective_time = std::string(now);
    return write_edispensation(*read);
}

}  // namespace ncpeh::translators::sweden_dispense_to_edispensation
