// Test that the header is self-contained.
#include "gateway/ihe/xca_retrieve_request.hpp"

#include <catch2/catch.hpp>

#include "tests/gateway/ihe/xml_shape.hpp"
#include "tests/support/peer_samples.hpp"
#include "tests/support/test_files.hpp"
#include "trust/xml/document.hpp"
#include "trust/xml/namespaces.hpp"
#include "trust/xml/navigate.hpp"

namespace ihe = ncpeh::gateway::ihe;
namespace xml = ncpeh::trust::xml;
namespace shape = ncpeh::testing::ihe_shape;
using ncpeh::errc;

namespace {

ncpeh::result<std::vector<ihe::document_request>> parse(const std::string& text) {
    auto doc = xml::parse_document(text);
    REQUIRE(doc.has_value());
    return ihe::parse_xca_retrieve_request(doc->root());
}

std::string request_with(const std::string& requests) {
    return R"(<x:RetrieveDocumentSetRequest xmlns:x="urn:ihe:iti:xds-b:2007">)" + requests +
           "</x:RetrieveDocumentSetRequest>";
}

}  // namespace

TEST_CASE("the real OpenNCP retrieve request parses") {
    if (ncpeh::testing::skip_without_peer_samples()) {
        return;
    }
    auto requests = parse(ncpeh::testing::read_file(ncpeh::testing::peer_samples_dir() /
                                                    "soap/xca-retrieve.body.xml"));
    REQUIRE(requests.has_value());
    REQUIRE(requests->size() == 1);
    CHECK(requests->at(0) == ihe::document_request{"urn:oid:2.16.999.1000.990.1", "1234",
                                                   "1.2.246.556.12001.4.93.1.1^6.1"});
}

TEST_CASE("our own retrieve request parses") {
    auto requests = parse(
        ncpeh::testing::read_file(ncpeh::testing::request_bodies_dir() / "xca-retrieve.body.xml"));
    REQUIRE(requests.has_value());
    REQUIRE(requests->size() == 1);
    CHECK(requests->at(0) ==
          ihe::document_request{"urn:oid:2.999.752.1.1", "2.999.752.1.1",
                                "2.999.752.1.2.9^5e020001-0000-4000-8000-000000000001.L3"});
}

TEST_CASE("several DocumentRequests, HomeCommunityId optional as in DK's tool") {
    auto requests = parse(request_with(
        "<x:DocumentRequest><x:RepositoryUniqueId>1.2.752.221.3.1.1.2</x:RepositoryUniqueId>"
        "<x:DocumentUniqueId>1.2.752.221.3.1.1.3^RX1L3</x:DocumentUniqueId></x:DocumentRequest>"
        "<x:DocumentRequest><x:HomeCommunityId> urn:oid:1.2.752.221.3.1.1 </x:HomeCommunityId>"
        "<x:RepositoryUniqueId>1.2.752.221.3.1.1.2</x:RepositoryUniqueId>"
        "<x:DocumentUniqueId>1.2.752.221.3.1.1.3^RX1L1</x:DocumentUniqueId></x:DocumentRequest>"));
    REQUIRE(requests.has_value());
    REQUIRE(requests->size() == 2);
    CHECK(requests->at(0).home_community_id.empty());
    CHECK(requests->at(0).document_unique_id == "1.2.752.221.3.1.1.3^RX1L3");
    CHECK(requests->at(1).home_community_id == "urn:oid:1.2.752.221.3.1.1");
    CHECK(requests->at(1).document_unique_id == "1.2.752.221.3.1.1.3^RX1L1");
}

TEST_CASE("empty or incomplete retrieve requests are refused") {
    auto none = parse(request_with(""));
    REQUIRE_FALSE(none.has_value());
    CHECK(none.error().code == errc::ihe_request_invalid);
    CHECK(none.error().context_value("element") == "DocumentRequest");

    auto empty = parse(request_with("<x:DocumentRequest/>"));
    REQUIRE_FALSE(empty.has_value());
    CHECK(empty.error().code == errc::ihe_request_invalid);
    CHECK(empty.error().context_value("element") == "DocumentUniqueId");

    auto no_repository = parse(request_with(
        "<x:DocumentRequest><x:DocumentUniqueId>1</x:DocumentUniqueId></x:DocumentRequest>"));
    REQUIRE_FALSE(no_repository.has_value());
    CHECK(no_repository.error().context_value("element") == "RepositoryUniqueId");

    auto second_empty = parse(request_with(
        "<x:DocumentRequest><x:RepositoryUniqueId>1.2</x:RepositoryUniqueId><x:DocumentUniqueId>1"
        "</x:DocumentUniqueId></x:DocumentRequest><x:DocumentRequest><x:RepositoryUniqueId>1.2"
        "</x:RepositoryUniqueId><x:DocumentUniqueId> </x:DocumentUniqueId></x:DocumentRequest>"));
    REQUIRE_FALSE(second_empty.has_value());
    CHECK(second_empty.error().context_value("document_request") == "2");

    auto wrong_root = parse(R"(<RetrieveDocumentSetRequest xmlns="urn:ihe:iti:xds:2007"/>)");
    REQUIRE_FALSE(wrong_root.has_value());
    CHECK(wrong_root.error().code == errc::ihe_request_invalid);
}

// --- country B: the retrieve we send -----------------------------------------------------------

TEST_CASE("the XCA retrieve we write reads back request for request", "[ihe][country-b]") {
    const std::vector<ihe::document_request> sent{
        {"urn:oid:1.2.208", "1.2.208.176.7.2.3", "1.2.208.176.7.2.3^507397226156101L3"},
        {"1.2.208", "1.2.208.176.7.2.3", "507397226156101<L1>&"},
    };
    const std::string text = ihe::write_xca_retrieve_request(sent);
    auto read = parse(text);
    REQUIRE(read.has_value());
    REQUIRE(read->size() == 2);
    CHECK(read->at(0) == sent[0]);
    // A bare OID gets the urn:oid: prefix OpenNCP NCP-B always sends.
    CHECK(read->at(1) ==
          ihe::document_request{"urn:oid:1.2.208", "1.2.208.176.7.2.3", "507397226156101<L1>&"});

    const std::vector<ihe::document_request> without_home{{"", "1.2.3", "RX1L3"}};
    auto doc = xml::parse_document(ihe::write_xca_retrieve_request(without_home));
    REQUIRE(doc.has_value());
    const xmlNode* request =
        xml::first_child(doc->root(), ncpeh::trust::xml::ns::xds, "DocumentRequest");
    REQUIRE(request != nullptr);
    CHECK(xml::first_child(*request, ncpeh::trust::xml::ns::xds, "HomeCommunityId") == nullptr);
}

TEST_CASE("the XCA retrieve we write has the shape of OpenNCP's", "[ihe][country-b]") {
    if (ncpeh::testing::skip_without_peer_samples()) {
        return;
    }
    auto peer = xml::parse_document(ncpeh::testing::read_file(ncpeh::testing::peer_samples_dir() /
                                                              "soap/xca-retrieve.body.xml"));
    REQUIRE(peer.has_value());
    auto requests = ihe::parse_xca_retrieve_request(peer->root());
    REQUIRE(requests.has_value());
    auto ours = xml::parse_document(ihe::write_xca_retrieve_request(*requests));
    REQUIRE(ours.has_value());
    CHECK(shape::shape_of(ours->root(), {}) == shape::shape_of(peer->root(), {}));
    auto again = ihe::parse_xca_retrieve_request(ours->root());
    REQUIRE(again.has_value());
    CHECK(*again == *requests);
}
