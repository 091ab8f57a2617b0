"""Draw the real-ticket sample of tests/eval_set/real/ (see its README.md): which incidents of
which real export were labelled. Reads the raw files with pandas, json and ElementTree (never
with tqrs) and writes the half's selection file (file, number, stratum). Re-running it gives
the same draw: every stratum is sampled with random.Random(seed).

Two halves: `tune` (selection.csv, seed 20261203, read to find the tool's defects) and
`report` (selection_report.csv, seed 20261204, never tuned on). The report half excludes
every incident of selection.csv and adds two exports with short descriptions and categories
only (twinings_list_export.xlsx, ticket_dashboard_incident.csv). `report2`
(selection_report2.csv, seed 20261205, labelled `report` too) is a third draw that excludes
both earlier selections and over-samples tickets where a critical process may be at stake: a
short description matching CRITICAL_WORDS (a regular expression, no reading) is its own
stratum; it adds exports not labelled before (Duke, MCD, the two PDI test lists). `report3`
(selection_report3.csv, seed 20261206, labelled `report` too) is a fourth draw outside the
Hitachi export, from the exports that carry a description or notes, over-sampling
CRITICAL_WORDS3 in the short description or description. `tune2` (selection_tune2.csv, seed
20261207, labelled `tune`) is a fifth draw weighted towards the exports the earlier draws left
thin (Twinings, MCD, the two PDI test lists, Duke, the ticket dashboard, the UCI event log),
CRITICAL_WORDS3 or not per file as for report3 (TUNE2_QUOTA). `report4` (selection_report4.csv,
seed 20261208, labelled `report`) is a sixth draw the same way (REPORT4_QUOTA), weighted towards
the exports the report half held fewest of, with 3 of the 03 unload's incidents without journal
rows; it leaves out the PDI demo records labelled before when drawing, not after. `tune3`
(selection_tune3.csv, seed 20261209, labelled `tune`) is a seventh draw the same way
(TUNE3_QUOTA), weighted towards the exports that carry a description, comments or notes, with
3 of the 03 unload's incidents without journal rows. `report5` (selection_report5.csv, seed
20261210, labelled `report`) and `tune4` (selection_tune4.csv, seed 20261211, labelled `tune`;
it excludes report5's incidents too) are the eighth and ninth draws, weighted towards the exports
that carry text and towards the criteria the real halves hold few defects of, by the strata of
`stratum_of` (REPORT5_QUOTA, TUNE4_QUOTA): Hitachi placeholder subcategory 6, password-reset
category 6, CRITICAL_WORDS3 4, other English 10 (tune4 11), other Italian 4; A6 CRITICAL_WORDS3 1,
other 9; the PDI list 4 (tune4 5); the Portuguese export 2; Twinings category or subcategory
empty 5, CRITICAL_WORDS3 1, other 2; Duke CRITICAL_WORDS3 2, other 1; MCD 1; the PDI test list 1;
then the 03 unload's incidents left undrawn. `report6` (selection_report6.csv, seed 20261212,
labelled `report`) is the tenth draw, drawn at the same time as `tune5` (another branch): so that
the two never share an incident, report6 takes only an incident whose
`hashlib.sha256(f"{file}:{number}".encode()).digest()[0]` is even (`parity` 0; tune5 parity
1), none of the nine earlier selections' incidents, by the strata of `stratum_of6`
(`stratum_of` with Hitachi's "other" tickets whose close notes are under 40 characters apart,
for the resolution criteria), REPORT6_QUOTA: Hitachi placeholder subcategory 6, password-reset
category 8, critical words 5, short close notes 6, other English 17, other Italian 5; A6 other
10; Twinings category or subcategory empty 5, critical words 1, other 2; Duke critical words 2,
other 1; MCD 1; the PDI test list 1 (70). `tune5` (selection_tune5.csv, seed 20261213, labelled
`tune`) is the eleventh, drawn the same way, by the strata of `stratum5_of` (`stratum_of` with
Hitachi's short close notes, under 25 characters or a copy of the short description, as a
stratum of their own) and TUNE5_QUOTA: Hitachi placeholder subcategory 5, password-reset
category 8, short close notes 8, critical words 6, other English 15, other Italian 4; A6 other
8; Twinings category or subcategory empty 4, critical words 2, other 1; Duke critical words 3,
other 1; MCD 1; the PDI test list 2; the UCI log 2. It was drawn at the same time as another
draw (`report6`, on another branch), so that the two never share an incident it only takes an
incident whose sha256 of "<file>:<number>" has an odd first byte (`parity` 1); report6 takes
the even ones. `report7` (selection_report7.csv, seed 20261214, labelled `report`) is the
twelfth, drawn as tune5 by REPORT7_QUOTA (Hitachi placeholder subcategory 6, password-reset
category 8, short close notes 8, critical words 5, other English 17, other Italian 3; A6 other
8; Twinings category or subcategory empty 4, critical words 1, other 2; Duke critical words 2,
other 1; MCD 1; the PDI test list 2; the UCI log 2: 70), none of the eleven earlier selections'
incidents, at the same time as another draw (`tune6`, another branch): so that the two never
share an incident, report7 only takes an incident whose
`hashlib.sha256(f"{file}:{number}".encode()).digest()[1]` (the second byte) is even (`parity`
with `byte` 1); tune6 takes the odd ones.

`tune6` (selection_tune6.csv, seed 20261215, labelled `tune`) is the thirteenth, drawn
as tune5 (`draw_paired`, the strata of `stratum5_of`) by TUNE6_QUOTA: Hitachi placeholder
subcategory 5, password-reset category 8, short close notes 8, critical words 6, other English
16, other Italian 3; A6 other 8; Twinings category or subcategory empty 4, critical words 2,
other 1; Duke critical words 3, other 1; MCD 1; the PDI test list 2; the UCI log 2; none of the
eleven earlier selections' incidents. It was drawn at the same time as `report7` (another
branch): so that the two never share an incident, tune6 only takes an incident whose
`hashlib.sha256(f"{file}:{number}".encode()).digest()[1]` (the **second** byte; `parity(name,
number, byte=1)`) is odd; report7 takes the even ones.

`report8` (selection_report8.csv, seed 20261216, labelled `report`) and `tune7`
(selection_tune7.csv, seed 20261217, labelled `tune`) are the fourteenth and fifteenth, drawn
at the same time on two branches from the two e-commerce exports only (the first real exports
whose journal holds the desk's work notes and comments), each by TIFFANY_QUOTA (the main export:
monitoring alerts 4, critical words 5, other 26; the June export: 2, 3, 10; the strata of
`stratum8_of`): report8 only the incidents whose sha256's **third** byte is even, tune7 the odd.
The two exports share 342 tickets (the June file's 344 but two are in the main file under the same
number), so both drop tickets after the draw (DROPPED): report8 two of its 50, the June copy of
INC02526325, drawn under both files, and INC02448852, which tune7 draws under the June file (48);
tune7 the June copies of the five tickets it drew under both files (45).

`report9` (selection_report9.csv, seed 20261218, labelled `report`) and `tune8`
(selection_tune8.csv, seed 20261219, labelled `tune`) are the sixteenth and seventeenth, drawn
at the same time on two branches from two exports found in the thirty-second session
(JOURNAL2_QUOTA, the strata of `stratum9_of`): an application desk's open tickets (its own work
notes: critical words 4, work notes 22, no work notes 4) and a network operations desk (every
ticket of the parity: critical words and the rest); report9 only the incidents whose sha256's
**fourth** byte is even, tune8 the odd.

`report10` (selection_report10.csv, seed 20261220, labelled `report`) and `tune9`
(selection_tune9.csv, seed 20261221, labelled `tune`) are the eighteenth and nineteenth, drawn
at the same time from two desks never drawn before (FRESH_QUOTA, the strata of `stratum10_of`):
a corporate desk's description-only export (mail bot 8, critical words 8, failure 14, request 10)
and a list of short descriptions with close notes (critical words 4, other 11); report10 only the
incidents whose sha256's **fifth** byte is even, tune9 the odd.

`report11` (selection_report11.csv, seed 20261222, labelled `report`) and `tune10`
(selection_tune10.csv, seed 20261223, labelled `tune`) are the twentieth and twenty-first,
drawn at the same time from a desk never drawn before (DYSON_QUOTA, the strata of
`stratum11_of`): a consumer-goods company's application and e-commerce desk whose only text
is the short description and the close notes, mostly written on the desk's template ("Issue
Description: / Action taken: / ..."): the template left blank 5, critical words 10, the
template filled 20, free notes 15; report11 only the incidents whose sha256's **sixth** byte is
even, tune10 the odd.


    .venv/bin/python tests/eval_set/real/draw.py
        [--half tune|report|...|report8|tune7|report9|tune8|report10|tune9|report11|tune10]
        [--dump DIR]

--dump writes each selected incident's fields, as read here, to DIR/<file>.txt for reading.
"""

import argparse
import csv
import hashlib
import json
import os
import random
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
FETCHED = Path(os.environ.get("TQRS_REAL_CORPUS", ROOT / "tests" / "real_corpus" / "fetched"))
SHARED = Path(os.environ.get("TQRS_REAL_DIR", ROOT.parent / "shared" / "real"))
ITALIAN = re.compile(
    r"\b(buongiorno|salve|grazie|della|non riesco|utente|richiesta|il|gli|per favore|"
    r"cortesemente)\b",
    re.I,
)
# Hitachi Rail: (category, language) -> how many; languages by a word count, not by reading
HITACHI_QUOTA_TUNE = {
    "Windchill (G-PLM) Issue": (7, 7),
    "Windchill (G-PLM) Administrative Request": (3, 5),
    "Windchill (G-PLM) Modify Access": (3, 3),
    "New Windchill (G-PLM) Account": (3, 3),
    "G-PLM Password reset": (4, 4),
    "Other": (3, 3),
    "Creo Issue": (2, 2),
    "Creo View Issue": (1, 1),
    "Catia Issue": (1, 0),
    "Windchill (G-PLM) App Mgmt Issue": (1, 0),
}
A6_QUOTA_TUNE = {"Closed": 8, "In Progress": 2, "On Hold": 1, "Resolved": 1, "Canceled": 1}
A6_QUOTA_TUNE["Pending RCA"] = 1
HITACHI_QUOTA_REPORT = {
    "Windchill (G-PLM) Issue": (5, 5),
    "Windchill (G-PLM) Administrative Request": (2, 4),
    "Windchill (G-PLM) Modify Access": (2, 2),
    "New Windchill (G-PLM) Account": (2, 2),
    "G-PLM Password reset": (3, 3),
    "Other": (2, 2),
    "Creo Issue": (1, 2),
    "Creo View Issue": (1, 1),
    "Catia Issue": (1, 0),
    "Windchill (G-PLM) App Mgmt Issue": (1, 0),
}
A6_QUOTA_REPORT = {"Closed": 7, "In Progress": 2, "On Hold": 1, "Resolved": 1, "Canceled": 1}
# report2: a short description with one of these words is the "critical words" stratum
CRITICAL_WORDS = re.compile(
    r"\b(password|passwd|pwd|reset|unlock|locked|lockout|lost|stolen|virus|phishing|malware|"
    r"outage|down)\b",
    re.I,
)
# report2: file -> (critical-words quota, other quota)
REPORT2_QUOTA = {
    "hitachi_rail_excel_export.xlsx": (16, 8),
    "pdi_list_export_with_notes.csv": (4, 6),
    "11_duke_helpdesk.csv": (8, 3),
    "08_pdi_list_export.csv": (3, 2),
    "mcd_list_export_custom_fields.csv": (1, 4),
    "pdi_test_tickets_list_export.csv": (0, 3),
}
# report2: the PDI exports (instances of ServiceNow's developer program) share its demo records,
# INC0000001-INC0009999, under the same number on every instance
PDI_FILES = (
    "03_pdi_unload.xml",
    "02_pdi_records_export.json",
    "pdi_list_export_with_notes.csv",
    "08_pdi_list_export.csv",
    "pdi_test_tickets_list_export.csv",
)
DEMO_NUMBER = re.compile(r"INC000\d{4}")
# report2, second round (drawn last with the same generator, so the first round is unchanged;
# added when the first round gave 61 incidents, fewer than the 70-90 aimed at)
REPORT2_EXTRA = {"hitachi_rail_excel_export.xlsx": (14, 4), "11_duke_helpdesk.csv": (4, 0)}
# half -> (seed, selection file, Hitachi quota, A6 quota, XML, JSON, PDI closed, PDI open,
# pt-BR, Twinings, dashboard)
HALVES = {
    "tune": (20261203, "selection.csv", HITACHI_QUOTA_TUNE, A6_QUOTA_TUNE, 20, 5, 10, 5, 8, 0, 0),
    "report": (20261204, "selection_report.csv", HITACHI_QUOTA_REPORT, A6_QUOTA_REPORT)
    + (14, 4, 8, 4, 6, 8, 4),
    "report2": (20261205, "selection_report2.csv"),
    "report3": (20261206, "selection_report3.csv"),
    "tune2": (20261207, "selection_tune2.csv"),
    "report4": (20261208, "selection_report4.csv"),
    "tune3": (20261209, "selection_tune3.csv"),
    "report5": (20261210, "selection_report5.csv"),
    "tune4": (20261211, "selection_tune4.csv"),
    "report6": (20261212, "selection_report6.csv"),
    "tune5": (20261213, "selection_tune5.csv"),
    "report7": (20261214, "selection_report7.csv"),
    "tune6": (20261215, "selection_tune6.csv"),
    "report8": (20261216, "selection_report8.csv"),
    "tune7": (20261217, "selection_tune7.csv"),
    "report9": (20261218, "selection_report9.csv"),
    "tune8": (20261219, "selection_tune8.csv"),
    "report10": (20261220, "selection_report10.csv"),
    "tune9": (20261221, "selection_tune9.csv"),
    "report11": (20261222, "selection_report11.csv"),
    "tune10": (20261223, "selection_tune10.csv"),
}
# report3: CRITICAL_WORDS and a few more process words, searched in the short description and
# the description (the exports drawn carry a description)
CRITICAL_WORDS3 = re.compile(
    CRITICAL_WORDS.pattern[:-3]
    + r"|vip|privacy|breach|hacked|compromised|ransomware|suspicious)\b",
    re.I,
)
# report3: file -> (critical-words quota, other quota); outside the Hitachi export
REPORT3_QUOTA = {
    "a6_sap_list_export.csv": (28, 6),
    "pdi_list_export_with_notes.csv": (10, 2),
    "flpereira_ptbr_incident.xlsx": (2, 4),
}

# tune2: file -> (CRITICAL_WORDS3 quota, other quota), weighted towards the thin exports; the
# UCI event log has no text: its strata are a category or subcategory "?" (not set) or not
TUNE2_QUOTA = {
    "twinings_list_export.xlsx": (3, 9),
    "11_duke_helpdesk.csv": (4, 6),
    "mcd_list_export_custom_fields.csv": (1, 5),
    "pdi_test_tickets_list_export.csv": (1, 4),
    "08_pdi_list_export.csv": (2, 3),
    "ticket_dashboard_incident.csv": (0, 2),
    "uci_event_log_5998.csv": (2, 3),
    "pdi_list_export_with_notes.csv": (2, 3),
    "a6_sap_list_export.csv": (2, 3),
    "hitachi_rail_excel_export.xlsx": (2, 2),
    "flpereira_ptbr_incident.xlsx": (0, 2),
}
# tune2, second round (drawn last with the same generator, so the first round is unchanged;
# added when the first round gave 53 incidents after the demo repeats were dropped)
TUNE2_EXTRA = {"twinings_list_export.xlsx": (2, 2), "11_duke_helpdesk.csv": (1, 2)}
# report4: file -> (CRITICAL_WORDS3 quota, other quota), weighted towards the exports the report
# half holds fewest of (Twinings, MCD, the two PDI test lists, the UCI log) and those with text
REPORT4_QUOTA = {
    "twinings_list_export.xlsx": (3, 9),
    "hitachi_rail_excel_export.xlsx": (4, 6),
    "mcd_list_export_custom_fields.csv": (0, 6),
    "11_duke_helpdesk.csv": (2, 4),
    "pdi_list_export_with_notes.csv": (2, 4),
    "08_pdi_list_export.csv": (2, 3),
    "pdi_test_tickets_list_export.csv": (1, 3),
    "uci_event_log_5998.csv": (1, 4),
    "a6_sap_list_export.csv": (1, 2),
    "flpereira_ptbr_incident.xlsx": (0, 2),
}
# tune3: file -> (CRITICAL_WORDS3 quota, other quota), weighted towards the exports that carry
# text a criterion can be judged on (a description, comments or notes, close notes); the
# short-description-only exports (Twinings, Duke, MCD) and the UCI log are drawn thin
TUNE3_QUOTA = {
    "hitachi_rail_excel_export.xlsx": (5, 13),
    "a6_sap_list_export.csv": (3, 7),
    "pdi_list_export_with_notes.csv": (3, 5),
    "flpereira_ptbr_incident.xlsx": (0, 4),
    "twinings_list_export.xlsx": (2, 4),
    "11_duke_helpdesk.csv": (1, 3),
    "mcd_list_export_custom_fields.csv": (0, 3),
    "uci_event_log_5998.csv": (1, 1),
}
# tune3, second round (drawn last with the same generator, so the first round is unchanged;
# added when the first round gave 53 incidents: the PDI list had no undrawn critical-words
# record left and the 03 unload one incident without journal rows)
TUNE3_EXTRA = {"hitachi_rail_excel_export.xlsx": (1, 4), "a6_sap_list_export.csv": (0, 2)}

# report5 and tune4: file -> stratum -> how many, the strata named by `stratum_of` (computed
# without reading), weighted towards the exports that carry text and towards the criteria the
# real halves hold few defects of: categorisation (Hitachi's placeholder subcategory "To be
# selected by Atos AMS Team", Twinings' empty category or subcategory), critical process
# (Hitachi's "G-PLM Password reset" category, CRITICAL_WORDS3), work notes (the Portuguese
# export's, the 03 unload's last undrawn incident) and spelling (Hitachi's English descriptions,
# by the ITALIAN word count)
REPORT5_QUOTA = {
    "hitachi_rail_excel_export.xlsx": {
        "placeholder subcategory": 6,
        "password reset category": 6,
        "critical words": 4,
        "other, en": 10,
        "other, it": 4,
    },
    "a6_sap_list_export.csv": {"critical words": 1, "other": 9},
    "pdi_list_export_with_notes.csv": {"other": 4},
    "flpereira_ptbr_incident.xlsx": {"other": 2},
    "twinings_list_export.xlsx": {"category or subcategory empty": 5, "critical words": 1}
    | {"other": 2},
    "11_duke_helpdesk.csv": {"critical words": 2, "other": 1},
    "mcd_list_export_custom_fields.csv": {"other": 1},
    "pdi_test_tickets_list_export.csv": {"other": 1},
}
TUNE4_QUOTA = {
    "hitachi_rail_excel_export.xlsx": {
        "placeholder subcategory": 6,
        "password reset category": 6,
        "critical words": 4,
        "other, en": 11,
        "other, it": 4,
    },
    "a6_sap_list_export.csv": {"critical words": 1, "other": 9},
    "pdi_list_export_with_notes.csv": {"other": 5},
    "flpereira_ptbr_incident.xlsx": {"other": 2},
    "twinings_list_export.xlsx": {"category or subcategory empty": 5, "critical words": 1}
    | {"other": 2},
    "11_duke_helpdesk.csv": {"critical words": 2, "other": 1},
    "mcd_list_export_custom_fields.csv": {"other": 1},
    "pdi_test_tickets_list_export.csv": {"other": 1},
}
# report6: file -> stratum of `stratum_of6` -> how many; weighted as report5 (text-carrying
# exports; categorisation, critical process, spelling), with Hitachi's short close notes for the
# resolution criteria. The PDI list, the Portuguese export, the 03 unload and A6's critical-words
# stratum have nothing left; the work-notes criterion has no export left that carries them.
REPORT6_QUOTA = {
    "hitachi_rail_excel_export.xlsx": {
        "placeholder subcategory": 6,
        "password reset category": 8,
        "critical words": 5,
        "short close notes": 6,
        "other, en": 17,
        "other, it": 5,
    },
    "a6_sap_list_export.csv": {"other": 10},
    "twinings_list_export.xlsx": {"category or subcategory empty": 5, "critical words": 1}
    | {"other": 2},
    "11_duke_helpdesk.csv": {"critical words": 2, "other": 1},
    "mcd_list_export_custom_fields.csv": {"other": 1},
    "pdi_test_tickets_list_export.csv": {"other": 1},
}
# tune5: as TUNE4_QUOTA, by the strata of `stratum5_of`, weighted towards the text exports and
# the criteria the real halves hold few defects of: resolution notes (Hitachi's short close
# notes), critical process (the password-reset category, CRITICAL_WORDS3), categorisation and
# category fit (the placeholder subcategory, Twinings' empty category or subcategory, the
# password-reset category), spelling (Hitachi's English descriptions). Work notes: no export
# carrying work notes has an undrawn incident left (the PDI list, the Portuguese export, 03)
TUNE5_QUOTA = {
    "hitachi_rail_excel_export.xlsx": {
        "placeholder subcategory": 5,
        "password reset category": 8,
        "short close notes": 8,
        "critical words": 6,
        "other, en": 15,
        "other, it": 4,
    },
    "a6_sap_list_export.csv": {"other": 8},
    "twinings_list_export.xlsx": {"category or subcategory empty": 4, "critical words": 2}
    | {"other": 1},
    "11_duke_helpdesk.csv": {"critical words": 3, "other": 1},
    "mcd_list_export_custom_fields.csv": {"other": 1},
    "pdi_test_tickets_list_export.csv": {"other": 2},
    "uci_event_log_5998.csv": {"category and subcategory": 2},
}
# report7: as TUNE5_QUOTA, by the strata of `stratum5_of`, among the incidents whose sha256's
# second byte is even (tune6, drawn at the same time on another branch, takes the odd ones);
# weighted towards the text exports (Hitachi's descriptions, comments and close notes; A6's
# descriptions) and the criteria the real halves hold few defects of: spelling (Hitachi's
# English descriptions), category fit and critical process (the password-reset category,
# CRITICAL_WORDS3), categorisation (the placeholder subcategory, Twinings' empty category or
# subcategory), resolution notes (Hitachi's short close notes). Work notes: no export carrying
# them has an undrawn incident left
REPORT7_QUOTA = {
    "hitachi_rail_excel_export.xlsx": {
        "placeholder subcategory": 6,
        "password reset category": 8,
        "short close notes": 8,
        "critical words": 5,
        "other, en": 17,
        "other, it": 3,
    },
    "a6_sap_list_export.csv": {"other": 8},
    "twinings_list_export.xlsx": {"category or subcategory empty": 4, "critical words": 1}
    | {"other": 2},
    "11_duke_helpdesk.csv": {"critical words": 2, "other": 1},
    "mcd_list_export_custom_fields.csv": {"other": 1},
    "pdi_test_tickets_list_export.csv": {"other": 2},
    "uci_event_log_5998.csv": {"category and subcategory": 2},
}
# tune6: as TUNE5_QUOTA, by the strata of `stratum5_of`, weighted towards the exports that carry
# text (Hitachi's descriptions, comments and close notes; A6's descriptions) and the criteria the
# real halves hold few defects of: spelling (Hitachi's English descriptions), category fit and
# categorisation (the placeholder subcategory, the password-reset category, Twinings' empty
# category or subcategory), critical process (the password-reset category, CRITICAL_WORDS3),
# resolution notes (Hitachi's short close notes). Work notes: no export carrying them is left
TUNE6_QUOTA = {
    "hitachi_rail_excel_export.xlsx": {
        "placeholder subcategory": 5,
        "password reset category": 8,
        "short close notes": 8,
        "critical words": 6,
        "other, en": 16,
        "other, it": 3,
    },
    "a6_sap_list_export.csv": {"other": 8},
    "twinings_list_export.xlsx": {"category or subcategory empty": 4, "critical words": 2}
    | {"other": 1},
    "11_duke_helpdesk.csv": {"critical words": 3, "other": 1},
    "mcd_list_export_custom_fields.csv": {"other": 1},
    "pdi_test_tickets_list_export.csv": {"other": 2},
    "uci_event_log_5998.csv": {"category and subcategory": 2},
}
# report8 and tune7: the two e-commerce exports (the first real exports whose journal, the
# "Comments and Work notes" column, holds the desk's own work notes and comments), by the strata
# of `stratum8_of`: monitoring alerts opened by an integration user, CRITICAL_WORDS3 in the short
# description or description, and the rest (the bulk: people writing to people)
TIFFANY_QUOTA = {
    "tiffany_ams_excel_export.xlsx": {"monitoring alert": 4, "critical words": 5, "other": 26},
    "tiffany_ams_excel_export_june.xlsx": {"monitoring alert": 2, "critical words": 3}
    | {"other": 10},
}
# report9 and tune8: a second desk whose journal holds its own work notes (an application desk's
# open tickets: short description and work notes, no description or close notes) and a network
# operations desk (description, work notes, comments, resolution notes), by the strata of
# `stratum9_of`
JOURNAL2_QUOTA = {
    "kc_active_tickets_excel_export.xlsx": {"critical words": 4, "work notes": 22}
    | {"no work notes": 4},
    "telstra_noc_excel_export.xlsx": {"critical words": 16, "other": 16},
}
# report10 and tune9: two desks never drawn before, by the strata of `stratum10_of`: a corporate
# desk's description-only export (many tickets opened by a mail bot, whose description is the
# caller's mail) and a list of short descriptions with their close notes
FRESH_QUOTA = {
    "vdi_desk_excel_export.xlsx": {"critical words": 8, "mail bot": 8, "failure": 14}
    | {"request": 10},
    "kbcsi_close_notes_list.csv": {"critical words": 4, "other": 11},
}
# report11 and tune10: a desk never drawn before, by the strata of `stratum11_of`
DYSON_QUOTA = {
    "dyson_hybris_close_notes.xlsx": {"blank template": 5, "critical words": 10}
    | {"template": 20, "free notes": 15},
}
# report8 and tune7: 342 of the June export's 344 incidents are in the main export too (the
# same number, the same ticket; 76 of them differ in the journal, state or assignee), so the two
# files hold one desk's tickets twice, and the parity split, keyed on "<file>:<number>", does not
# keep a ticket in one draw. Dropped after the draws (report8 48 left, tune7 45, all labelled):
# report8, the June copy of INC02526325, which it drew under both files, and the main export's
# INC02448852, which tune7 draws under the June file (the report half shares no ticket with the
# tune half); tune7, the June copies of the five tickets it drew under both files (labelled under
# each; the lead kept the main export's labels when merging the two draws).
DROPPED = {
    "report8": {
        ("tiffany_ams_excel_export_june.xlsx", "INC02526325"),
        ("tiffany_ams_excel_export.xlsx", "INC02448852"),
    },
    "tune7": {
        ("tiffany_ams_excel_export_june.xlsx", x)
        for x in ("INC02380730", "INC02395895", "INC02479493", "INC02521949", "INC02592843")
    },
}

# the exports the later draws read by file: number column and the text columns searched for
# CRITICAL_WORDS3 (the UCI log has none); where each lives and how pandas reads it
EXPORTS = {
    "hitachi_rail_excel_export.xlsx": ("Number", ("Short Description", "Description")),
    "pdi_list_export_with_notes.csv": ("Number", ("Short description", "Description")),
    "a6_sap_list_export.csv": ("number", ("short_description", "description")),
    "flpereira_ptbr_incident.xlsx": ("Número", ("Descrição resumida", "Anotações de trabalho")),
    "twinings_list_export.xlsx": ("Number", ("Short description",)),
    "11_duke_helpdesk.csv": ("number", ("short_description",)),
    "08_pdi_list_export.csv": ("number", ("short_description",)),
    "mcd_list_export_custom_fields.csv": ("number", ("short_description",)),
    "pdi_test_tickets_list_export.csv": ("number", ("short_description",)),
    "ticket_dashboard_incident.csv": ("number", ("short_description",)),
    "uci_event_log_5998.csv": ("number", ()),
    "tiffany_ams_excel_export.xlsx": ("Number", ("Short Description", "Description")),
    "tiffany_ams_excel_export_june.xlsx": ("Number", ("Short Description", "Description")),
    "kc_active_tickets_excel_export.xlsx": ("Number", ("Short description", "Work notes")),
    "telstra_noc_excel_export.xlsx": ("Number", ("Short description", "Description")),
    "vdi_desk_excel_export.xlsx": ("Number", ("Short description", "Description")),
    "kbcsi_close_notes_list.csv": ("number", ("short_description", "close_notes")),
    "dyson_hybris_close_notes.xlsx": ("Number", ("Short description", "Close notes")),
}
READ_ARGS = {
    "kbcsi_close_notes_list.csv": {"encoding": "cp1252"},
    "a6_sap_list_export.csv": {"encoding": "cp1252"},
    "11_duke_helpdesk.csv": {"dtype": str, "encoding": "cp1252"},
    "08_pdi_list_export.csv": {"dtype": str},
}


def read_export(name: str) -> pd.DataFrame:
    """One export of EXPORTS as a frame (the UCI event log one row per incident)."""
    path = (SHARED if re.match(r"\d\d_", name) else FETCHED) / name
    if name == "uci_event_log_5998.csv":
        return uci_incidents(path)
    if name.endswith(".xlsx"):
        return pd.read_excel(path)
    return pd.read_csv(path, **READ_ARGS.get(name, {}))


def pick(rng: random.Random, items, n: int, skip: frozenset = frozenset()) -> list:
    """n of items, none in skip (the other half's numbers); skip empty keeps the tune draw."""
    items = sorted(x for x in items if x not in skip)
    return sorted(rng.sample(items, min(n, len(items))))


def drawn(name: str) -> dict[str, frozenset]:
    """file -> numbers in a selection file (the tune half's, excluded from the report half)."""
    out: dict[str, set] = {}
    with open(HERE / name, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            out.setdefault(r["file"], set()).add(r["number"])
    return {k: frozenset(v) for k, v in out.items()}


def xml_incidents(path: Path) -> tuple[dict, dict]:
    """number -> incident fields, number -> journal entries [(created, element, value)]."""
    root = ET.parse(path).getroot()
    incidents = {
        i.findtext("number"): {c.tag: c.get("display_value") or c.text or "" for c in i}
        for i in root.iter("incident")
    }
    by_id = {v["sys_id"]: k for k, v in incidents.items()}
    journal: dict[str, list] = {}
    for j in root.iter("sys_journal_field"):
        number = by_id.get(j.findtext("element_id"))
        if number:
            entry = (j.findtext("sys_created_on"), j.findtext("element"), j.findtext("value"))
            journal.setdefault(number, []).append(entry)
    return incidents, journal


def draw(half: str = "tune") -> tuple[list[tuple[str, str, str]], dict[str, dict[str, str]]]:
    """[(file, number, stratum)] and file -> number -> readable text."""
    if half == "report2":
        return draw_report2()
    if half == "report3":
        return draw_report3()
    if half in ("tune2", "report4", "tune3"):
        return draw_by_quota(half)
    if half in ("report5", "tune4"):
        return draw_by_strata(half)
    if half in PAIRED:
        rows, text = draw_paired(half)
        return [r for r in rows if (r[0], r[1]) not in DROPPED.get(half, ())], text
    seed, _, hitachi_q, a6_q, n_xml, n_json, n_closed, n_open, n_pt, n_tw, n_dash = HALVES[half]
    rng = random.Random(seed)
    rows, text = [], {}
    other = drawn(HALVES["tune"][1]) if half == "report" else {}

    def ex(name: str) -> frozenset:  # the tune half's numbers of one export
        return other.get(name, frozenset())

    name = "hitachi_rail_excel_export.xlsx"
    df = pd.read_excel(FETCHED / name)
    df["lang"] = df["Description"].astype(str).map(lambda s: len(ITALIAN.findall(s)) >= 2)
    for category, (n_en, n_it) in hitachi_q.items():
        for italian, n in ((False, n_en), (True, n_it)):
            part = df[(df["Category"] == category) & (df["lang"] == italian)]
            lang = "it" if italian else "en"
            rows += [
                (name, n, f"{category} / {lang}") for n in pick(rng, part["Number"], n, ex(name))
            ]
    text[name] = {r["Number"]: r for r in df.to_dict("records")}

    name = "a6_sap_list_export.csv"
    df = pd.read_csv(FETCHED / name, encoding="cp1252")
    for state, n in a6_q.items():
        part = df[df["state"] == state]["number"]
        rows += [(name, x, f"state {state}") for x in pick(rng, part, n, ex(name))]
    text[name] = {r["number"]: r for r in df.to_dict("records")}

    name = "03_pdi_unload.xml"
    incidents, journal = xml_incidents(SHARED / name)
    drawn_xml = pick(rng, list(journal), n_xml, ex(name))
    rows += [(name, x, "with journal entries") for x in drawn_xml]
    text[name] = {k: {**v, "JOURNAL": sorted(journal.get(k, []))} for k, v in incidents.items()}

    name = "02_pdi_records_export.json"
    records = json.loads((SHARED / name).read_text(encoding="utf-8"))["records"]
    noted = [r["number"] for r in records if r["close_notes"] and r["number"] not in drawn_xml]
    noted = [x for x in noted if x not in ex("03_pdi_unload.xml")]
    picked = pick(rng, noted, n_json, ex(name))
    rows += [(name, x, "with close notes, not drawn from 03") for x in picked]
    text[name] = {r["number"]: r for r in records}

    name = "pdi_list_export_with_notes.csv"
    df = pd.read_csv(FETCHED / name)
    closed = df[df["State"] == "Closed"]["Number"]
    rows += [(name, x, "state Closed") for x in pick(rng, closed, n_closed, ex(name))]
    still_open = df[df["State"] != "Closed"]["Number"]
    rows += [(name, x, "open") for x in pick(rng, still_open, n_open, ex(name))]
    text[name] = {r["Number"]: r for r in df.to_dict("records")}

    name = "flpereira_ptbr_incident.xlsx"
    df = pd.read_excel(FETCHED / name)
    rows += [(name, x, "any") for x in pick(rng, df["Número"], n_pt, ex(name))]
    text[name] = {r["Número"]: r for r in df.to_dict("records")}
    if half == "report":
        return report_extra(rng, rows, text, n_tw, n_dash)

    name = "snowusecases_incident_unload.xml"
    incidents, journal = xml_incidents(FETCHED / name)
    rows += [(name, x, "the file's only incident") for x in incidents]
    text[name] = {k: {**v, "JOURNAL": sorted(journal.get(k, []))} for k, v in incidents.items()}

    name = "16_swimlane_update_row_display.json"
    result = json.loads((SHARED / name).read_text(encoding="utf-8"))["result"]
    rows.append((name, result["number"], "the file's only incident"))
    text[name] = {result["number"]: result}
    return rows, text


def report_extra(rng: random.Random, rows: list, text: dict, n_tw: int, n_dash: int) -> tuple:
    """The report half's last strata: two exports carrying only a short description and a
    category (the tune half's single-incident files are not drawn again)."""
    name = "twinings_list_export.xlsx"
    df = pd.read_excel(FETCHED / name)
    rows += [(name, x, "any") for x in pick(rng, df["Number"], n_tw)]
    text[name] = {r["Number"]: r for r in df.to_dict("records")}
    name = "ticket_dashboard_incident.csv"
    df = pd.read_csv(FETCHED / name)
    rows += [(name, x, "any") for x in pick(rng, df["number"], n_dash)]
    text[name] = {r["number"]: r for r in df.to_dict("records")}
    return rows, text


def drawn_before(*halves: str) -> dict[str, frozenset]:
    """file -> numbers in the selection files of these halves."""
    used: dict[str, frozenset] = {}
    for half in halves:
        for k, v in drawn(HALVES[half][1]).items():
            used[k] = used.get(k, frozenset()) | v
    return used


def has_words(df: pd.DataFrame, cols: tuple) -> pd.Series:
    """Whether CRITICAL_WORDS3 is in any of these text columns, row by row."""
    words = df[list(cols)].astype(object).fillna("").astype(str).agg(" ".join, axis=1)
    return words.map(lambda s: bool(CRITICAL_WORDS3.search(s)))


def demo_labelled(used: dict[str, frozenset]) -> frozenset:
    """The PDI demo records (DEMO_NUMBER) among the numbers of `used`, under any PDI export."""
    return frozenset(
        n for f in PDI_FILES for n in used.get(f, frozenset()) if DEMO_NUMBER.fullmatch(n)
    )


def drop_demo_repeats(rows: list, used: dict[str, frozenset]) -> list:
    """rows without a PDI export's demo record (DEMO_NUMBER) labelled before under any PDI
    export (`used`) or drawn twice here (the first kept)."""
    seen = set(demo_labelled(used))
    kept = []
    for row in rows:
        if row[0] in PDI_FILES and DEMO_NUMBER.fullmatch(row[1]):
            if row[1] in seen:
                continue
            seen.add(row[1])
        kept.append(row)
    return kept


def draw_report2() -> tuple[list, dict]:
    """The third draw: per file, CRITICAL_WORDS in the short description or not (REPORT2_QUOTA),
    then the 03 unload's incidents with journal rows left and 3 of 02's with close notes, then
    a second round (REPORT2_EXTRA); no incident of selection.csv or selection_report.csv, and
    no demo record (DEMO_NUMBER) of the PDI exports labelled before or drawn twice."""
    rng = random.Random(HALVES["report2"][0])
    used = drawn(HALVES["tune"][1])
    for k, v in drawn(HALVES["report"][1]).items():
        used[k] = used.get(k, frozenset()) | v
    rows, text = [], {}
    frames = {}

    def by_words(name: str, n_crit: int, n_other: int, round_: str = "") -> None:
        """n_crit incidents with CRITICAL_WORDS in the short description, n_other without."""
        key = EXPORTS[name][0]
        if name not in frames:
            frames[name] = read_export(name)
        df = frames[name]
        sd = next(c for c in df.columns if c.lower().replace(" ", "_") == "short_description")
        crit = df[sd].fillna("").astype(str).map(lambda s: bool(CRITICAL_WORDS.search(s)))
        skip = used.get(name, frozenset()) | {r[1] for r in rows if r[0] == name}
        for flag, n, label in ((True, n_crit, "critical words"), (False, n_other, "other")):
            label += round_
            rows.extend((name, x, label) for x in pick(rng, df[crit == flag][key], n, skip))
        text[name] = {r[key]: r for r in df.to_dict("records")}

    for name, (n_crit, n_other) in REPORT2_QUOTA.items():
        by_words(name, n_crit, n_other)

    name = "03_pdi_unload.xml"
    incidents, journal = xml_incidents(SHARED / name)
    left = pick(rng, list(journal), len(journal), used.get(name, frozenset()))
    rows += [(name, x, "with journal entries") for x in left]
    text[name] = {k: {**v, "JOURNAL": sorted(journal.get(k, []))} for k, v in incidents.items()}

    name = "02_pdi_records_export.json"
    records = json.loads((SHARED / name).read_text(encoding="utf-8"))["records"]
    skip = used.get(name, frozenset()) | used.get("03_pdi_unload.xml", frozenset()) | set(left)
    noted = [r["number"] for r in records if r["close_notes"]]
    rows += [(name, x, "with close notes, not drawn from 03") for x in pick(rng, noted, 3, skip)]
    text[name] = {r["number"]: r for r in records}
    for name, (n_crit, n_other) in REPORT2_EXTRA.items():
        by_words(name, n_crit, n_other, ", second round")
    # a demo record already labelled under another PDI export, or drawn twice here, is dropped
    # (after the draw, so that the rest of the draw is unchanged)
    return drop_demo_repeats(rows, used), text


def draw_report3() -> tuple[list, dict]:
    """The fourth draw: exports other than Hitachi's that carry a description or notes, per
    file CRITICAL_WORDS3 in the short description or description or not (REPORT3_QUOTA); no
    incident of the earlier selections, and no demo record (DEMO_NUMBER) of the PDI exports
    labelled before (dropped after the draw)."""
    rng = random.Random(HALVES["report3"][0])
    used = drawn_before("tune", "report", "report2")
    rows, text = [], {}
    for name, (n_crit, n_other) in REPORT3_QUOTA.items():
        key, cols = EXPORTS[name]
        df = read_export(name)
        crit = has_words(df, cols)
        skip = used.get(name, frozenset())
        for flag, n, label in ((True, n_crit, "critical words"), (False, n_other, "other")):
            rows.extend((name, x, label) for x in pick(rng, df[crit == flag][key], n, skip))
        text[name] = {r[key]: r for r in df.to_dict("records")}
    return drop_demo_repeats(rows, used), text


def uci_incidents(path: Path) -> pd.DataFrame:
    """The UCI event log (one row per update of an incident) as one row per incident: the last
    row, with the number of rows; only incidents whose category and subcategory never change
    (so that the label does not hang on which row a reader takes). `unset` = "?" in either."""
    log = pd.read_csv(path, dtype=str)
    fixed = log.groupby("number")[["category", "subcategory"]].nunique().max(axis=1) == 1
    last = log.groupby("number").last()
    last["ROWS"] = log.groupby("number").size()
    last = last[fixed].reset_index()
    last["unset"] = (last["category"] == "?") | (last["subcategory"] == "?")
    return last


def draw_by_quota(half: str) -> tuple[list, dict]:
    """The fifth draw (`tune2`, a second tune half) and the sixth (`report4`): per file of the
    half's quota, CRITICAL_WORDS3 in the short description or description (the Portuguese
    export's work notes) or not, and the UCI log's incidents with a category or subcategory not
    set or not; `report4` then 3 of the 03 unload's incidents without journal rows. No incident
    of the earlier selections, and no PDI demo record labelled before or drawn twice (dropped
    after the draw)."""
    rng = random.Random(HALVES[half][0])
    earlier = ("tune", "report", "report2", "report3")
    earlier += {"tune2": (), "report4": ("tune2",), "tune3": ("tune2", "report4")}[half]
    used = drawn_before(*earlier)
    # report4 leaves out, before drawing, the PDI demo records labelled under any PDI export
    demo = frozenset() if half == "tune2" else demo_labelled(used)
    rows, text, frames = [], {}, {}
    if half == "tune2":
        rounds = [(k, v, "") for k, v in TUNE2_QUOTA.items()]
        rounds += [(k, v, ", second round") for k, v in TUNE2_EXTRA.items()]
    else:
        quota = REPORT4_QUOTA if half == "report4" else TUNE3_QUOTA
        rounds = [(k, v, "") for k, v in quota.items()]
        if half == "tune3":
            rounds += [(k, v, ", second round") for k, v in TUNE3_EXTRA.items()]
    for name, (n_crit, n_other), round_ in rounds:
        key, cols = EXPORTS[name]
        if name not in frames:
            frames[name] = read_export(name)
        df = frames[name]
        if cols:
            crit, labels = has_words(df, cols), ("critical words", "other")
        else:
            crit, labels = df["unset"], ("category or subcategory ?", "category and subcategory")
        skip = used.get(name, frozenset()) | {r[1] for r in rows if r[0] == name}
        skip |= demo if name in PDI_FILES else frozenset()
        for flag, n, label in ((True, n_crit, labels[0]), (False, n_other, labels[1])):
            found = pick(rng, df[crit == flag][key], n, skip)
            rows.extend((name, x, label + round_) for x in found)
        records = df.drop(columns="unset", errors="ignore").to_dict("records")
        text[name] = {r[key]: r for r in records}
    if half in ("report4", "tune3"):
        name = "03_pdi_unload.xml"
        incidents, journal = xml_incidents(SHARED / name)
        skip = used.get(name, frozenset()) | used.get("02_pdi_records_export.json", frozenset())
        skip |= demo
        quiet = [x for x in incidents if x not in journal]
        rows += [(name, x, "without journal rows") for x in pick(rng, quiet, 3, skip)]
        text[name] = {k: {**v, "JOURNAL": []} for k, v in incidents.items()}
    return drop_demo_repeats(rows, used), text


def stratum_of(name: str, df: pd.DataFrame) -> pd.Series:
    """report5 and tune4: each incident's stratum, the first that applies (no reading): Hitachi's
    placeholder subcategory, its password-reset category, CRITICAL_WORDS3 in the short
    description or description, then English or Italian by the ITALIAN word count; Twinings'
    empty category or subcategory; elsewhere CRITICAL_WORDS3 or not."""
    out = has_words(df, EXPORTS[name][1]).map({True: "critical words", False: "other"})
    if name == "hitachi_rail_excel_export.xlsx":
        lang = df["Description"].astype(str).map(lambda s: len(ITALIAN.findall(s)) >= 2)
        out = out.where(out != "other", lang.map({True: "other, it", False: "other, en"}))
        out = out.where(df["Category"] != "G-PLM Password reset", "password reset category")
        placeholder = df["Sub-Category L1"].astype(str).str.startswith("To be selected")
        out = out.where(~placeholder, "placeholder subcategory")
    if name == "twinings_list_export.xlsx":
        empty = df["Category"].isna() | df["Subcategory"].isna()
        out = out.where(~empty, "category or subcategory empty")
    return out


def draw_by_strata(half: str) -> tuple[list, dict]:
    """The eighth draw (`report5`) and the ninth (`tune4`): per file of the half's quota, n
    incidents of each stratum of `stratum_of`, then the 03 unload's incidents left undrawn (none
    of the PDI demo records labelled before). No incident of the earlier selections (tune4: nor
    of report5's), and no PDI demo record labelled before (left out before drawing)."""
    rng = random.Random(HALVES[half][0])
    earlier = ["tune", "report", "report2", "report3", "tune2", "report4", "tune3"]
    earlier += ["report5"] if half == "tune4" else []
    used = drawn_before(*earlier)
    demo = demo_labelled(used)
    rows, text = [], {}
    quota = REPORT5_QUOTA if half == "report5" else TUNE4_QUOTA
    for name, strata in quota.items():
        key = EXPORTS[name][0]
        df = read_export(name)
        stratum = stratum_of(name, df)
        skip = used.get(name, frozenset()) | (demo if name in PDI_FILES else frozenset())
        for label, n in strata.items():
            rows.extend((name, x, label) for x in pick(rng, df[stratum == label][key], n, skip))
        text[name] = {r[key]: r for r in df.to_dict("records")}
    name = "03_pdi_unload.xml"
    incidents, journal = xml_incidents(SHARED / name)
    skip = used.get(name, frozenset()) | used.get("02_pdi_records_export.json", frozenset())
    left = pick(rng, list(incidents), len(incidents), skip | demo)
    rows += [(name, x, "left undrawn") for x in left]
    text[name] = {k: {**v, "JOURNAL": sorted(journal.get(k, []))} for k, v in incidents.items()}
    return drop_demo_repeats(rows, used), text


def parity(name: str, number, byte: int = 0) -> int:
    """report6 and tune5 were drawn at the same time on two branches: report6 takes only the
    incidents of parity 0, tune5 only those of parity 1, so the two share none: the parity of
    the first byte (`byte` 0) of sha256("<file>:<number>"). report7 and tune6, drawn at the same
    time too, split by the second byte (`byte` 1): report7 even, tune6 odd; report8 and tune7 by
    the third (`byte` 2): report8 even, tune7 odd; report9 and tune8 by the fourth (`byte` 3):
    report9 even, tune8 odd."""
    return hashlib.sha256(f"{name}:{number}".encode()).digest()[byte] % 2


def stratum_of6(name: str, df: pd.DataFrame) -> pd.Series:
    """report6: `stratum_of`, with Hitachi's "other" tickets (English or Italian) whose close
    notes ("Resolution Information") are under 40 characters as "short close notes"."""
    out = stratum_of(name, df)
    if name == "hitachi_rail_excel_export.xlsx":
        notes = df["Resolution Information"].fillna("").astype(str).str.strip()
        short = out.isin(("other, en", "other, it")) & (notes.str.len() < 40)
        out = out.where(~short, "short close notes")
    return out


def stratum5_of(name: str, df: pd.DataFrame) -> pd.Series:
    """tune5: `stratum_of`, with Hitachi's short close notes (under 25 characters, or a copy of
    the short description) a stratum of their own after the placeholder subcategory and the
    password-reset category; the UCI log: category and subcategory "?" or not."""
    if name == "uci_event_log_5998.csv":
        return df["unset"].map(
            {True: "category or subcategory ?", False: "category and subcategory"}
        )
    out = stratum_of(name, df)
    if name == "hitachi_rail_excel_export.xlsx":
        notes = df["Resolution Information"].fillna("").astype(str).str.strip()
        sd = df["Short Description"].fillna("").astype(str).str.strip()
        short = (notes.str.len() < 25) | (notes.str.lower() == sd.str.lower())
        keep = out.isin(("placeholder subcategory", "password reset category"))
        out = out.where(keep | ~short, "short close notes")
    return out


def stratum8_of(name: str, df: pd.DataFrame) -> pd.Series:
    """report8 and tune7 (the e-commerce exports): "monitoring alert" when an integration user
    opened it (Opened by "... Ebonding User"), else `stratum_of` (CRITICAL_WORDS3 or not)."""
    alert = df["Opened by"].astype(str).str.contains("Ebonding", regex=False)
    return stratum_of(name, df).where(~alert, "monitoring alert")


def stratum9_of(name: str, df: pd.DataFrame) -> pd.Series:
    """report9 and tune8: the application desk's tickets with no work notes, then
    `stratum_of` (CRITICAL_WORDS3 in the short description or work notes: "critical words",
    else "work notes"); the network desk's `stratum_of` (its strata hold every ticket of a
    parity)."""
    out = stratum_of(name, df)
    if name == "kc_active_tickets_excel_export.xlsx":
        out = out.where(out != "other", "work notes")
        out = out.where(df["Work notes"].notna(), "no work notes")
    return out


def stratum10_of(name: str, df: pd.DataFrame) -> pd.Series:
    """report10 and tune9: the corporate desk's tickets opened by its mail bot ("mail bot"),
    else `stratum_of` (CRITICAL_WORDS3 in the short description or description: "critical
    words"), else its Type ("failure", "request", "other type"); the close-notes list's
    `stratum_of` (CRITICAL_WORDS3 in the short description or close notes, or "other")."""
    out = stratum_of(name, df)
    if name == "vdi_desk_excel_export.xlsx":
        kind = df["Type"].map({"Failure": "failure", "Request": "request"}).fillna("other type")
        out = out.where(out != "other", kind)
        out = out.where(df["Opened by"].astype(str).str.strip() != "DT E Mail Bot", "mail bot")
    return out


# a line of the desk's close-notes template with nothing after its label ("Action taken:")
_TEMPLATE_LINE = re.compile(r"\s*(?:[A-Za-z][A-Za-z ]{0,40}:)?\s*")


def stratum11_of(name: str, df: pd.DataFrame) -> pd.Series:
    """report11 and tune10: the desk's close notes as its template left blank (every line a
    label alone: "blank template"), else `stratum_of` (CRITICAL_WORDS3 in the short description
    or close notes: "critical words"), else the template filled ("template": an "Action taken:"
    line) or notes written freely ("free notes")."""
    notes = df["Close notes"].fillna("").astype(str)
    blank = notes.map(lambda s: all(_TEMPLATE_LINE.fullmatch(x) for x in s.splitlines()))
    kind = notes.str.contains("Action taken:", regex=False).map(
        {True: "template", False: "free notes"}
    )
    out = stratum_of(name, df)
    out = out.where(out != "other", kind)
    return out.where(~blank, "blank template")


# The draws made two at a time on two branches (report6 and tune5, report7 and tune6), each
# pair split by the parity of one byte of sha256("<file>:<number>"): half -> (quota, strata,
# byte, parity taken, the pair's first half).
PAIRED = {
    "report6": (REPORT6_QUOTA, stratum_of6, 0, 0, "report6"),
    "tune5": (TUNE5_QUOTA, stratum5_of, 0, 1, "report6"),
    "report7": (REPORT7_QUOTA, stratum5_of, 1, 0, "report7"),
    "tune6": (TUNE6_QUOTA, stratum5_of, 1, 1, "report7"),
    "report8": (TIFFANY_QUOTA, stratum8_of, 2, 0, "report8"),
    "tune7": (TIFFANY_QUOTA, stratum8_of, 2, 1, "report8"),
    "report9": (JOURNAL2_QUOTA, stratum9_of, 3, 0, "report9"),
    "tune8": (JOURNAL2_QUOTA, stratum9_of, 3, 1, "report9"),
    "report10": (FRESH_QUOTA, stratum10_of, 4, 0, "report10"),
    "tune9": (FRESH_QUOTA, stratum10_of, 4, 1, "report10"),
    "report11": (DYSON_QUOTA, stratum11_of, 5, 0, "report11"),
    "tune10": (DYSON_QUOTA, stratum11_of, 5, 1, "report11"),
}


def draw_paired(half: str) -> tuple[list, dict]:
    """The tenth to thirteenth draws (PAIRED): per file of the half's quota, n incidents of
    each stratum of its strata, only among the incidents of its parity (`parity` of its byte:
    report6 0 and tune5 1 of the first byte, report7 0 and tune6 1 of the second); no incident
    of the selections drawn before its pair and no PDI demo record labelled before."""
    quota, strata_of, byte, want, first = PAIRED[half]
    rng = random.Random(HALVES[half][0])
    used = drawn_before(*list(HALVES)[: list(HALVES).index(first)])
    demo = demo_labelled(used)
    rows, text = [], {}
    for name, strata in quota.items():
        key = EXPORTS[name][0]
        df = read_export(name)
        stratum = strata_of(name, df)
        share = df[key].map(lambda x, name=name: parity(name, x, byte) == want)
        skip = used.get(name, frozenset()) | (demo if name in PDI_FILES else frozenset())
        for label, n in strata.items():
            found = pick(rng, df[(stratum == label) & share][key], n, skip)
            rows.extend((name, x, label) for x in found)
        records = df.drop(columns="unset", errors="ignore").to_dict("records")
        text[name] = {r[key]: r for r in records}
    return drop_demo_repeats(rows, used), text


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--half", choices=tuple(HALVES), default="tune")
    ap.add_argument("--dump", type=Path)
    args = ap.parse_args()
    rows, text = draw(args.half)
    with open(HERE / HALVES[args.half][1], "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["file", "number", "stratum"])
        w.writerows(rows)
    print(f"{len(rows)} incidents from {len({r[0] for r in rows})} files")
    if args.dump:
        args.dump.mkdir(parents=True, exist_ok=True)
        for name in {r[0] for r in rows}:
            with open(args.dump / f"{name}.txt", "w", encoding="utf-8") as f:
                for file, number, stratum in rows:
                    if file != name:
                        continue
                    f.write(f"\n==================== {number}  [{stratum}]\n")
                    for key, value in text[name][number].items():
                        if value in ("", None) or (isinstance(value, float) and value != value):
                            continue
                        f.write(f"{key}: {value}\n")


if __name__ == "__main__":
    main()
