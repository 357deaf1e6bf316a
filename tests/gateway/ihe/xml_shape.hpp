#pragma once

// The structural comparison of an IHE message we write with a real peer's message
// (../shared/samples/ehdsi/soap): which elements occur where, with which attributes, and — for
// attributes that are fixed by the profile rather than by the data — which values. Header-only
// test support of tests/gateway/ihe.

#include <libxml/tree.h>

#include <algorithm>
#include <initializer_list>
#include <iterator>
#include <set>
#include <string>
#include <string_view>

#include "trust/xml/namespaces.hpp"
#include "trust/xml/navigate.hpp"

namespace ncpeh::testing::ihe_shape {

/// A short, prefix-independent name for a namespace URI (the URI itself when unknown).
inline std::string namespace_label(std::string_view uri) {
    namespace ns = trust::xml::ns;
    const std::pair<std::string_view, std::string_view> labels[] = {
        {ns::hl7, "hl7"}, {ns::rim, "rim"}, {ns::rs, "rs"},   {ns::query, "query"},
        {ns::lcm, "lcm"}, {ns::xds, "xds"}, {ns::xop, "xop"},
    };
    for (const auto& [known, label] : labels) {
        if (uri == known) {
            return std::string(label);
        }
    }
    return "{" + std::string(uri) + "}";
}

inline void collect(const xmlNode& element, const std::string& parent_path,
                    const std::set<std::string, std::less<>>& varying,
                    std::set<std::string>& shape) {
    namespace xml = trust::xml;
    const std::string path = parent_path + "/" + namespace_label(xml::namespace_uri(element)) +
                             ":" + std::string(xml::local_name(element));
    shape.insert(path);
    for (const xmlAttr* a = element.properties; a != nullptr; a = a->next) {
        const std::string name(reinterpret_cast<const char*>(a->name));
        if (a->ns != nullptr) {
            shape.insert(path + "@{" + std::string(reinterpret_cast<const char*>(a->ns->href)) +
                         "}" + name);
            continue;
        }
        const std::string value(xml::attribute(element, name).value_or(""));
        shape.insert(varying.contains(name) ? path + "@" + name : path + "@" + name + "=" + value);
    }
    for (const xmlNode* child : xml::child_elements(element)) {
        collect(*child, path, varying, shape);
    }
}

/// Every element path ("/hl7:PRPA_IN201305UV02/hl7:id"), every attribute as "path@name" when
/// its name is in `varying` (ids, times, values that depend on the data) and as
/// "path@name=value" otherwise.
inline std::set<std::string> shape_of(const xmlNode& root,
                                      std::initializer_list<std::string_view> varying) {
    const std::set<std::string, std::less<>> names(varying.begin(), varying.end());
    std::set<std::string> shape;
    collect(root, "", names, shape);
    return shape;
}

/// What `a` has and `b` has not.
inline std::set<std::string> only_in(const std::set<std::string>& a,
                                     const std::set<std::string>& b) {
    std::set<std::string> out;
    std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::inserter(out, out.end()));
    return out;
}

}  // namespace ncpeh::testing::ihe_shape
