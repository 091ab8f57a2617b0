"""Build the evaluation set (`tickets.json`, `labels.jsonl`) from the hand-written sources.

The sources in `source/*.txt` hold each incident and the labels a human gave it after reading
it against the rubric guidance. This script only changes their shape: it never decides a label.

Source format, one block per incident:

    === INC0000060
    origin: real (yilmazetl/sn incident.xml), paraphrased
    convention: free            # or 4part: follows `Company - Location - Application - Issue`
    family: l-reset             # optional: near-copies written from one scenario share it (and a half)
    sd: Unable to connect to email
    desc:
    > first line
    > second line
    caller: Joe Employee
    ct: Self-service            # contact_type as the export prints it
    cat: Inquiry / Help         # category;  sub: subcategory
    svc: Email                  # business_service;  ci: cmdb_ci
    group: Network              # assignment_group;  to: assigned_to
    state: Closed               # pri: priority
    opened: 2016-12-12 07:19:57 # resolved:, closed: (absolute or +90m / +2h / +3d from opened)
    code: Solved (Permanently)  # close_code;  close: close_notes (one line or > lines)
    wn @ +95m | Beth Anglin     # a work note; `c @ ...` an additional comment
    > Updating incident with correct Configuration item
    L: sd=0 cv=N/A cat=10 sci=10 dq=10 cp=N/A sp=10
    H: ts=20 rn=10 rq=0 uc=10 wn=10 sp=10      # cp= may be given; else the L value
    n.rq: the notes say only that it is resolved

Journal entries are written oldest first and printed newest first, as ServiceNow prints them.
Label values are the option labels of the rubric (`data/rubrics/*.json`); `defect` follows from
the option: points below the maximum, a deduction or FAIL is a defect, N/A is null.

Run: `.venv/bin/python tests/eval_set/build.py` (rewrites tickets.json and labels.jsonl; a
ticket keeps the split the committed labels give it, so adding tickets never moves others).
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from datetime import datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
RUBRICS = ("incident_logging", "incident_handling")
SHORT = {
    "incident_logging": {
        "sd": "short_description",
        "cv": "caller_validation",
        "cat": "categorization",
        "sci": "service_ci",
        "dq": "description_quality",
        "cp": "critical_process",
        "sp": "spelling_grammar",
    },
    "incident_handling": {
        "ts": "troubleshooting",
        "rn": "resolution_notes",
        "rq": "resolution_quality",
        "uc": "user_confirmation",
        "wn": "work_notes",
        "cp": "critical_process",
        "sp": "spelling_grammar",
    },
}
FIELDS = {
    "sd": "short_description",
    "desc": "description",
    "caller": "caller_id",
    "ct": "contact_type",
    "cat": "category",
    "sub": "subcategory",
    "svc": "business_service",
    "ci": "cmdb_ci",
    "group": "assignment_group",
    "to": "assigned_to",
    "state": "state",
    "pri": "priority",
    "opened": "opened_at",
    "resolved": "resolved_at",
    "closed": "closed_at",
    "code": "close_code",
    "close": "close_notes",
}
EXPORT_ORDER = (
    "number", "sys_id", "short_description", "description", "caller_id", "contact_type",
    "category", "subcategory", "business_service", "cmdb_ci", "assignment_group", "assigned_to",
    "state", "priority", "opened_at", "resolved_at", "closed_at", "close_code", "close_notes",
    "work_notes", "comments",
)  # fmt: skip
PRIORITY = {
    "1": "1 - Critical",
    "2": "2 - High",
    "3": "3 - Moderate",
    "4": "4 - Low",
    "5": "5 - Planning",
}
JOURNAL_KIND = {"wn": "Work notes", "c": "Additional comments"}
TIME = "%Y-%m-%d %H:%M:%S"
ENTRY = re.compile(r"^(wn|c) @ (\S+(?: \S+)?) \| (.+)$")


def load_options() -> dict[str, dict[str, dict]]:
    """criterion key "rubric/criterion" -> option label -> option, from the shipped rubrics."""
    out = {}
    for rubric in RUBRICS:
        data = json.loads((ROOT / "data" / "rubrics" / f"{rubric}.json").read_text())
        for crit in data["criteria"]:
            out[f"{rubric}/{crit['id']}"] = {o["label"]: o for o in crit["options"]}
    return out


def defect_of(option: dict, options: dict[str, dict]) -> bool | None:
    """True when the option costs points or auto-fails, None for N/A, else False."""
    kind = option["kind"]
    if kind == "na":
        return None
    if kind in ("fail", "deduction"):
        return True
    if kind == "pass":
        return False
    best = max(o["points"] for o in options.values() if o["kind"] == "points")
    return option["points"] < best


def _when(text: str, opened: datetime | None) -> datetime:
    text = text.strip()
    m = re.fullmatch(r"\+(\d+)([mhd])", text)
    if m:
        if opened is None:
            raise ValueError(f"relative time {text!r} before 'opened'")
        unit = {"m": "minutes", "h": "hours", "d": "days"}[m.group(2)]
        return opened + timedelta(**{unit: int(m.group(1))})
    return datetime.strptime(text, TIME)


def parse_blocks(text: str, where: str) -> list[dict]:
    """The incident blocks of one source file, as dicts of raw parts."""
    blocks, cur, target = [], None, None
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip()
        at = f"{where}:{lineno}"
        if line.startswith("#") or (not line and target is None):
            continue
        if line.startswith("=== "):
            cur = {"number": line[4:].strip(), "fields": {}, "journal": [], "labels": {},
                   "notes": {}, "at": at}  # fmt: skip
            blocks.append(cur)
            target = None
            continue
        if cur is None:
            raise ValueError(f"{at}: text before the first '=== NUMBER' line")
        if line.startswith(">"):
            if target is None:
                raise ValueError(f"{at}: '>' line without a field or journal entry above")
            target.append(line[2:] if line.startswith("> ") else line[1:])
            continue
        if not line:
            target = None
            continue
        target = None
        m = ENTRY.match(line)
        if m:
            entry = {"kind": m.group(1), "when": m.group(2), "who": m.group(3).strip(), "lines": []}
            cur["journal"].append(entry)
            target = entry["lines"]
            continue
        key, sep, value = line.partition(":")
        if not sep:
            raise ValueError(f"{at}: expected 'key: value', got {line!r}")
        key, value = key.strip(), value.strip()
        if key in ("L", "H"):
            for item in value.split():
                short, _, label = item.partition("=")
                cur["labels"][(key, short)] = label
        elif key.startswith("n."):
            cur["notes"][key[2:]] = value
        elif key in FIELDS or key in ("origin", "convention", "family"):
            lines = [value] if value else []
            cur["fields"][key] = lines
            target = lines
        else:
            raise ValueError(f"{at}: unknown key {key!r}")
    return blocks


def _text(lines: list[str]) -> str:
    return "\n".join(lines).strip("\n")


def build_record(block: dict) -> dict:
    """One export record (display values under raw field names) from a parsed block."""
    f = {k: _text(v) for k, v in block["fields"].items()}
    opened = datetime.strptime(f["opened"], TIME) if f.get("opened") else None
    rec = {"number": block["number"]}
    rec["sys_id"] = hashlib.sha256(block["number"].encode()).hexdigest()[:32]
    for key, name in FIELDS.items():
        value = f.get(key, "")
        if key in ("resolved", "closed") and value:
            value = _when(value, opened).strftime(TIME)
        if key == "pri" and value in PRIORITY:
            value = PRIORITY[value]
        rec[name] = value
    for kind, field in (("wn", "work_notes"), ("c", "comments")):
        entries = [e for e in block["journal"] if e["kind"] == kind]
        printed = []
        for e in sorted(entries, key=lambda e: _when(e["when"], opened), reverse=True):
            stamp = _when(e["when"], opened).strftime(TIME)
            printed.append(f"{stamp} - {e['who']} ({JOURNAL_KIND[kind]})\n{_text(e['lines'])}\n\n")
        rec[field] = "".join(printed)
    return {k: rec[k] for k in EXPORT_ORDER}


def build_labels(block: dict, options: dict) -> list[dict]:
    """The 14 label lines (7 criteria x 2 rubrics) of one block."""
    out, given = [], block["labels"]
    for rubric, line in (("incident_logging", "L"), ("incident_handling", "H")):
        for short, crit in SHORT[rubric].items():
            label = given.get((line, short))
            if label is None and short == "cp" and line == "H":
                label = given.get(("L", "cp"))
            if label is None:
                raise ValueError(f"{block['at']}: {block['number']} has no label {line}.{short}")
            opts = options[f"{rubric}/{crit}"]
            if label not in opts:
                raise ValueError(f"{block['at']}: {block['number']} {line}.{short}={label!r}: "
                                 f"not an option of {rubric}/{crit} {sorted(opts)}")  # fmt: skip
            note = block["notes"].get(f"{line}.{short}") or block["notes"].get(short, "")
            out.append({
                "number": block["number"],
                "rubric": rubric,
                "criterion_id": crit,
                "defect": defect_of(opts[label], opts),
                "expected": label,
                "note": note,
            })  # fmt: skip
    unknown = {k for k in given if k[1] not in SHORT[RUBRICS[k[0] == "H"]]}
    if unknown:
        raise ValueError(f"{block['at']}: unknown label keys {sorted(unknown)}")
    return out


def assign_splits(
    tickets: list[tuple[str, list[dict]]],
    previous: dict[str, str],
    families: dict[str, str] | None = None,
) -> dict:
    """number -> "tune"|"report": kept from `previous`, new tickets balanced greedily.

    New tickets are taken in the order of the SHA-256 of their number; each goes to the half
    that holds fewer labels of its own (rubric, criterion, defect) kinds so far, each kind
    weighted by 1 / its count in the whole set so that rare kinds (a spelling defect) weigh
    more than common ones; ties go by the hash's parity. Deterministic, and stratified by
    criterion and defect. A ticket of a `family` (number -> family: near-copies written from
    one scenario) goes to the half its family already holds, so that tuning on one copy
    never reads another in `report`."""
    families = families or {}
    split = {n: s for n, s in previous.items() if n in dict(tickets)}
    family_side = {families[n]: s for n, s in sorted(split.items()) if n in families}
    counts = {"tune": {}, "report": {}}
    for number, labels in tickets:
        if number in split:
            for lab in labels:
                key = (lab["rubric"], lab["criterion_id"], lab["defect"])
                counts[split[number]][key] = counts[split[number]].get(key, 0) + 1
    total: dict[tuple, int] = {}
    for _, labels in tickets:
        for lab in labels:
            key = (lab["rubric"], lab["criterion_id"], lab["defect"])
            total[key] = total.get(key, 0) + 1
    order = sorted((n for n, _ in tickets if n not in split),
                   key=lambda n: hashlib.sha256(n.encode()).hexdigest())  # fmt: skip
    by_number = dict(tickets)
    for number in order:
        keys = [(lab["rubric"], lab["criterion_id"], lab["defect"]) for lab in by_number[number]]
        score = {s: sum(counts[s].get(k, 0) / total[k] for k in keys) for s in counts}
        if families.get(number) in family_side:
            side = family_side[families[number]]
        elif abs(score["tune"] - score["report"]) < 1e-9:
            side = "tune" if int(hashlib.sha256(number.encode()).hexdigest(), 16) % 2 else "report"
        else:
            side = min(score, key=score.get)
        split[number] = side
        if number in families:
            family_side.setdefault(families[number], side)
        for k in keys:
            counts[side][k] = counts[side].get(k, 0) + 1
    return split


def build(source_dir: Path = HERE / "source", out_dir: Path = HERE) -> tuple[int, int]:
    """Parse every source file, write tickets.json and labels.jsonl; returns their counts."""
    options = load_options()
    blocks = []
    for path in sorted(source_dir.glob("*.txt")):
        blocks.extend(parse_blocks(path.read_text(encoding="utf-8"), path.name))
    seen = {}
    for b in blocks:
        if b["number"] in seen:
            raise ValueError(f"{b['at']}: {b['number']} already defined at {seen[b['number']]}")
        seen[b["number"]] = b["at"]
        for key in ("origin", "convention", "sd", "opened", "state"):
            if key not in b["fields"]:
                raise ValueError(f"{b['at']}: {b['number']} has no {key!r}")
        if _text(b["fields"]["convention"]) not in ("4part", "free"):
            raise ValueError(f"{b['at']}: convention must be 4part or free")
    records = [build_record(b) for b in blocks]
    labelled = [(b["number"], build_labels(b, options)) for b in blocks]
    previous = {}
    labels_path = out_dir / "labels.jsonl"
    if labels_path.exists():
        for line in labels_path.read_text().splitlines():
            row = json.loads(line)
            previous[row["number"]] = row["split"]
    families = {
        b["number"]: _text(b["fields"]["family"]) for b in blocks if "family" in b["fields"]
    }
    split = assign_splits(labelled, previous, families)
    meta = {b["number"]: b for b in blocks}
    rows = []
    for number, labels in labelled:
        b = meta[number]
        for lab in labels:
            lab["split"] = split[number]
            lab["sd_convention"] = _text(b["fields"]["convention"]) == "4part"
            lab["origin"] = _text(b["fields"]["origin"])
            rows.append(lab)
    (out_dir / "tickets.json").write_text(
        json.dumps({"records": records}, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    labels_path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )
    return len(records), len(rows)


if __name__ == "__main__":
    try:
        n_tickets, n_labels = build()
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(2)
    print(f"{n_tickets} tickets, {n_labels} labels")
