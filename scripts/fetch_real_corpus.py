"""Fetch the real ServiceNow exports the tests read but the repository may not hold (their
repositories carry no licence that allows copying them): each from its public GitHub
repository at a pinned commit, checked against its sha256.

    .venv/bin/python scripts/fetch_real_corpus.py [--dest DIR] [--list]

DIR defaults to tests/real_corpus/fetched/ (not committed), where tests/test_real_corpus.py
looks for them ($TQRS_REAL_CORPUS overrides it); without them those tests skip and say so.
The files whose licence allows it are committed in tests/real_corpus/ (see its SOURCES.md)."""

import argparse
import hashlib
import sys
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DEST = ROOT / "tests" / "real_corpus" / "fetched"

# (file name here, repository, path in it, commit, sha256, what it is)
FILES = [
    (
        "gtim_list_export.csv",
        "gastonstec/gtim-etl-inc",
        "incident_original.csv",
        "c0c7486953ecab6e03280623bd043b3686bdb5b3",
        "a7933d7017ac3853c84d69c713a596eb91ce89de0c7f86d236886b136cf375a7",
        "corporate list export (67 incidents): labels Number, State, Created, Last update, "
        "Affected User, Assignment Group, Assigned to, Urgency; month-first dates "
        "(02-28-2025 14:06:19), every field quoted",
    ),
    (
        "gtim_list_export_two_severity.csv",
        "gastonstec/gtim-etl-inc",
        "updates/incident.csv",
        "c0c7486953ecab6e03280623bd043b3686bdb5b3",
        "9a1bc224d5300e7cc0431a4b8629ebeb4af6276ddee851d13a524e5442a693df",
        "the same list a week later (74 incidents); two columns both labelled Severity",
    ),
    (
        "gtim_pandas_rewrite.csv",
        "gastonstec/gtim-etl-inc",
        "updates/incident_actualizado.csv",
        "c0c7486953ecab6e03280623bd043b3686bdb5b3",
        "3abdfecb00a9eb69ffb4dd91cbc549849ae0143ead23cc50629184d26388f574",
        "that list re-written by pandas: snake_case labels, ISO dates, nan for empty, Severity.1",
    ),
    (
        "ticket_dashboard_incident.csv",
        "JamesBhn/TicketDashBoard",
        "incident.csv",
        "057903eca1dd4575b1562e13d88de20f51887c14",
        "92c70923297cbd602b8b9a89d03621e69c0a967282770d78064cf262a7dd7bef",
        "list export re-saved by a spreadsheet (97 incidents): 3/17/2025 6:04 dates, every "
        "short description the text null",
    ),
    (
        "snowusecases_incident_list.pdf",
        "jamesnyika/SNOWUseCases",
        "samplefiles/incident.pdf",
        "e5958d93a77b1c692e283b19c1eb135861016170",
        "133c5b36e80e26f94fa0ff7b53ffd0a9eef1a3a60973570ebf3be11b0e23a31b",
        "a list's Export > PDF from a 2018 instance (iText, Author ServiceNow): an Incident "
        "List report, one row per incident (3), a wrapped short description, day-first dates",
    ),
    (
        "flpereira_ptbr_incident.xlsx",
        "fl-pereira/powerbi",
        "incident.xlsx",
        "e10f57d3f86cfa5ef76a1e2559629cde6b7cca78",
        "a9a487079c62f56d4c6c168f371086f2f3190a3b8d1fa411a411e565affb13de",
        "a Portuguese (pt-BR) instance's Excel export (sheet Page 1, 30 incidents): labels "
        "Número, Criado em, Descrição resumida, Status ('Em Andamento'), Usuário Impactado, "
        "Anotações de trabalho (journals with dd/mm/yyyy '(Anotações de trabalho)' headers)",
    ),
    (
        "charlingli_table_api_lines.json",
        "charlingli/automatic-ticket-assignment",
        "data/sn.json",
        "a5fac001dd54ec9fc2af9877925109315131dc28",
        "ab7a315f69d2f9376454ba16fbf28b3647b0d513caa95a2bc5fa40e959695089",
        "58 Table API records of a developer instance written one a line (JSON Lines) by a "
        "script: number, assignment_group/assigned_to as display_value+link, sys_updated_on",
    ),
    (
        "uci_event_log_5998.csv",
        "chinthan11shah/Incident-Management-System",
        "incident_event_log.csv",
        "e83ab340b4d64c1f77e26504f27d86bb658f2bbf",
        "85eb91cbd6ac7a7fab7640a844acec20e0a40a9ff6c7fc66f67439e413d7d5e3",
        "the UCI incident event log's first 5,998 rows (890 incidents), dates re-saved "
        "day first (29-02-2016 01:16); CC BY 4.0 (the committed slice is its first 3,000 rows)",
    ),
    (
        "a6_sap_list_export.csv",
        "Jsw735/A6_Incident",
        "data/incident.csv",
        "3298e8717e4cc792a147fc64f702716fc2d31b97",
        "c6a8826e1a9c0dfe6bc321cd1d548fb63a27dfa81829aae464dbd0e916f08667",
        "a corporate (SAP support) list export of 1,107 incidents: field-name header, display "
        "values, re-saved by a spreadsheet, Windows-1252; terse descriptions (error messages, "
        "counts of what failed)",
    ),
    (
        "snowusecases_incident_unload.xml",
        "jamesnyika/SNOWUseCases",
        "samplefiles/ExampleIncidentXML.xml",
        "6a2398253f18b2cc0db1a2162575568d1d5abce1",
        "0b0ba322b716827bd5e8fb48e0e973c6bf1199562122da9521674a8b8b07e117",
        "an XML unload of one incident (2018 instance, state On Hold) with its two "
        "sys_journal_field rows and an attachment",
    ),
    (
        "hitachi_rail_excel_export.xlsx",
        "BartoszSzadkowski37/ItalianINCReport",
        "incident.xlsx",
        "ca535bc449ff535f67af232d65d9f100846ce9b2",
        "27dcbc5a25921e9c307dd5b582eadeaa0516a45a98a302bd5972439d97a44872",
        "a corporate (Hitachi Rail, G-PLM/Windchill support) Excel export, sheet Page 1, "
        "5,944 closed or resolved incidents in English and Italian: labels Short Description, "
        "Additional comments (journals), Description, Resolution Information (the close "
        "notes), Affected CI, Opened by; no Caller and no Work notes column",
    ),
    (
        "twinings_list_export.xlsx",
        "abhishek-batti/AMS_POC",
        "incident.xlsx",
        "24237a8b4a7d10cba009538bb7ec1d5ad96f185e",
        "61cecc9f7ff0a80be0fefbad3c0f9abafa2da818471be8d1ed81df1450e94e0d",
        "a corporate (SAP application support) Excel list export, 7,721 incidents: Number, "
        "Opened, Short description ('<Site> ...'), Caller, Priority, State, Assignment group, "
        "Category ('Order to Cash'), Subcategory ('SAP SD'); no text beyond the summary",
    ),
    (
        "pdi_list_export_with_notes.csv",
        "krs-trc/AI-MCP-Server",
        "incident.csv",
        "d4bc294eec2d28863c8aace3de927de517a63180",
        "67832918321d61289faf0e73de6cae7beb5cf0c3040555b981f1638c6f769eea",
        "a developer instance's list export (93 incidents): Number, Opened, Short description, "
        "Description (a script appended 'This issue relates to: ...' to each), Resolution "
        "code, Resolution notes, State, Assigned to",
    ),
    (
        "mcd_list_export_custom_fields.csv",
        "McdAutomation/MyApp",
        "incident.csv",
        "cf13a5abfad26f9fb1470d7a3a10402dd4662dc4",
        "2a9b8f135f93cf24c3d1e79f04586fb50f9d63342912439883800c94cb4cda3a",
        "a corporate (McDonald's restaurant support, 2018) list export of 29 open incidents: "
        "field-name header, display values, u_ custom fields, both incident_state and state "
        "('Working On Case'), calendar_stc with thousands separators; short descriptions only",
    ),
    (
        "pdi_test_tickets_list_export.csv",
        "mua31/Incident",
        "incident (1).csv",
        "a606c63255cbd5f502db58967b7193d8ee731a38",
        "acd5c705aa53f09fd7011b98afc8553fb4e471b9ba0e3361b0cee40676ffabf7",
        "a developer instance's list export (2020, 64 incidents): number, opened_at, "
        "short_description ('test 1314'), caller_id, priority, state, category, assignment "
        "group, assigned_to, sys_updated_on/by; one with no short description",
    ),
    (
        "kbcsi_close_notes_list.csv",
        "SKWCTS/Kb_CSI",
        "incident.csv",
        "7e92d95cee9a52d574c8c322948d37f9187e7f9c",
        "4bee63341a3ecdd59b1bb6a04b40127298aa5aaaa5cc27c4d29e451b83e91207",
        "a corporate (hotel group's digital booking support, 2026) list export of 177 "
        "incidents with three fields: number, short_description ('[P-2605847] No Booking with "
        "Payment ...', mails pasted whole), close_notes (every one filled, 101 with CRLF line "
        "breaks inside LF records); Windows-1252; no state, dates or journal",
    ),
    (
        "tiffany_ams_excel_export.xlsx",
        "manastewary2025/TicketPrioritization",
        "Incident_2.xlsx",
        "335f61e7b1847eed95e7f275d8f34eff34016672",
        "5befb243da4df06939a1bf0f1623373b8def827c1b5e77f7fb4285dd1f3a35ef",
        "a corporate (luxury retailer's e-commerce application support, outsourced) Excel "
        "export, sheet Page 1, 613 incidents of 2024: Number, Problem, Priority, State "
        "('Awaiting User Info', 'Work in Progress'), Short Description, Description, "
        "Configuration Item, Comments and Work notes (both journals in one column, month-first "
        "12-hour headers), Opened, Opened by, Created, Assignment Group, Closed; no close notes",
    ),
    (
        "tiffany_ams_excel_export_june.xlsx",
        "manastewary2025/TicketPrioritization",
        "Incidents.xlsx",
        "335f61e7b1847eed95e7f275d8f34eff34016672",
        "4f3eef60a07cad8e0aff1bc62bbf54a31c80208a86b00137265316580a894d01",
        "the same desk's export of June to December 2024 (344 incidents, 342 of them in the "
        "file above, 76 of those differing in state, journal, closing time or opener)",
    ),
    (
        "telstra_noc_excel_export.xlsx",
        "anusharavind28/My-Test-Scripts",
        "incident.xlsx",
        "c528215cf6587befe0ceef950f89578b97fc5ee8",
        "14a7e91e169dfb1aee056d125fcf3049561cb33d3d9090a7122304abbba9cb04",
        'Excel export (sheet "Page 1", 47 label columns) of 33 incidents of an Australian '
        "network operations desk (June 2023, numbers SNI…, node-down alarms of schools' and "
        "shops' routers): its own Work notes column (366 entries, device command output and "
        "calls) and Comments and Work notes (120 customer comments besides), Resolution notes, "
        '"Resolution category" as close code, priorities "P2 - High", journal headers '
        'day first with dashes ("26-06-2023 02:38:12")',
    ),
    (
        "kc_active_tickets_excel_export.xlsx",
        "RAHENI09/Dashboard",
        "All Active tickets.xlsx",
        "10bccbf58f4a3f32b1724b6e64172ae6988c8afb",
        "aa6fec20c9da2ee9a359d767f78645e08fb6e92d9f91816f86969a64aedaf81f",
        'Excel export (sheet "Page 1") of the 886 open incidents of a consumer-goods '
        "company's outsourced application desk (opened May 2019 to March 2020; New, Active, "
        "Awaiting Customer/Vendor/Change): a Work notes column filled on 740 (2,654 entries by "
        '260 authors, headers "24-Mar-2020 09:33:42"), Close code and Close notes columns '
        'empty (none is resolved), "Caller" (name) beside "Caller ID" (user ID), no '
        "description",
    ),
    (
        "vdi_desk_excel_export.xlsx",
        "Mansi-2706/Incident_Analysis",
        "Incidents.xlsx",
        "663dca1333e88e27aa81f2eeefbda3a2ba543ba0",
        "67402c47c9b3bd926a2f22f7ce19738bd4a5e10e61fe836624fe65b819b9ee2a",
        '8,448 incidents of June to August 2022 of a corporate desk (sheet "Incidents"; '
        "many opened by a mail bot: the description is the caller's mail), an export with "
        "analyst columns added (Month, Translation, Issues); Description on every one, no "
        'journal or close notes; its close codes ("Solved (Permanently)") sit in a column '
        'labelled "Caller Notes"',
    ),
    (
        "dyson_hybris_close_notes.xlsx",
        "jwaladeepa-tech/incidentdata",
        "Incident data analysis.xlsx",
        "bd79df4f5ae6fcf8ffc1f659a604410aa7006fef",
        "7be195755ee1d2f6bf711891a598dc93f2c1de7cdeec3ecd09ed7fe6bb532b0d",
        'Excel export (sheet "Page 1", 14 label columns) of 14,060 incidents of January to '
        "September 2020 of a consumer-goods company's application and e-commerce desk (SAP, "
        "Ariba, Teamcenter, its web shops): Short description, Category, Subcategory 1 and 2 "
        "(the first level is the subcategory), Configuration item, Close notes on every one "
        "(the desk's template \"Issue Description: / Action taken: / ... / Resolution confirmed "
        'by:", 1,686 of them left blank), Problem, Priority ("VIP" on 43), Opened, Updated; '
        "no state, description or journal",
    ),
]


def fetch(dest: Path) -> int:
    dest.mkdir(parents=True, exist_ok=True)
    failed = 0
    for name, repo, path, commit, sha256, _ in FILES:
        target = dest / name
        if target.exists() and hashlib.sha256(target.read_bytes()).hexdigest() == sha256:
            print(f"have  {name}")
            continue
        # a path may hold spaces ("incident (1).csv"): quoted, as a URL's path is written
        url = f"https://raw.githubusercontent.com/{repo}/{commit}/{urllib.parse.quote(path)}"
        try:
            with urllib.request.urlopen(url, timeout=60) as response:
                data = response.read()
        except OSError as e:
            print(f"error {name}: {url}: {e}", file=sys.stderr)
            failed += 1
            continue
        if hashlib.sha256(data).hexdigest() != sha256:
            print(f"error {name}: {url}: sha256 differs from the pinned one", file=sys.stderr)
            failed += 1
            continue
        target.write_bytes(data)
        print(f"got   {name} ({len(data):,} bytes)")
    return 1 if failed else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--dest", type=Path, default=DEFAULT_DEST)
    ap.add_argument("--list", action="store_true", help="list the files and their sources")
    args = ap.parse_args()
    if args.list:
        for name, repo, path, commit, sha256, what in FILES:
            print(f"{name}\n  {repo}/{path} @ {commit[:12]}  sha256 {sha256[:16]}\n  {what}")
        return 0
    return fetch(args.dest)


if __name__ == "__main__":
    sys.exit(main())
