#pragma once

#include <chrono>

#include "gateway/ihe/patient_id.hpp"
#include "gateway/ihe/xca_query_response.hpp"
#include "gateway/ncp_a/responder_settings.hpp"
#include "translators/eprescription_l3/make_eprescription.hpp"

namespace ncpeh::gateway::ncp_a::xca_query {

/// The XDS metadata of one prescription's L3 pivot and L1 documents as OpenNCP clients need it
/// (ehdsi-protocol.md §3 table): uniqueId = the deterministic CDA document id, repository = ours,
/// no size/hash (documents are made on demand), eventCodeList open + ATC + dose form + strength
/// + substitution. `model` is the L3 model of the prescription. Pure apart from the fresh
/// entry uuids.
ihe::document_pair describe_documents(
    const responder_settings& settings,
    const translators::eprescription_l3::eprescription_model& model, const ihe::patient_id& patient,
    std::chrono::system_clock::time_point now);

}  // namespace ncpeh::gateway::ncp_a::xca_query
