#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace ncpeh::gateway::audit {

/// The header fields of the syslog messages that carry ATNA audit messages (IHE ITI-20 over
/// RFC 5424). OpenNCP writes PRI by concatenating facility and severity ("<132>") and leaves
/// APP-NAME, PROCID and MSGID as "-"; these are computed and named.
struct syslog_header {
    /// RFC 5424 facility 10 (security/authorisation), as IHE ITI-20 asks.
    static constexpr int facility = 10;
    /// Severity 5 (notice) for an audit of a transaction that succeeded, 4 (warning) otherwise.
    static constexpr int notice = 5;
    static constexpr int warning = 4;
    /// The MSGID IHE ITI-20 gives audit messages.
    static constexpr std::string_view message_id = "IHE+RFC-3881";

    std::string hostname;  ///< our FQDN or address; "-" when empty
    std::string app_name = "ncpeh";
    std::string process_id;  ///< "-" when empty
};

/// One RFC 5424 syslog message: `<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID - ` then the
/// UTF-8 byte order mark and `xml` (PRI = facility × 8 + severity; TIMESTAMP in UTC with
/// milliseconds). Header fields are cut to RFC 5424's lengths and anything outside printable
/// US-ASCII in them becomes '?', so the header always parses.
std::string syslog_message(const syslog_header& header, int severity,
                           std::chrono::system_clock::time_point at, std::string_view xml);

/// RFC 5425 octet-counting framing: `MSG-LEN SP SYSLOG-MSG`, MSG-LEN the message's bytes.
std::string octet_counted(std::string_view message);

}  // namespace ncpeh::gateway::audit
