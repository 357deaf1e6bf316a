#include "gateway/ihe/demographics.hpp"

#include <string_view>

#include "trust/xml/escape.hpp"
#include "trust/xml/namespaces.hpp"
#include "trust/xml/navigate.hpp"

namespace ncpeh::gateway::ihe {

namespace {

using trust::xml::append_text_element;

namespace xml = trust::xml;
namespace ns = trust::xml::ns;

std::string child_text(const xmlNode& parent, std::string_view local) {
    const xmlNode* child = xml::first_child(parent, ns::hl7, local);
    return child == nullptr ? std::string() : xml::trimmed_text_of(*child);
}

}  // namespace

person_name person_name_of(const xmlNode& name) {
    person_name out;
    out.family = child_text(name, "family");
    for (const xmlNode* given : xml::children(name, ns::hl7, "given")) {
        out.given.push_back(xml::trimmed_text_of(*given));
    }
    return out;
}

postal_address postal_address_of(const xmlNode& address) {
    postal_address out;
    out.street = child_text(address, "streetName");
    if (out.street.empty()) {
        out.street = child_text(address, "streetAddressLine");
    }
    out.city = child_text(address, "city");
    out.postal_code = child_text(address, "postalCode");
    out.country = child_text(address, "country");
    return out;
}

void append_person_name_parts(std::string& out, const person_name& name) {
    for (const std::string& given : name.given) {
        append_text_element(out, "given", given);
    }
    if (!name.family.empty()) {
        append_text_element(out, "family", name.family);
    }
}

void append_postal_address_parts(std::string& out, const postal_address& address) {
    if (!address.street.empty()) {
        append_text_element(out, "streetAddressLine", address.street);
    }
    if (!address.city.empty()) {
        append_text_element(out, "city", address.city);
    }
    if (!address.postal_code.empty()) {
        append_text_element(out, "postalCode", address.postal_code);
    }
    if (!address.country.empty()) {
        append_text_element(out, "country", address.country);
    }
}

}  // namespace ncpeh::gateway::ihe
