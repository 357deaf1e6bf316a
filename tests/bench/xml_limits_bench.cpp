// The hardened parser on the worst inputs its limits let through, and on the attack they stop
// (release preset). One thread; bytes per second and CPU time per document.
//   ./scripts/build release xml_limits_bench && build/release/tests/xml_limits_bench
// The `unbounded_attributes` rows lift the per-element limit to show the quadratic cost the
// limit exists for: doubling the attributes of one element quadruples the time.
#include <benchmark/benchmark.h>

#include <string>

#include "trust/xml/check_markup_limits.hpp"
#include "trust/xml/document.hpp"

namespace {

namespace xml = ncpeh::trust::xml;

std::string envelope(const std::string& body) {
    return "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Header/><s:Body>" +
           body + "</s:Body></s:Envelope>";
}

std::string element_with_attributes(int count) {
    std::string text = "<x";
    for (int i = 0; i < count; ++i) {
        text += " a" + std::to_string(i) + "=\"v\"";
    }
    return text + "/>";
}

// A SOAP request of an ordinary shape and size: nested elements with a few attributes and text.
std::string ordinary_request(int entries) {
    std::string body = "<q:Query xmlns:q=\"urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0\">";
    for (int i = 0; i < entries; ++i) {
        body += "<q:Slot name=\"$XDSDocumentEntryPatientId\" type=\"t\"><q:ValueList><q:Value>'" +
                std::to_string(191212121212LL + i) +
                "^^^&amp;1.2.752.129.2.1.3.1&amp;ISO'</q:Value></q:ValueList></q:Slot>";
    }
    return envelope(body + "</q:Query>");
}

// As many attributes as the document may have, 64 (the per-element limit) to an element.
std::string most_attributes() {
    const xml::parse_limits limits;
    std::string body = "<r>";
    const auto elements = limits.max_attributes / limits.max_attributes_per_element - 1;
    for (std::size_t e = 0; e < elements; ++e) {
        body += element_with_attributes(static_cast<int>(limits.max_attributes_per_element));
    }
    return envelope(body + "</r>");
}

// As many namespaces in scope as allowed (declared on nested elements, at most the per-element
// limit on each), and the most elements allowed inside, each using the prefix declared first,
// which libxml2 finds last.
std::string most_namespaces() {
    const xml::parse_limits limits;
    std::string body;
    unsigned declared = 1;  // the envelope's own
    for (int level = 0; level < 4; ++level) {
        body += "<r";
        for (unsigned i = 0;
             i < limits.max_attributes_per_element && declared < limits.max_namespaces_in_scope;
             ++i, ++declared) {
            body += " xmlns:p" + std::to_string(declared) + "=\"urn:n:" + std::to_string(declared) +
                    "\"";
        }
        body += ">";
    }
    for (std::size_t e = 0; e + 16 < limits.max_nodes; ++e) {
        body += "<p1:e/>";
    }
    return envelope(body + "</r></r></r></r>");
}

// The most elements allowed, nested as deep as allowed over and over.
std::string most_nodes() {
    const xml::parse_limits limits;
    std::string body;
    const std::size_t depth = limits.max_depth - 4;
    for (std::size_t done = 0; done + depth + 8 < limits.max_nodes; done += depth) {
        for (std::size_t d = 0; d < depth; ++d) {
            body += "<e>";
        }
        for (std::size_t d = 0; d < depth; ++d) {
            body += "</e>";
        }
    }
    return envelope(body);
}

// Attribute values of the longest length allowed, 9 MB of them: libxml2 2.9 without
// XML_PARSE_HUGE refuses markup beyond 10 MB into a document ("Huge input lookup"), whatever
// the byte limit; text content is not affected.
std::string longest_values() {
    const xml::parse_limits limits;
    std::string body;
    const std::string value(limits.max_attribute_value_bytes, 'v');
    while (body.size() + value.size() < 9'000'000) {
        body += "<e a=\"" + value + "\"/>";
    }
    return envelope(body);
}

void parse(benchmark::State& state, const std::string& text, const xml::parse_limits& limits,
           bool expect_ok) {
    for (auto _ : state) {
        auto parsed = xml::parse_document(text, limits);
        if (parsed.has_value() != expect_ok) {
            state.SkipWithError(parsed ? "parsed, but should have been refused"
                                       : parsed.error().describe().c_str());
            break;
        }
        benchmark::DoNotOptimize(parsed);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                            static_cast<std::int64_t>(text.size()));
    state.counters["bytes"] = static_cast<double>(text.size());
}

void ordinary(benchmark::State& state) {
    parse(state, ordinary_request(static_cast<int>(state.range(0))), {}, true);
}
BENCHMARK(ordinary)->Arg(10)->Arg(1000)->Unit(benchmark::kMicrosecond);

// The scan alone on the same request: what the limits cost an ordinary request.
void scan_only(benchmark::State& state) {
    const std::string text = ordinary_request(static_cast<int>(state.range(0)));
    for (auto _ : state) {
        benchmark::DoNotOptimize(xml::check_markup_limits(text, {}));
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                            static_cast<std::int64_t>(text.size()));
}
BENCHMARK(scan_only)->Arg(10)->Arg(1000)->Unit(benchmark::kMicrosecond);

void worst_attributes(benchmark::State& state) {
    parse(state, most_attributes(), {}, true);
}
BENCHMARK(worst_attributes)->Unit(benchmark::kMillisecond);

void worst_namespaces(benchmark::State& state) {
    parse(state, most_namespaces(), {}, true);
}
BENCHMARK(worst_namespaces)->Unit(benchmark::kMillisecond);

void worst_nodes(benchmark::State& state) {
    parse(state, most_nodes(), {}, true);
}
BENCHMARK(worst_nodes)->Unit(benchmark::kMillisecond);

void worst_values(benchmark::State& state) {
    parse(state, longest_values(), {}, true);
}
BENCHMARK(worst_values)->Unit(benchmark::kMillisecond);

// The reported attack: one element with 100,000 attributes (1.2 MB), refused by the scan.
void attack_refused(benchmark::State& state) {
    parse(state, envelope(element_with_attributes(100000)), {}, false);
}
BENCHMARK(attack_refused)->Unit(benchmark::kMillisecond);

// What the per-element limit prevents: the same shape with the limit lifted.
void unbounded_attributes(benchmark::State& state) {
    xml::parse_limits limits;
    limits.max_attributes_per_element = 1'000'000;
    limits.max_attributes = 1'000'000;
    parse(state, envelope(element_with_attributes(static_cast<int>(state.range(0)))), limits, true);
}
BENCHMARK(unbounded_attributes)
    ->Arg(5000)
    ->Arg(10000)
    ->Arg(20000)
    ->Arg(40000)
    ->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
