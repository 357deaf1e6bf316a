#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "translators/fhir/datatypes.hpp"
#include "trust/error/error.hpp"

namespace ncpeh::translators::fhir {

/// Reads the members of one JSON object into the typed model. Each getter returns a default
/// ("absent") value when the member is missing, and records the first type mismatch as an
/// `errc::fhir_malformed` error naming the element path ("MedicationRequest.dispenseRequest.
/// validityPeriod.end"), so parsers read straight down and check `failed()` once at the end.
/// Remembers which members were read so the rest can be kept (`unread_members`).
class json_reader {
  public:
    /// `object` must outlive the reader.
    json_reader(const boost::json::object& object, std::string path);
    /// A reader for a value that must be an object; records an error if it is not.
    json_reader(const boost::json::value& value, std::string path);

    std::string string(std::string_view key);
    std::optional<bool> boolean(std::string_view key);
    std::optional<long long> integer(std::string_view key);
    std::optional<double> decimal(std::string_view key);
    std::vector<std::string> strings(std::string_view key);
    /// The member as a nested object reader (absent → nullopt), marking it read.
    const boost::json::object* object(std::string_view key);
    /// The member as an array (absent → nullptr), marking it read.
    const boost::json::array* array(std::string_view key);

    coding read_coding(std::string_view key);
    std::vector<coding> codings(std::string_view key);
    codeable_concept read_codeable_concept(std::string_view key);
    std::optional<codeable_concept> optional_codeable_concept(std::string_view key);
    std::vector<codeable_concept> codeable_concepts(std::string_view key);
    std::vector<identifier> identifiers(std::string_view key);
    fhir::reference read_reference(std::string_view key);
    std::vector<fhir::reference> references(std::string_view key);
    std::optional<fhir::quantity> read_quantity(std::string_view key);
    std::optional<fhir::ratio> read_ratio(std::string_view key);
    std::optional<fhir::period> read_period(std::string_view key);
    std::vector<human_name> names(std::string_view key);
    std::optional<fhir::address> read_address(std::string_view key);
    std::vector<fhir::address> addresses(std::string_view key);
    std::vector<contact_point> telecoms(std::string_view key);
    fhir::meta read_meta(std::string_view key);
    std::vector<extension> extensions(std::string_view key);

    /// Typed extensions: each removes the first extension with `url` from `list` and returns its
    /// value, recording an error when the value has the wrong type. Absent → empty/nullopt.
    /// Strings accept valueString, valueCode, valueId, valueUri, valueDate and valueDateTime.
    std::string take_string_extension(std::vector<extension>& list, std::string_view url);
    std::optional<bool> take_bool_extension(std::vector<extension>& list, std::string_view url);
    std::optional<long long> take_integer_extension(std::vector<extension>& list,
                                                    std::string_view url);
    std::optional<double> take_decimal_extension(std::vector<extension>& list,
                                                 std::string_view url);
    std::optional<coding> take_coding_extension(std::vector<extension>& list, std::string_view url);
    std::optional<fhir::reference> take_reference_extension(std::vector<extension>& list,
                                                            std::string_view url);
    /// Removes and returns the first extension with `url` (any value), for complex extensions.
    std::optional<extension> take_extension(std::vector<extension>& list, std::string_view url);

    /// Records an error (the first one wins) and returns false, for checks parsers make
    /// themselves.
    bool fail(std::string message);
    /// Marks `key` as read without reading it.
    void skip(std::string_view key);

    bool failed() const noexcept { return error_.has_value(); }
    /// The first error recorded; call only when `failed()`.
    ncpeh::error take_error();
    /// Members of the object nobody read (kept on round trips).
    boost::json::object unread_members() const;
    /// The path of this object, e.g. "MedicationRequest.dispenseRequest".
    const std::string& path() const noexcept { return path_; }
    /// Adopts the first error of a nested reader.
    void absorb(json_reader& nested);

  private:
    const boost::json::value* find(std::string_view key);
    void mark_read(boost::json::object::const_iterator member);
    std::string child(std::string_view key) const;
    coding coding_from(const boost::json::value& value, const std::string& path);
    codeable_concept concept_from(const boost::json::value& value, const std::string& path);
    fhir::quantity quantity_from(const boost::json::value& value, const std::string& path);
    extension extension_from(const boost::json::value& value, const std::string& path);
    /// Every item of the array `key`, each read by `read(json_reader&)` with a nested reader
    /// whose error is absorbed (absent → empty).
    template <class T, class Read>
    std::vector<T> each_nested(std::string_view key, Read read);
    /// The object `key` read by `read(json_reader&)` with a nested reader (absent → nullopt).
    template <class T, class Read>
    std::optional<T> one_nested(std::string_view key, Read read);

    static const boost::json::object empty_object_;
    const boost::json::object* object_;
    std::string path_;
    /// Which members of `*object_` were read, by position (sized on first use): cheaper than
    /// a set of names, and parsers read every resource of every answer.
    std::vector<bool> read_;
    std::optional<ncpeh::error> error_;
};

}  // namespace ncpeh::translators::fhir
