// Test that the header is self-contained.
#include "gateway/ihe/xca_query_response.hpp"

#include <catch2/catch.hpp>

#include <set>

#include "gateway/ihe/registry_object.hpp"
#include "gateway/ihe/xds_identifiers.hpp"
#include "gateway/soap/response.hpp"
#include "trust/xml/document.hpp"
#include "trust/xml/namespaces.hpp"
#include "trust/xml/navigate.hpp"

namespace ihe = ncpeh::gateway::ihe;
namespace xml = ncpeh::trust::xml;
namespace xds_id = ihe::xds_id;
namespace ns = ncpeh::trust::xml::ns;
using ncpeh::errc;

namespace {

constexpr std::string_view rim = ns::rim;

ihe::document_entry entry(const std::string& uuid, const std::string& unique_id, bool pdf) {
    ihe::document_entry e;
    e.entry_uuid = uuid;
    e.unique_id = unique_id;
    e.repository_unique_id = "1.2.752.221.3.1.1.2";
    e.patient = {"1.2.752.129.2.1.3.1", "191212121212"};
    e.creation_time = "20261123101500";
    e.language_code = "sv-SE";
    e.title = "eHDSI - ePrescription";
    e.description = "Alvedon 500 mg <tablett>";
    e.author_person = "^Testläkare^Doktor";
    e.class_code = {"57833-6", "2.16.840.1.113883.6.1", "ePrescription"};
    e.type_code = {"57833-6", "2.16.840.1.113883.6.1", "ePrescription"};
    e.format_code =
        pdf ? ihe::coded_value{std::string(xds_id::format_pdf), "IHE PCC", "PDF/A coded document"}
            : ihe::coded_value{std::string(xds_id::format_eprescription), "eHDSI formatCodes",
                               "epSOS coded ePrescription"};
    e.confidentiality_code = {"N", "2.16.840.1.113883.5.25", "Normal"};
    e.healthcare_facility_type_code = {"SE", "1.0.3166.1", "Sweden"};
    e.practice_setting_code = {"Not Used", "eHDSI Practice Setting Codes-Not Used", ""};
    e.event_codes = {{"urn:ihe:iti:xdw:2011:eventCode:open", "1.3.6.1.4.1.19376.1.2.3", "open"},
                     {"N02BE01", "2.16.840.1.113883.6.73", "paracetamol"},
                     {"10219000", "0.4.0.127.0.16.1.1.2.1", "Tablet"}};
    e.size = pdf ? std::optional<std::uint64_t>() : std::optional<std::uint64_t>(4242);
    return e;
}

const std::string l3_uuid = "urn:uuid:0b0e1f5c-1111-4a2b-8c3d-000000000003";
const std::string l1_uuid = "urn:uuid:0b0e1f5c-1111-4a2b-8c3d-000000000001";

xml::document parse(const std::string& text) {
    auto doc = xml::parse_document(text);
    REQUIRE(doc.has_value());
    REQUIRE(xml::is_element(doc->root(), ns::query, "AdhocQueryResponse"));
    return std::move(*doc);
}

std::string attr(const xmlNode* node, std::string_view name) {
    REQUIRE(node != nullptr);
    return std::string(xml::attribute(*node, name).value_or("<absent>"));
}

std::string localized(const xmlNode& node, std::string_view element) {
    return attr(xml::find_path(node, {{rim, element}, {rim, "LocalizedString"}}), "value");
}

}  // namespace

TEST_CASE("an ePrescription list has L3 and L1 entries with everything OpenNCP NCP-B needs") {
    ihe::xca_query_response response;
    response.home_community_id = "1.2.752.221.3.1.1";
    response.documents.push_back({entry(l3_uuid, "1.2.752.221.3.1.1.3^RX1L3", false),
                                  entry(l1_uuid, "1.2.752.221.3.1.1.3^RX1L1", true)});
    const auto doc = parse(ihe::write_xca_query_response(response));
    const xmlNode& root = doc.root();
    CHECK(attr(&root, "status") == "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success");
    CHECK(xml::first_child(root, ns::rs, "RegistryErrorList") == nullptr);
    const xmlNode* list = xml::first_child(root, rim, "RegistryObjectList");
    REQUIRE(list != nullptr);
    const auto objects = xml::children(*list, rim, "ExtrinsicObject");
    REQUIRE(objects.size() == 2);

    std::set<std::string> ids;
    for (const xmlNode* object : objects) {
        const bool is_l1 = attr(object, "id") == l1_uuid;
        INFO((is_l1 ? "L1" : "L3"));
        CHECK(attr(object, "lid") == attr(object, "id"));
        CHECK(attr(object, "objectType") == "urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1");
        CHECK(attr(object, "status") == "urn:oasis:names:tc:ebxml-regrep:StatusType:Approved");
        CHECK(attr(object, "home") == "urn:oid:1.2.752.221.3.1.1");
        CHECK(attr(object, "mimeType") == "text/xml");
        CHECK(localized(*object, "Name") == "eHDSI - ePrescription");
        CHECK(localized(*object, "Description") == "Alvedon 500 mg <tablett>");
        CHECK(ihe::first_slot_value(*object, "creationTime") == "20261123101500");
        CHECK(ihe::first_slot_value(*object, "languageCode") == "sv-SE");
        CHECK(ihe::first_slot_value(*object, "repositoryUniqueId") == "1.2.752.221.3.1.1.2");
        CHECK(ihe::first_slot_value(*object, "sourcePatientId") ==
              "191212121212^^^&1.2.752.129.2.1.3.1&ISO");
        CHECK(ihe::first_slot_value(*object, "size") ==
              (is_l1 ? std::optional<std::string>() : std::optional<std::string>("4242")));
        CHECK(attr(xml::first_child(*object, rim, "VersionInfo"), "versionName") == "1.1");

        const auto classifications = xml::children(*object, rim, "Classification");
        CHECK(classifications.size() == 10);  // 6 codes + 3 event codes + author
        for (const xmlNode* classification : classifications) {
            CHECK_FALSE(xml::children(*classification, rim, "Slot").empty());
            CHECK(attr(classification, "classifiedObject") == attr(object, "id"));
            CHECK(attr(classification, "id").starts_with("urn:uuid:"));
            ids.insert(attr(classification, "id"));
        }
        const auto format =
            ihe::classification_code(*ihe::find_classification(*object, xds_id::format_code));
        CHECK(format.code == (is_l1 ? "urn:ihe:iti:xds-sd:pdf:2008" : "urn:epsos:ep:pre:2010"));
        CHECK(ihe::classification_code(*ihe::find_classification(*object, xds_id::class_code)) ==
              ihe::coded_value{"57833-6", "2.16.840.1.113883.6.1", "ePrescription"});
        CHECK(ihe::classification_code(
                  *ihe::find_classification(*object, xds_id::confidentiality_code))
                  .code == "N");
        CHECK(ihe::classification_code(
                  *ihe::find_classification(*object, xds_id::healthcare_facility_type_code)) ==
              ihe::coded_value{"SE", "1.0.3166.1", "Sweden"});
        int events = 0;
        for (const xmlNode* classification : classifications) {
            if (attr(classification, "classificationScheme") == xds_id::event_code_list) {
                ++events;
            }
        }
        CHECK(events == 3);
        const xmlNode* author = ihe::find_classification(*object, xds_id::author);
        REQUIRE(author != nullptr);
        CHECK(attr(author, "nodeRepresentation").empty());
        CHECK(ihe::first_slot_value(*author, "authorPerson") == "^Testläkare^Doktor");

        const auto identifiers = xml::children(*object, rim, "ExternalIdentifier");
        REQUIRE(identifiers.size() == 2);
        CHECK(ihe::external_identifier(*object, xds_id::entry_unique_id) ==
              (is_l1 ? "1.2.752.221.3.1.1.3^RX1L1" : "1.2.752.221.3.1.1.3^RX1L3"));
        CHECK(ihe::external_identifier(*object, xds_id::entry_patient_id) ==
              "191212121212^^^&1.2.752.129.2.1.3.1&ISO");
        for (const xmlNode* identifier : identifiers) {
            const bool unique = attr(identifier, "identificationScheme") == xds_id::entry_unique_id;
            CHECK(localized(*identifier, "Name") ==
                  (unique ? "XDSDocumentEntry.uniqueId" : "XDSDocumentEntry.patientId"));
            ids.insert(attr(identifier, "id"));
        }
    }
    CHECK(ids.size() == 24);  // every derived id distinct

    const auto associations = xml::children(*list, rim, "Association");
    REQUIRE(associations.size() == 1);
    CHECK(attr(associations[0], "associationType") == "urn:ihe:iti:2007:AssociationType:XFRM");
    CHECK(attr(associations[0], "sourceObject") == l1_uuid);
    CHECK(attr(associations[0], "targetObject") == l3_uuid);
    CHECK(attr(associations[0], "id").starts_with("urn:uuid:"));
    CHECK(ids.count(attr(associations[0], "id")) == 0);

    // Deterministic: the same input gives the same bytes.
    CHECK(ihe::write_xca_query_response(response) == ihe::write_xca_query_response(response));
}

TEST_CASE("an L3 without L1 has no association") {
    ihe::xca_query_response response;
    response.home_community_id = "1.2.752.221.3.1.1";
    auto l3 = entry(l3_uuid, "RX2L3", false);
    l3.author_person.clear();
    l3.description.clear();
    response.documents.push_back({l3, std::nullopt});
    const auto doc = parse(ihe::write_xca_query_response(response));
    const xmlNode* list = xml::first_child(doc.root(), rim, "RegistryObjectList");
    REQUIRE(list != nullptr);
    CHECK(xml::children(*list, rim, "ExtrinsicObject").size() == 1);
    CHECK(xml::children(*list, rim, "Association").empty());
    const xmlNode* object = xml::first_child(*list, rim, "ExtrinsicObject");
    CHECK(ihe::find_classification(*object, xds_id::author) == nullptr);
    CHECK(xml::first_child(*object, rim, "Description") == nullptr);
}

TEST_CASE("an empty list with errors is Failure with an ebRS error list; warnings alone succeed") {
    ihe::xca_query_response response;
    response.home_community_id = "1.2.752.221.3.1.1";
    response.errors = {ncpeh::make_error(errc::no_eprescription_for_patient, "no ePrescription"),
                       ncpeh::make_warning(errc::ep_missing_expected_mapping_warning, "unmapped")};
    const auto doc = parse(ihe::write_xca_query_response(response));
    CHECK(attr(&doc.root(), "status") ==
          "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure");
    const xmlNode* list = xml::first_child(doc.root(), ns::rs, "RegistryErrorList");
    REQUIRE(list != nullptr);
    CHECK(attr(list, "highestSeverity") ==
          "urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error");
    const auto errors = xml::children(*list, ns::rs, "RegistryError");
    REQUIRE(errors.size() == 2);
    CHECK(attr(errors[0], "errorCode") == "1101");
    CHECK(attr(errors[0], "codeContext") == "no ePrescription");
    CHECK(attr(errors[0], "severity") == "urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error");
    CHECK(attr(errors[0], "location") == "urn:oid:1.2.752.221.3.1.1");
    CHECK(attr(errors[1], "errorCode") == "WARNING_EP_MISSING_EXPECTED_MAPPING");
    CHECK(attr(errors[1], "severity") ==
          "urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Warning");
    // OpenNCP responses always carry the (empty) RegistryObjectList, after the error list.
    const xmlNode* objects = xml::first_child(doc.root(), rim, "RegistryObjectList");
    REQUIRE(objects != nullptr);
    CHECK(xml::child_elements(*objects).empty());
    CHECK(xml::child_elements(doc.root()).front() == list);

    response.errors = {ncpeh::make_warning(errc::ep_missing_expected_mapping_warning, "unmapped")};
    response.documents.push_back({entry(l3_uuid, "RX3L3", false), std::nullopt});
    const auto warned = parse(ihe::write_xca_query_response(response));
    CHECK(attr(&warned.root(), "status") ==
          "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success");

    response.errors = {ncpeh::make_error(errc::ep_missing_expected_mapping, "unmapped")};
    const auto partial = parse(ihe::write_xca_query_response(response));
    CHECK(attr(&partial.root(), "status") == "urn:ihe:iti:2007:ResponseStatusType:PartialSuccess");
}

TEST_CASE("the query response fits into a SOAP envelope that parses back") {
    ihe::xca_query_response response;
    response.home_community_id = "1.2.752.221.3.1.1";
    response.documents.push_back({entry(l3_uuid, "RX4L3", false), entry(l1_uuid, "RX4L1", true)});
    auto doc = xml::parse_document(ncpeh::gateway::soap::write_envelope(
        {"urn:ihe:iti:2007:CrossGatewayQueryResponse", "urn:uuid:1", "urn:uuid:2"},
        ihe::write_xca_query_response(response)));
    CHECK(doc.has_value());
}

// --- country B: reading a foreign NCP-A's answer ------------------------------------------------

namespace {

std::string replaced_all(std::string text, const std::string& from, const std::string& to) {
    std::size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    for (; at != std::string::npos; at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
    return text;
}

ncpeh::result<ihe::xca_query_response> read_answer(const std::string& text) {
    auto doc = xml::parse_document(text);
    REQUIRE(doc.has_value());
    return ihe::parse_xca_query_response(doc->root());
}

/// Two prescriptions: the first with L3 and L1, the second with its L3 only.
ihe::xca_query_response two_prescriptions() {
    ihe::xca_query_response response;
    response.home_community_id = "1.2.752.221.3.1.1";
    response.documents.push_back({entry(l3_uuid, "1.2.752.221.3.1.1.3^RX1L3", false),
                                  entry(l1_uuid, "1.2.752.221.3.1.1.3^RX1L1", true)});
    ihe::document_entry second =
        entry("urn:uuid:0b0e1f5c-1111-4a2b-8c3d-000000000005", "RX2L3", false);
    second.description.clear();
    second.author_person.clear();
    second.hash = "da39a3ee5e6b4b0d3255bfef95601890afd80709";
    second.event_codes.clear();
    response.documents.push_back({second, std::nullopt});
    response.errors = {ncpeh::make_warning(errc::ep_missing_expected_mapping_warning,
                                           "a code has no eHDSI mapping")};
    return response;
}

}  // namespace

TEST_CASE("our own query response reads back pair for pair, field for field", "[ihe][country-b]") {
    const ihe::xca_query_response sent = two_prescriptions();
    auto read = read_answer(ihe::write_xca_query_response(sent));
    REQUIRE(read.has_value());
    CHECK(read->status == ihe::response_status::success);
    CHECK(read->home_community_id == "1.2.752.221.3.1.1");
    REQUIRE(read->documents.size() == 2);
    CHECK(read->documents[0] == sent.documents[0]);
    CHECK(read->documents[1] == sent.documents[1]);
    // Spot checks of what the equality covers.
    CHECK(read->documents[0].pivot.description == "Alvedon 500 mg <tablett>");
    CHECK(read->documents[0].pivot.author_person == "^Testläkare^Doktor");
    CHECK(read->documents[0].pivot.size == 4242u);
    CHECK(read->documents[0].pivot.event_codes.size() == 3);
    REQUIRE(read->documents[0].original.has_value());
    CHECK(read->documents[0].original->format_code.code == "urn:ihe:iti:xds-sd:pdf:2008");
    CHECK_FALSE(read->documents[0].original->size.has_value());
    CHECK(read->documents[1].pivot.hash == "da39a3ee5e6b4b0d3255bfef95601890afd80709");
    REQUIRE(read->errors.size() == 1);
    CHECK(read->errors[0].code == errc::ep_missing_expected_mapping_warning);
    CHECK(read->errors[0].level == ncpeh::severity::warning);
    CHECK(read->errors[0].message == "a code has no eHDSI mapping");
    CHECK(read->errors[0].context_value("remote_code") == "WARNING_EP_MISSING_EXPECTED_MAPPING");
}

TEST_CASE("an empty list with OpenNCP's 1101 reads as Failure, no documents", "[ihe][country-b]") {
    ihe::xca_query_response sent;
    sent.home_community_id = "1.2.752.221.3.1.1";
    sent.errors = {ncpeh::make_error(errc::no_eprescription_for_patient, "no ePrescription")};
    auto read = read_answer(ihe::write_xca_query_response(sent));
    REQUIRE(read.has_value());
    CHECK(read->status == ihe::response_status::failure);
    CHECK(read->documents.empty());
    CHECK(read->home_community_id.empty());
    REQUIRE(read->errors.size() == 1);
    CHECK(read->errors[0].code == errc::no_eprescription_for_patient);
    CHECK(read->errors[0].level == ncpeh::severity::error);
    CHECK(read->errors[0].context_value("remote_code") == "1101");

    auto unknown =
        read_answer(replaced_all(ihe::write_xca_query_response(sent), R"(errorCode="1101")",
                                 R"(errorCode="ERROR_NEW_IN_2027")"));
    REQUIRE(unknown.has_value());
    REQUIRE(unknown->errors.size() == 1);
    CHECK(unknown->errors[0].code == errc::foreign_ncp_refused);
    CHECK(unknown->errors[0].message == "no ePrescription");
    CHECK(unknown->errors[0].context_value("remote_code") == "ERROR_NEW_IN_2027");
}

TEST_CASE("a peer's query response is read whatever its spelling", "[ihe][country-b]") {
    ihe::xca_query_response sent;
    sent.home_community_id = "1.2.208";
    sent.documents.push_back({entry(l3_uuid, "RX1L3", false), entry(l1_uuid, "RX1L1", true)});
    std::string text = ihe::write_xca_query_response(sent);
    // epSOS-era format code, another prefix, a comment first, no declaration, the XFRM
    // association the wrong way round, no languageCode slot, uniqueId only by its Name (in
    // other case), a size that is no number, a PartialSuccess in ebRS' spelling.
    text = replaced_all(text, "urn:epsos:ep:pre:2010", "urn:epSOS:ep:pre:2010");
    text = replaced_all(text, "<rim:", "<r:");
    text = replaced_all(text, "</rim:", "</r:");
    text = replaced_all(text, "xmlns:rim=", "xmlns:r=");
    text = "<!-- answered by a peer -->\n" + text;
    text = replaced_all(text, R"(sourceObject=")" + l1_uuid + R"(" targetObject=")" + l3_uuid + '"',
                        R"(sourceObject=")" + l3_uuid + R"(" targetObject=")" + l1_uuid + '"');
    text = replaced_all(text, R"(name="languageCode")", R"(name="ignoredSlot")");
    text = replaced_all(
        text, std::string(R"(identificationScheme=")") + std::string(xds_id::entry_unique_id) + '"',
        R"(identificationScheme="urn:uuid:00000000-0000-4000-8000-000000000000")");
    text = replaced_all(text, R"(value="XDSDocumentEntry.uniqueId")",
                        R"(value="xdsDocumentEntry.UNIQUEID")");
    text = replaced_all(text, R"(<r:Value>4242</r:Value>)", R"(<r:Value>4 kB</r:Value>)");
    text = replaced_all(text, "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success",
                        "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:PartialSuccess");
    auto read = read_answer(text);
    REQUIRE(read.has_value());
    CHECK(read->status == ihe::response_status::partial_success);
    CHECK(read->home_community_id == "1.2.208");
    REQUIRE(read->documents.size() == 1);
    const ihe::document_pair& pair = read->documents[0];
    CHECK(pair.pivot.unique_id == "RX1L3");
    CHECK(pair.pivot.format_code.code == "urn:epSOS:ep:pre:2010");
    CHECK(xds_id::is_format(pair.pivot.format_code.code, xds_id::format_eprescription));
    CHECK(pair.pivot.language_code.empty());
    CHECK_FALSE(pair.pivot.size.has_value());
    REQUIRE(pair.original.has_value());
    CHECK(pair.original->unique_id == "RX1L1");
}

TEST_CASE("entries in no XFRM association are their own pivots, in order", "[ihe][country-b]") {
    ihe::xca_query_response sent;
    sent.home_community_id = "1.2.752.221.3.1.1";
    sent.documents.push_back({entry(l3_uuid, "RX1L3", false), entry(l1_uuid, "RX1L1", true)});
    std::string text = ihe::write_xca_query_response(sent);
    text = replaced_all(text, std::string(xds_id::association_xfrm),
                        "urn:ihe:iti:2007:AssociationType:RPLC");
    auto read = read_answer(text);
    REQUIRE(read.has_value());
    REQUIRE(read->documents.size() == 2);
    CHECK(read->documents[0].pivot.unique_id == "RX1L3");
    CHECK_FALSE(read->documents[0].original.has_value());
    CHECK(read->documents[1].pivot.unique_id == "RX1L1");
    CHECK_FALSE(read->documents[1].original.has_value());
}

TEST_CASE("query responses that break the IHE shape are refused precisely", "[ihe][country-b]") {
    const std::string good = ihe::write_xca_query_response(two_prescriptions());
    struct broken_case {
        std::string name;
        std::string text;
        std::string element;
    };
    const std::string success =
        R"(status="urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success")";
    for (
        const broken_case& c : std::vector<broken_case>{
            {"no status", replaced_all(good, success, ""), "AdhocQueryResponse"},
            {"unknown status", replaced_all(good, success, R"(status="Fine")"),
             "AdhocQueryResponse"},
            {"an ExtrinsicObject without uniqueId",
             replaced_all(replaced_all(good, std::string(xds_id::entry_unique_id), "urn:uuid:x"),
                          R"(value="XDSDocumentEntry.uniqueId")", R"(value="Other")"),
             "ExternalIdentifier"},
            {"an ExtrinsicObject without id",
             replaced_all(good, "<rim:ExtrinsicObject id=", "<rim:ExtrinsicObject data-id="),
             "ExtrinsicObject"},
            {"no repositoryUniqueId",
             replaced_all(good, R"(name="repositoryUniqueId")", R"(name="repository")"), "Slot"},
            {"a malformed patient id",
             replaced_all(good, "191212121212^^^&amp;1.2.752.129.2.1.3.1&amp;ISO", "191212121212"),
             "ExternalIdentifier"},
            {"a RegistryError without errorCode",
             replaced_all(good, R"(errorCode="WARNING_EP_MISSING_EXPECTED_MAPPING")", ""),
             "RegistryError"},
            {"a query instead of a response",
             R"(<query:AdhocQueryRequest xmlns:query="urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0"/>)",
             "AdhocQueryRequest"},
        }) {
        INFO(c.name);
        auto read = read_answer(c.text);
        REQUIRE_FALSE(read.has_value());
        CHECK(read.error().code == errc::foreign_ncp_answer_invalid);
        CHECK(read.error().context_value("element") == c.element);
    }
    auto no_unique_id = read_answer(
        replaced_all(replaced_all(good, std::string(xds_id::entry_unique_id), "urn:uuid:x"),
                     R"(value="XDSDocumentEntry.uniqueId")", R"(value="Other")"));
    REQUIRE_FALSE(no_unique_id.has_value());
    CHECK(no_unique_id.error().context_value("entry") == l3_uuid);
    CHECK(no_unique_id.error().message ==
          "XCA query response: an ExtrinsicObject has no XDSDocumentEntry.uniqueId");
}
