#include "tests/support/xml_mutation.hpp"

#include <libxml/tree.h>

#include <stdexcept>
#include <vector>

#include "trust/xml/document.hpp"

namespace ncpeh::testing {

namespace {

void collect_elements(xmlNode* node, std::vector<xmlNode*>& out) {
    for (xmlNode* child = node->children; child != nullptr; child = child->next) {
        if (child->type == XML_ELEMENT_NODE) {
            out.push_back(child);
            collect_elements(child, out);
        }
    }
}

std::string serialise(xmlDoc* doc) {
    xmlChar* bytes = nullptr;
    int size = 0;
    xmlDocDumpMemory(doc, &bytes, &size);
    std::string text(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(size));
    xmlFree(bytes);
    return text;
}

}  // namespace

std::string mutate_elements(std::string_view original, std::mt19937& random) {
    auto doc = trust::xml::parse_document(original);
    if (!doc) {
        throw std::runtime_error("mutate_elements: " + doc.error().describe());
    }
    const int mutations = 1 + static_cast<int>(random() % 4);
    for (int m = 0; m < mutations; ++m) {
        std::vector<xmlNode*> elements;
        collect_elements(&doc->root(), elements);
        if (elements.empty()) {
            break;
        }
        xmlNode* victim = elements[random() % elements.size()];
        if (random() % 2 == 0) {
            xmlUnlinkNode(victim);
            xmlFreeNode(victim);
        } else {
            xmlNode* copy = xmlDocCopyNode(victim, doc->get(), 1);
            if (copy == nullptr) {
                throw std::runtime_error("mutate_elements: xmlDocCopyNode failed");
            }
            xmlAddNextSibling(victim, copy);
        }
    }
    return serialise(doc->get());
}

}  // namespace ncpeh::testing
