#pragma once

#include <string>
#include <vector>

#include "translators/cda/edispensation_document.hpp"
#include "translators/cda/eprescription_document.hpp"
#include "translators/cda/participants.hpp"
#include "translators/fhir/medication_dispense.hpp"
#include "translators/terminology/terminology.hpp"
#include "translators/terminology/transcode.hpp"
#include "trust/error/error.hpp"

namespace ncpeh::translators::sweden_dispense_to_edispensation {

// A Swedish pharmacy's dispensation of a foreign ePrescription (Sweden as country B) → the eHDSI
// eDispensation the prescribing country receives. The model step; `write_edispensation`
// serialises.
//
// Source shape: an NLL-style MedicationDispense (profile NLLDispensePaperPrescription-like) with
//   contained Medication (the Swedish package handed out: NPL-id, NPL-pack-id, ATC, form.text,
//   amount, NLLArticleInfo), contained Practitioner (the pharmacist: legitimationskod, name,
//   profession AP/RC), optionally a contained Location (the pharmacy: name, address, telecom),
//   `location` = "Location/<GLN>", nllActorDispatchId (the pharmacy's dispensation id),
//   nllNumberOfPackagesDispensed, whenHandedOver, substitution.wasSubstituted, status
//   (entered-in-error = this dispensation is being discarded); plus the original eP
//   (cda::read_eprescription).
// Target shape: cda::edispensation_document: header (patient exactly as in the eP, author and
//   legal authenticator = the pharmacist with ISCO role, custodian), inFulfillmentOf/order/id =
//   the eP Prescription ID, supply{id = {dispensation_id_root, nllActorDispatchId}, quantity =
//   packages, product (EDQM form/package with the Swedish term as translation, ATC, UCUM
//   units, NPL-id / NPL-pack-id: always the product handed out), performer (time, pharmacist,
//   pharmacy GLN), REFR item id with the prescribed product echoed as far as the eD rules accept
//   it (codes outside their value sets nullFlavored, ingredients of unknown strength left out),
//   COMP SUBST when substituted}; discard = same supply id, templateId extension "-DISCARD".

/// Settings fixed at start-up (configuration).
struct edispensation_settings {
    /// OID under which Swedish dispensation ids are published (supply id root; the section id
    /// uses root + ".1"). A project assumption until E-hälsomyndigheten registers one.
    std::string dispensation_id_root;
    /// The custodian organisation (E-hälsomyndigheten, the NCP operator).
    cda::organization custodian;
    std::string language_code = "sv-SE";
    terminology::mapping_policy policy = terminology::mapping_policy::error;
};

/// Everything one translation needs besides the settings and tables; nothing is looked up.
struct edispensation_input {
    const fhir::medication_dispense& dispense;
    /// The foreign ePrescription being dispensed, as read by cda::read_eprescription.
    const cda::eprescription_document& prescription;
    /// The document's creation time, CDA TS with offset ("20261123141500+0100").
    std::string now;
    /// The generated document id (a discard gets its own, different from the eD it undoes).
    cda::instance_identifier document_id;
    /// Build the discard of this dispensation (also when the dispense status is
    /// entered-in-error).
    bool discard = false;
};

struct edispensation_model {
    cda::edispensation_document document;
    std::vector<error> warnings;
};

/// The document id of the eDispensation (or its discard) of one dispensation: root
/// `dispensation_id_root` + ".9", extension `dispatch_key` + ".eD" (".discard"). The same
/// dispensation always gets the same id, so a resent eD is recognisably the same document.
/// `dispatch_key` is the nllActorDispatchId, prefixed by the pharmacy's GLN where several
/// pharmacies share one gateway.
cda::instance_identifier edispensation_document_id(std::string_view dispensation_id_root,
                                                   std::string_view dispatch_key, bool discard);

/// The XDR class code OpenNCP uses for a discard (its formatCode is urn:eHDSI:ed:discard:2020);
/// the CDA itself keeps code 60593-1, which the eHDSI 2024 rules require.
inline constexpr std::string_view discard_class_code = "DISCARD-60593-1";

/// Builds the eDispensation model. Errors (context "element" names the input element):
/// * ed_missing_basic_data — no nllActorDispatchId, no whenHandedOver (or unreadable), no
///   nllNumberOfPackagesDispensed (or not a whole number ≥ 1), no contained Medication, no
///   pharmacist (performer → contained Practitioner) or pharmacist without name, no pharmacy
///   GLN (location "Location/<GLN>"); the eP without Prescription ID or item id;
/// * ed_substitution_not_allowed — substituted although the eP says N; or a product of another
///   ATC code than the prescribed one (cda::atc_of) handed out without a stated substitution;
/// * dispense_exceeds_prescription — more packages than prescribed;
/// * ed_generic — the eP lists several items and
///   authorizingPrescription names none of them;
/// * ep_missing_expected_mapping (policy error) — the Swedish dose form, package, unit, ATC or
///   profession has no eHDSI code.
/// Pure, deterministic, thread-safe.
result<edispensation_model> make_edispensation(const edispensation_input& input,
                                               const edispensation_settings& settings,
                                               const terminology::terminology& tables);

}  // namespace ncpeh::translators::sweden_dispense_to_edispensation
