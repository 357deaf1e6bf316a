#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ncpeh::testing {

/// A DICOM audit message (as ncpeh writes them for ATNA) read back through the hardened parser,
/// reduced to what the tests compare.
struct atna_summary {
    struct participant {
        std::string user_id;
        std::vector<std::string> roles;  ///< RoleIDCode csd-code values
        bool requestor = false;
        std::string address;  ///< NetworkAccessPointID
        std::string address_type;
    };
    struct object {
        std::string id;
        std::string type;
        std::string role;
        std::string id_type;  ///< ParticipantObjectIDTypeCode csd-code
    };
    std::string action;
    std::string outcome;
    std::string date_time;
    std::string event_id;
    std::vector<std::string> event_types;  ///< EventTypeCode csd-code values, in order
    std::string outcome_description;
    std::vector<participant> participants;
    std::string source_id;
    std::vector<object> objects;

    /// The participant with role `role`; fails the test when there is none.
    const participant& with_role(std::string_view role) const;
    /// The ids of the objects of type `type` and ID type `id_type`, in order.
    std::vector<std::string> object_ids(std::string_view id_type) const;
};

/// Parses `xml` with `trust::xml::parse_document` (the test fails when it is not well-formed
/// or not an AuditMessage).
atna_summary summarize_atna(std::string_view xml);

}  // namespace ncpeh::testing
