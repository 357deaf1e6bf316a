#!/usr/bin/env python3
"""Writes the national-store seed data (FHIR JSON bundles) into this folder.

Run it from anywhere: `python3 samples/national-store/seed/make-seed.py`. The output is
committed; rerun only when changing the seed on purpose and review the diff. Everything here
is fictional (see README.md)."""
import json, os

HERE = os.path.dirname(os.path.abspath(__file__))
EHM = "http://electronichealth.se/fhir/StructureDefinition/"
PROJ = "https://ncpeh.example.se/fhir/StructureDefinition/"


def luhn(digits):
    s = 0
    for i, ch in enumerate(digits):
        p = int(ch) * (2 if i % 2 == 0 else 1)
        s += p - 9 if p >= 10 else p
    return str((10 - s % 10) % 10)


def gs1(digits):
    s = 0
    for i, ch in enumerate(reversed(digits)):
        s += int(ch) * (3 if i % 2 == 0 else 1)
    return str((10 - s % 10) % 10)


def pnr(yyyymmdd, nnn):
    body = yyyymmdd + nnn
    return body + luhn(body[2:])


def npl(date, kind, seq):
    body = date + kind + "%04d" % seq
    return body + gs1(body)


def gln(base12):
    return base12 + gs1(base12)


def orgnr(base9):
    return base9 + luhn(base9)


# --- products --------------------------------------------------------------------------------
# (key, name, atc, atc display, form text, package container, package description, amount,
#  unit, strength, route text, narcotic class, product type, medicinal)
PRODUCTS = [
    ("amlodipin", "Amlodipin Exempel 5 mg", "C08CA01", "amlodipin", "Tablett", "Blister",
     "Blister, 98 tabletter", 98, "st", "5 mg", "oral användning", None, None),
    ("metformin", "Metformin Exempel 500 mg", "A10BA02", "metformin", "Filmdragerad tablett",
     "Burk", "Burk, 100 tabletter", 100, "st", "500 mg", "oral användning", None, None),
    ("omeprazol", "Omeprazol Exempel 20 mg", "A02BC01", "omeprazol", "Enterokapsel, hård",
     "Blister", "Blister, 56 kapslar", 56, "st", "20 mg", "oral användning", None, None),
    ("paracetamol", "Paracetamol Exempel 24 mg/ml", "N02BE01", "paracetamol", "Oral lösning",
     "Flaska", "Flaska, 100 ml", 100, "ml", "24 mg/ml", "oral användning", None, None),
    ("insulin", "Insulin glargin Exempel 100 E/ml", "A10AE04", "insulin glargin",
     "Injektionsvätska, lösning i förfylld injektionspenna", "Förfylld injektionspenna",
     "Förfylld injektionspenna, 5 x 3 ml", 15, "ml", "100 E/ml", "subkutan användning", None,
     None),
    ("diklofenak", "Diklofenak Exempel 50 mg", "M01AB05", "diklofenak", "Suppositorium",
     "Blister", "Blister, 10 suppositorier", 10, "st", "50 mg", "rektal användning", None, None),
    ("hydrokortison", "Hydrokortison Exempel 1 %", "D07AA02", "hydrokortison", "Kräm", "Tub",
     "Tub, 30 g", 30, "g", "10 mg/g", "kutan användning", None, None),
    ("oxikodon", "Oxikodon Exempel 10 mg", "N02AA05", "oxikodon", "Depottablett", "Blister",
     "Blister, 28 tabletter", 28, "st", "10 mg", "oral användning", "II", None),
    ("salbutamol", "Salbutamol Exempel 0,1 mg/dos", "R03AC02", "salbutamol",
     "Inhalationsspray, suspension", "Tryckbehållare", "Tryckbehållare, 200 doser", 200, "dos",
     "0,1 mg/dos", "användning för inhalation", None, None),
    ("levotyroxin", "Levotyroxin Exempel 100 mikrog", "H03AA01", "levotyroxinnatrium",
     "Tablett", "Burk", "Burk, 100 tabletter", 100, "st", "100 mikrog", "oral användning", None,
     None),
    ("sertralin", "Sertralin Exempel 50 mg", "N06AB06", "sertralin", "Filmdragerad tablett",
     "Blister", "Blister, 30 tabletter", 30, "st", "50 mg", "oral användning", None, None),
    ("amoxicillin", "Amoxicillin Exempel 500 mg", "J01CA04", "amoxicillin", "Kapsel, hård",
     "Blister", "Blister, 20 kapslar", 20, "st", "500 mg", "oral användning", None, None),
    ("zolpidem", "Zolpidem Exempel 10 mg", "N05CF02", "zolpidem", "Filmdragerad tablett",
     "Blister", "Blister, 10 tabletter", 10, "st", "10 mg", "oral användning", "IV", None),
    ("licens", "Licensprodukt Exempel 2 mg", "N03AX99", "övriga antiepileptika", "Tablett",
     "Burk", "Burk, 60 tabletter", 60, "st", "2 mg", "oral användning", None, "licens"),
]


def medication_resource(key, res_id="med"):
    (k, name, atc, atc_display, form, container, description, amount, unit, strength, _route,
     narcotic, ptype) = next(p for p in PRODUCTS if p[0] == key)
    index = [p[0] for p in PRODUCTS].index(key) + 1
    date = "209901%02d" % index
    info = [{"url": "medicinalProduct", "valueBoolean": True}]
    if ptype:
        info.append({"url": "productType", "valueCoding": {
            "system": "http://npl.mpa.se/CodeSystem/productclass", "code": ptype}})
    info += [{"url": "packageContainer", "valueString": container},
             {"url": "packageDescription", "valueString": description},
             {"url": "strength", "valueString": strength}]
    ext = [{"url": EHM + "NLLArticleInfo", "extension": info}]
    if narcotic:
        ext.append({"url": EHM + "NLLArticleRegulations", "extension": [
            {"url": "narcoticClassification", "valueCoding": {
                "system": "http://npl.mpa.se/CodeSystem/narcotic-classification",
                "code": narcotic}},
            {"url": "controlledMedicinalProduct", "valueBoolean": True}]})
    return {
        "resourceType": "Medication", "id": res_id if res_id else npl(date, "1", 1),
        "extension": ext,
        "identifier": [{"system": "http://electronichealth.se/fhir/NamingSystem/nplpackid",
                        "value": npl(date, "1", 1)}],
        "code": {"coding": [
            {"system": "http://electronichealth.se/fhir/NamingSystem/nplid",
             "code": npl(date, "0", 1)},
            {"system": "http://www.whocc.no/atc", "code": atc, "display": atc_display}],
            "text": name},
        "status": "active",
        "manufacturer": {"display": "Exempel Läkemedel AB"},
        "form": {"text": form},
        "amount": {"numerator": {"value": amount, "unit": unit}, "denominator": {"value": 1}},
    }


CONSUMABLE = {
    "resourceType": "Medication", "id": "med",
    "identifier": [{"system": "http://electronichealth.se/fhir/NamingSystem/varunr",
                    "value": "712345"}],
    "code": {"text": "Blodsockerteststickor Exempel"},
    "status": "active",
    "extension": [{"url": EHM + "NLLArticleInfo", "extension": [
        {"url": "medicinalProduct", "valueBoolean": False},
        {"url": "packageDescription", "valueString": "Burk, 50 stickor"}]}],
}

# --- prescribers -----------------------------------------------------------------------------
PRESCRIBERS = [
    ("1234567", "Läkarsson", "Eva", "LK", orgnr("232100001"), "Exempelgatan 1", "11122",
     "Stockholm", "4000000000000"),
    ("7654321", "Doktorsdotter", "Greta", "LK", orgnr("556677889"), "Provvägen 7", "41101",
     "Göteborg", "4000000000013"),
    ("2468135", "Tandläkarén", "Olle", "TL", orgnr("212000142"), "Fiktivtorget 3", "21120",
     "Malmö", "4000000000020"),
]

PHARMACY_GLNS = [gln("735009999999"), gln("735009999998"), gln("735009999997")]

# --- patients --------------------------------------------------------------------------------
# (family, given, gender, yyyymmdd, nnn, flags); flags: sam = samordningsnummer,
# protected = sekretessmarkering, noconsent, consent_expired, dose = dose-dispensed patient
PATIENTS = [
    ("Testsson", "Tolvan", "male", "19121212", "121", set()),
    ("Exempelsson", "Testa", "female", "19000101", "982", set()),
    ("Provsdotter", "Fiktiva", "female", "19050505", "984", set()),
    ("Låtsasson", "Påhittad", "male", "19080808", "991", set()),
    ("Samordnare", "Sam", "male", "19610913", "239", {"sam"}),
    ("Skyddad", "Hemlig", "female", "19020202", "986", {"protected"}),
    ("Utansamtycke", "Nej", "male", "19030303", "993", {"noconsent"}),
    ("Gammalsamtycke", "Förr", "female", "19040404", "988", {"consent_expired"}),
    ("Dossson", "Dosa", "male", "19060606", "995", {"dose"}),
    ("Påsdotter", "Pia", "female", "19070707", "980", set()),
    ("Testberg", "Tore", "male", "19090909", "997", set()),
    ("Exempelberg", "Elsa", "female", "19101010", "982", set()),
    ("Fiktivsson", "Frans", "male", "19111111", "999", set()),
    ("Provström", "Petra", "female", "19010203", "984", set()),
    ("Låtsasdal", "Lars", "male", "19020304", "991", set()),
    ("Testlund", "Tilda", "female", "19030405", "986", set()),
    ("Exempelqvist", "Erik", "male", "19040506", "993", set()),
    ("Fiktivholm", "Fia", "female", "19050607", "988", set()),
    ("Provsjö", "Pelle", "male", "19060708", "995", set()),
    ("Låtsasvik", "Lina", "female", "19070809", "980", set()),
    ("Testnäs", "Ture", "male", "19080910", "997", set()),
    ("Exempelö", "Ebba", "female", "19091011", "982", set()),
]


def uuid(kind, n):
    return "5e%02x%04x-0000-4000-8000-%012d" % (kind, n, n)


def birth_date(yyyymmdd, flags):
    day = int(yyyymmdd[6:8])
    return "%s-%s-%02d" % (yyyymmdd[0:4], yyyymmdd[4:6], day)


def patient_resource(n, p):
    family, given, gender, date, nnn, flags = p
    digits = date
    if "sam" in flags:
        digits = date[0:6] + "%02d" % (int(date[6:8]) + 60)
    number = pnr(digits, nnn)
    system = ("http://electronichealth.se/identifier/samordningsnummer" if "sam" in flags
              else "http://electronichealth.se/identifier/personnummer")
    res = {"resourceType": "Patient", "id": uuid(1, n),
           "meta": {"profile": [EHM + "NLLPatient"]},
           "identifier": [{"system": system, "value": number}],
           "active": True, "name": [{"family": family, "given": [given]}],
           "gender": gender, "birthDate": birth_date(date, flags)}
    if "protected" in flags:
        res["meta"]["security"] = [{
            "system": "http://ehalsomyndigheten.se/fhir/ValueSet/security-labels",
            "code": "sekretessmarkering"}]
    return res


DOSAGES = {
    "amlodipin": ("1 tablett 1 gång dagligen", 1, 1, "tablett", "{tablet}"),
    "metformin": ("1 tablett 2 gånger dagligen", 2, 1, "tablett", "{tablet}"),
    "omeprazol": ("1 kapsel på morgonen", 1, 1, "kapsel", "{capsule}"),
    "paracetamol": ("5 ml 3 gånger dagligen vid behov", 3, 5, "ml", "mL"),
    "insulin": ("20 enheter till kvällen", 1, 20, "E", "[iU]"),
    "diklofenak": ("1 suppositorium vid behov, högst 2 per dygn", 2, 1, "st", "{suppository}"),
    "hydrokortison": ("Smörjes tunt 2 gånger dagligen", 2, None, None, None),
    "oxikodon": ("1 depottablett morgon och kväll", 2, 1, "tablett", "{tablet}"),
    "salbutamol": ("1–2 inhalationer vid behov", None, 1, "dos", "{puff}"),
    "levotyroxin": ("1 tablett på morgonen", 1, 1, "tablett", "{tablet}"),
    "sertralin": ("1 tablett dagligen", 1, 1, "tablett", "{tablet}"),
    "amoxicillin": ("1 kapsel 3 gånger dagligen i 7 dagar", 3, 1, "kapsel", "{capsule}"),
    "zolpidem": ("1 tablett till natten vid behov", 1, 1, "tablett", "{tablet}"),
    "licens": ("1 tablett 2 gånger dagligen", 2, 1, "tablett", "{tablet}"),
    "consumable": ("Används vid blodsockermätning", None, None, None, None),
}

REASONS = {
    "amlodipin": "mot högt blodtryck", "metformin": "mot diabetes",
    "omeprazol": "för magen", "paracetamol": "mot smärta och feber",
    "insulin": "mot diabetes", "diklofenak": "mot smärta", "hydrokortison": "mot eksem",
    "oxikodon": "mot svår smärta", "salbutamol": "mot astma",
    "levotyroxin": "för sköldkörteln", "sertralin": "mot nedstämdhet",
    "amoxicillin": "mot infektion", "zolpidem": "mot sömnbesvär", "licens": "mot epilepsi",
    "consumable": "för blodsockerkontroll",
}


def prescription(n, patient_id, key, *, status="aktiv", authored="2026-09-01",
                 end="2027-09-01", dispenses=3, packages=1, interval=None, fmt="ELECTRONIC",
                 dose=False, substitution=True, prescriber=0, remaining=None, last=None):
    code, family, given, prof, org, street, postal, city, workplace = PRESCRIBERS[prescriber]
    med = CONSUMABLE if key == "consumable" else medication_resource(key)
    text, freq, dose_value, dose_unit, dose_code = DOSAGES[key]
    fhir_status = {"aktiv": "active", "parkerad": "on-hold", "slutexpedierad": "completed",
                   "avslutad": "stopped", "makulerad": "cancelled"}[status]
    dosage = {"text": text}
    if freq:
        dosage["timing"] = {"repeat": {"frequency": freq, "period": 1, "periodUnit": "d"}}
    route = next((p[10] for p in PRODUCTS if p[0] == key), None)
    if route:
        dosage["route"] = {"text": route}
    if dose_value:
        dosage["doseAndRate"] = [{"doseQuantity": {
            "value": dose_value, "unit": dose_unit, "system": "http://unitsofmeasure.org",
            "code": dose_code}}]
    ext = [
        {"url": EHM + "NLLPatientTreatmentReason", "valueString": REASONS[key]},
        {"url": EHM + "NLLPrescriberContactInfo", "valueReference": {"reference": "#loc"}},
        {"url": EHM + "NLLPrescriptionFormat", "valueCoding": {
            "system": "http://electronichealth.se/fhir/ValueSet/prescription-format",
            "code": fmt}},
        {"url": PROJ + "nll-prescription-status", "valueCode": status},
        {"url": PROJ + "remaining-dispenses",
         "valueUnsignedInt": dispenses if remaining is None else remaining},
    ]
    if last:
        ext.append({"url": PROJ + "last-dispensed", "valueDateTime": last})
    dr_ext = [
        {"url": EHM + "NLLWorkplacecode", "valueCode": workplace},
        {"url": EHM + "NLLNumberOfPackagesPrescribed", "valuePositiveInt": packages},
        {"url": EHM + "NLLNumberOfDispensesAllowed", "valueUnsignedInt": dispenses},
        {"url": EHM + "NLLDosePackaging", "valueBoolean": dose},
        {"url": EHM + "NLLPatientPharmaceuticalBenefitsAct", "valueBoolean": True},
    ]
    dispense_request = {"extension": dr_ext,
                        "validityPeriod": {"start": authored, "end": end},
                        "numberOfRepeatsAllowed": dispenses - 1}
    if interval is not None:
        dispense_request["dispenseInterval"] = {
            "value": interval, "unit": "dag", "system": "http://unitsofmeasure.org", "code": "d"}
    return {
        "resourceType": "MedicationRequest", "id": uuid(2, n),
        "meta": {"versionId": "1", "profile": [EHM + "NLLMedicationRequest"]},
        "contained": [
            {"resourceType": "Practitioner", "id": "prescriber",
             "identifier": [{"system": "http://electronichealth.se/identifier/forskrivarkod",
                             "value": code}],
             "name": [{"family": family, "given": [given]}],
             "qualification": [{"code": {"coding": [{
                 "system": "http://electronichealth.se/fhir/ValueSet/profession-code",
                 "code": prof}]}}]},
            med,
            {"resourceType": "Location", "id": "loc",
             "identifier": [{"system": "urn:oid:2.5.4.97", "value": org}],
             "telecom": [{"system": "phone", "value": "000-000 00 00"}],
             "address": {"line": [street], "postalCode": postal, "city": city}}],
        "extension": ext,
        "status": fhir_status, "intent": "order",
        "medicationReference": {"reference": "#med"},
        "subject": {"reference": "Patient/" + patient_id},
        "authoredOn": authored + "T09:00:00+01:00",
        "requester": {"reference": "#prescriber"},
        "dosageInstruction": [dosage],
        "dispenseRequest": dispense_request,
        "substitution": {"allowedBoolean": substitution},
    }


def dispense(n, rx, patient_id, when, pharmacy=0, status="completed"):
    med = next(c for c in rx["contained"] if c["resourceType"] == "Medication")
    coding = [{"system": i["system"], "code": i["value"]} for i in med["identifier"]]
    coding += [c for c in med.get("code", {}).get("coding", [])
               if c["system"].endswith("/nplid")]
    amount = med.get("amount", {}).get("numerator", {"value": 1, "unit": "st"})
    return {
        "resourceType": "MedicationDispense", "id": uuid(3, n),
        "meta": {"versionId": "1", "profile": [EHM + "NLLMedicationDispense"]},
        "extension": [
            {"url": EHM + "NLLActorDispatchId", "valueString": "SEED-%04d" % n},
            {"url": EHM + "NLLDispatchRowNo", "valueDecimal": 1},
            {"url": EHM + "NLLBenefitChoiceCode", "valueCode": "no-benefit"},
            {"url": EHM + "NLLNumberOfPackagesDispensed", "valuePositiveInt": 1}],
        "status": status,
        "medicationCodeableConcept": {"coding": coding},
        "subject": {"reference": "Patient/" + patient_id},
        "authorizingPrescription": [{"reference": "MedicationRequest/" + rx["id"]}],
        "location": {"reference": "Location/" + PHARMACY_GLNS[pharmacy]},
        "quantity": {"value": amount["value"], "unit": amount.get("unit", "st")},
        "whenHandedOver": when,
        "substitution": {"wasSubstituted": False},
    }


def consent(n, patient_id, status="active", start="2026-01-01", end="2030-12-31"):
    return {
        "resourceType": "Consent", "id": uuid(4, n), "status": status,
        "scope": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/consentscope",
                              "code": "patient-privacy"}]},
        "category": [{"coding": [{
            "system": "https://ncpeh.example.se/fhir/CodeSystem/consent-category",
            "code": "cross-border-eprescription"}]}],
        "patient": {"reference": "Patient/" + patient_id},
        "dateTime": start + "T08:00:00+01:00",
        "provision": {"type": "permit", "period": {"start": start, "end": end}},
    }


# --- practitioner register (HOSP-style) ------------------------------------------------------
# (legitimationskod, given, family, profession code or None, licence start, licence end or None)
# Legitimationskod 99000NN are fictional; 9900001 is the pharmacist of the eDispensation goldens.
PROFESSIONS = {"AP": "Apotekare", "RC": "Receptarie", "LK": "Läkare"}
PRACTITIONERS = [
    ("9900001", "Alma", "Apoteksson", "AP", "2012-06-15", None),  # licensed pharmacist
    ("9900002", "Rita", "Receptariesson", "RC", "2018-01-20", None),  # licensed receptarie
    ("9900003", "Olle", "Olegitimerad", None, None, None),  # no licence at all
    ("9900004", "Ville", "Indragensson", "AP", "2009-08-01", "2025-06-30"),  # licence withdrawn
    ("9900005", "Eva", "Läkarsson", "LK", "2005-05-10", None),  # licensed physician, no pharmacist
    ("9900006", "Fia", "Farmaceutsdotter", "AP", "2020-09-01", None),  # pharmacist, 2nd pharmacy
]


def practitioner_resource(n, p):
    (code, given, family, profession, start, end) = p
    res = {"resourceType": "Practitioner", "id": uuid(5, n),
           "identifier": [{"system": "http://electronichealth.se/identifier/legitimationskod",
                           "value": code}],
           "active": end is None,
           "name": [{"family": family, "given": [given]}]}
    if profession:
        period = {"start": start}
        if end:
            period["end"] = end
        res["qualification"] = [{
            "code": {"coding": [{"system": "http://electronichealth.se/fhir/ValueSet/profession-code",
                                 "code": profession, "display": PROFESSIONS[profession]}]},
            "period": period}]
    return res


def main():
    rx_n = 0
    disp_n = 0
    total_rx = 0
    # Plan for each patient index: list of (key, kwargs, dispense dates)
    common = ["amlodipin", "metformin", "omeprazol", "levotyroxin", "sertralin", "amoxicillin",
              "paracetamol", "hydrokortison", "salbutamol", "diklofenak", "insulin"]
    for n, p in enumerate(PATIENTS, start=1):
        pat = patient_resource(n, p)
        pid = pat["id"]
        flags = p[5]
        entries = [pat]
        plan = []
        # Three ordinary prescriptions with rotating products and forms.
        for j in range(3):
            key = common[(n + j * 4) % len(common)]
            plan.append((key, {"prescriber": (n + j) % 3, "dispenses": 1 + (n + j) % 4,
                               "packages": 1 + (j == 2)}, []))
        if n == 1:
            # Multiple uttag, partly dispensed twice; 30-day interval passed long ago.
            plan.append(("amlodipin", {"dispenses": 4, "interval": 30, "remaining": 2,
                                       "last": "2026-10-01T10:00:00+02:00"},
                         ["2026-09-02T10:00:00+02:00", "2026-10-01T10:00:00+02:00"]))
            plan.append(("oxikodon", {"dispenses": 2, "interval": 14}, []))  # narcotic
            plan.append(("zolpidem", {"dispenses": 1}, []))  # narcotic (IV)
        if n == 2:
            plan.append(("metformin", {"status": "avslutad", "authored": "2025-01-10",
                                       "end": "2026-01-10"}, []))  # expired → Avslutad
            plan.append(("sertralin", {"status": "makulerad", "dispenses": 2}, []))
            plan.append(("omeprazol", {"status": "parkerad"}, []))
        if n == 3:
            plan.append(("paracetamol", {"fmt": "PAPER", "dispenses": 1}, []))  # paper format
            plan.append(("amoxicillin", {"status": "slutexpedierad", "dispenses": 1,
                                         "remaining": 0, "last": "2026-09-03T12:00:00+02:00"},
                         ["2026-09-03T12:00:00+02:00"]))
            plan.append(("licens", {"dispenses": 2}, []))  # licence article
        if n == 4:
            plan.append(("consumable", {"dispenses": 4}, []))  # consumable (varunr)
            plan.append(("levotyroxin", {"dispenses": 1, "substitution": False}, []))
        if "dose" in flags:
            plan.append(("metformin", {"dose": True, "dispenses": 13}, []))
            plan.append(("levotyroxin", {"dose": True, "dispenses": 13}, []))
        if n == 10:
            # Last remaining uttag (for the concurrent race) and an interval not yet passed.
            plan.append(("hydrokortison", {"dispenses": 2, "remaining": 1,
                                           "last": "2026-10-15T09:00:00+02:00"},
                         ["2026-10-15T09:00:00+02:00"]))
            plan.append(("salbutamol", {"dispenses": 3, "interval": 90, "remaining": 2,
                                        "last": "2026-11-02T09:00:00+01:00"},
                         ["2026-11-02T09:00:00+01:00"]))
        if n == 11:
            plan.append(("insulin", {"status": "avslutad", "authored": "2024-03-01",
                                     "end": "2025-03-01", "remaining": 1,
                                     "last": "2024-06-01T09:00:00+02:00", "dispenses": 2},
                         ["2024-06-01T09:00:00+02:00"]))
        for key, kwargs, dispense_dates in plan:
            rx_n += 1
            rx = prescription(rx_n, pid, key, **kwargs)
            entries.append(rx)
            for k, when in enumerate(dispense_dates):
                disp_n += 1
                entries.append(dispense(disp_n, rx, pid, when, pharmacy=k % 3))
        total_rx += len(plan)
        if "noconsent" not in flags:
            if "consent_expired" in flags:
                entries.append(consent(n, pid, start="2024-01-01", end="2025-12-31"))
            else:
                entries.append(consent(n, pid))
        bundle = {"resourceType": "Bundle", "id": "seed-patient-%02d" % n, "type": "collection",
                  "entry": [{"fullUrl": "urn:uuid:" + e["id"], "resource": e} for e in entries]}
        with open(os.path.join(HERE, "patient-%02d.json" % n), "w", encoding="utf-8") as f:
            json.dump(bundle, f, ensure_ascii=False, indent=1)
            f.write("\n")
    products = [medication_resource(p[0], res_id=None) for p in PRODUCTS]
    bundle = {"resourceType": "Bundle", "id": "seed-products", "type": "collection",
              "entry": [{"fullUrl": "urn:uuid:product-" + m["id"], "resource": m}
                        for m in products]}
    with open(os.path.join(HERE, "products.json"), "w", encoding="utf-8") as f:
        json.dump(bundle, f, ensure_ascii=False, indent=1)
        f.write("\n")
    practitioners = [practitioner_resource(n, p) for n, p in enumerate(PRACTITIONERS, start=1)]
    bundle = {"resourceType": "Bundle", "id": "seed-practitioners", "type": "collection",
              "entry": [{"fullUrl": "urn:uuid:" + r["id"], "resource": r} for r in practitioners]}
    with open(os.path.join(HERE, "practitioners.json"), "w", encoding="utf-8") as f:
        json.dump(bundle, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print("patients %d, prescriptions %d, dispenses %d, practitioners %d"
          % (len(PATIENTS), total_rx, disp_n, len(practitioners)))


main()
