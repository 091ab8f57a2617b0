"""Write the bundled sample set: data/samples/incidents.json (a ServiceNow raw-value export,
{"records": [...]}), incidents.csv (a list export of the first 50, with column labels) and
defects.json (the defects planted in each ticket, with the rubric criterion each must trigger).

Deterministic: the same seed writes the same bytes. Every name is fictional.

    python scripts/make_samples.py [--count 200] [--seed 7] [--out data/samples]
"""

import argparse
import csv
import hashlib
import json
import random
import re
import sys
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sample_defects import DEFECT_CHECKS, choose_defects, misspell  # noqa: E402
from sample_scenarios import (  # noqa: E402
    ANALYSTS,
    COMPANIES,
    FIRST_NAMES,
    FOREIGN,
    LAST_NAMES,
    LOCATIONS,
    SCENARIOS,
    VALIDATION,
)

CLEAN_SHARE = 0.25
CHANNELS = (
    ("phone", 50),
    ("email", 14),
    ("chat", 14),
    ("walk-in", 8),
    ("self-service", 12),
    ("virtual_agent", 2),
)
STATES = (("7", 70), ("6", 15), ("2", 10), ("3", 5))  # Closed, Resolved, In Progress, On Hold
CLOSE_CODES = ("Solved (Permanently)", "Solved (Work Around)", "Solved Remotely (Permanently)")
START = datetime(2025, 3, 3, 8, 0, 0)
CSV_ROWS = 50


def _pick(rng: random.Random, weighted):
    return rng.choices([v for v, _ in weighted], [w for _, w in weighted])[0]


def _journal(entries: list[tuple[datetime, str, str]], kind: str) -> str:
    """Entries (time, author, text) as ServiceNow prints a journal: newest first."""
    return "\n\n".join(
        f"{t:%Y-%m-%d %H:%M:%S} - {who} ({kind})\n{text}"
        for t, who, text in sorted(entries, reverse=True)
    )


def _steps_text(rng: random.Random, steps) -> str:
    style = rng.choice(("numbered", "bullets", "sentences"))
    if style == "numbered":
        return "\n".join(f"{i}. {a} -> {o}" for i, (a, o) in enumerate(steps, 1))
    if style == "bullets":
        return "\n".join(f"- {a}: {o}." for a, o in steps)
    return " ".join(f"{a}; {o}." for a, o in steps)


def build_ticket(i: int, rng: random.Random, special: str | None = None):
    """One raw incident record and the defects planted in it."""
    sc = rng.choice([s for s in SCENARIOS if not special or s.key == "printer"])
    channel = _pick(rng, CHANNELS)
    if sc.critical == "password_reset" and channel == "self-service":
        channel = "phone"
    state = _pick(rng, STATES)
    resolved = state in ("6", "7")
    if special:
        defects = {"empty": ["empty_text", "no_caller_validation", "no_work_notes"]}.get(
            special, []
        )
        state, resolved = ("1", False) if special == "empty" else (state, resolved)
        channel = "phone" if special == "empty" else channel
    else:
        defects = [] if rng.random() < CLEAN_SHARE else choose_defects(rng, sc, channel, resolved)
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    company, location = rng.choice(COMPANIES), rng.choice(LOCATIONS)
    analyst = rng.choice(ANALYSTS)
    opened = START + timedelta(minutes=rng.randrange(0, 60 * 24 * 90))
    number = f"INC{10000 + i:07d}"

    brief, description = sc.brief, sc.description.format(first=first)
    if special == "foreign":
        brief, description = rng.choice(FOREIGN)
    app = sc.application
    short = f"{company} - {location} - {app} - {brief}"
    if "sd_not_4_part" in defects:
        short = rng.choice((brief, f"{company} - {brief}", f"{app}: {brief}"))
    elif "sd_vague_brief" in defects:
        short = f"{company} - {location} - {app} - " + rng.choice(
            ("not working", "issue", "help needed", "urgent problem", "error")
        )
    elif "sd_too_long" in defects:
        short = (
            f"{company} - {location} - {app} - {brief} and the user needs it fixed "
            "urgently before the afternoon meeting"
        )

    validation = rng.choice(VALIDATION.get(channel, ("",))).format(emp=rng.randrange(10000, 99999))
    if "no_caller_validation" in defects or "password_reset_without_validation" in defects:
        validation = rng.choice(
            (
                "",
                "",
                "Caller could not be validated, proceeded anyway.",
                "User validated through SSO." if channel == "phone" else "",
            )
        )
    if channel == "self-service":
        validation = ""
    if "poor_description" in defects:
        description = rng.choice(("", "Not working, please help.", "See short description.", brief))
    if "misspellings_description" in defects:
        description = misspell(rng, description)
    notes_ok = not {"no_work_notes", "placeholder_work_notes"} & set(defects)
    if validation and not notes_ok:
        description = f"{validation} {description}".strip()

    # work notes: validation first, then the steps, critical steps, confirmation last
    t = opened + timedelta(minutes=5)
    notes: list[tuple[datetime, str, str]] = []
    comments: list[tuple[datetime, str, str]] = []
    if notes_ok:
        if validation:
            notes.append((t, analyst, validation))
        if "no_troubleshooting" in defects:
            notes.append(
                (
                    t + timedelta(minutes=20),
                    analyst,
                    "Spoke with the user about the problem and agreed the next actions.",
                )
            )
        else:
            steps = _steps_text(rng, sc.steps)
            if "misspellings_notes" in defects:
                steps = misspell(rng, steps)
            notes.append((t + timedelta(minutes=20), analyst, steps))
        kept = list(sc.critical_steps)
        if "critical_process_not_followed" in defects:
            kept.remove(rng.choice(kept))
        for k, step in enumerate(kept):
            notes.append((t + timedelta(minutes=30 + k), analyst, step))
        if "password_in_notes" in defects:
            notes.append(
                (
                    t + timedelta(minutes=40),
                    analyst,
                    f"Temporary password is Spring{rng.randrange(10, 99)}! given to the user.",
                )
            )
    elif "placeholder_work_notes" in defects:
        notes += [(t, analyst, "Working on it."), (t + timedelta(minutes=30), analyst, "Updated.")]
    confirmation = sc.confirmation if resolved else ""
    if "no_user_confirmation" in defects:
        confirmation = rng.choice(("", "", "User has not confirmed yet, resolving anyway."))
    if confirmation:
        (notes if notes_ok else comments).append((t + timedelta(minutes=50), analyst, confirmation))
    if special == "empty":
        short = description = ""
        notes, comments = [], []

    close_notes = sc.resolution if resolved else ""
    if "no_resolution_notes" in defects:
        close_notes = ""
    elif "resolution_copies_short_description" in defects:
        close_notes = brief
    elif "vague_resolution" in defects:
        close_notes = rng.choice(
            (
                "Fixed.",
                "Issue resolved.",
                "Done, closing ticket.",
                "Resolved.",
                "Applied the standard fix and it is sorted now.",
            )
        )
    close_code = rng.choice(CLOSE_CODES) if resolved else ""
    if "missing_close_code" in defects:
        close_code = ""

    resolved_at = opened + timedelta(hours=rng.randrange(1, 30)) if resolved else None
    closed_at = resolved_at + timedelta(days=3) if state == "7" else None
    updated = closed_at or resolved_at or opened + timedelta(hours=2)
    priority = {"major_incident": "1", "vip": "2"}.get(sc.critical or "", rng.choice("334"))
    ts = "%Y-%m-%d %H:%M:%S"
    record = {
        "number": number,
        "sys_id": hashlib.md5(number.encode()).hexdigest(),
        "short_description": short,
        "description": description,
        "caller_id": f"{first} {last}",
        "opened_by": analyst,
        "company": company,
        "location": location,
        "contact_type": channel,
        "state": state,
        "incident_state": state,
        "priority": priority,
        "impact": {"1": "1", "2": "2"}.get(priority, "3"),
        "urgency": {"1": "1", "2": "1"}.get(priority, "2"),
        "severity": "3",
        "category": "" if "missing_category" in defects else sc.category.lower(),
        "subcategory": "" if "missing_subcategory" in defects else sc.subcategory.lower(),
        "business_service": "" if "missing_service" in defects else sc.service,
        "service_offering": "" if "missing_service" in defects else f"{sc.service} - Standard",
        "cmdb_ci": "" if "missing_ci" in defects else sc.ci,
        "assignment_group": sc.group,
        "assigned_to": analyst,
        "opened_at": opened.strftime(ts),
        "resolved_at": resolved_at.strftime(ts) if resolved_at else "",
        "resolved_by": analyst if resolved_at else "",
        "closed_at": closed_at.strftime(ts) if closed_at else "",
        "closed_by": analyst if closed_at else "",
        "sys_created_on": opened.strftime(ts),
        "sys_created_by": re.sub(r"\W+", ".", analyst.lower()),
        "sys_updated_on": updated.strftime(ts),
        "sys_updated_by": re.sub(r"\W+", ".", analyst.lower()),
        "sys_mod_count": str(len(notes) + len(comments) + 2),
        "sys_class_name": "incident",
        "sys_domain": "global",
        "close_code": close_code,
        "close_notes": close_notes,
        "work_notes": _journal(notes, "Work notes"),
        "comments": _journal(comments, "Additional comments"),
        "reassignment_count": str(rng.choice((0, 0, 0, 1, 2))),
        "reopen_count": "0",
        "active": "false" if state in ("6", "7") else "true",
        "escalation": "0",
        "made_sla": rng.choice(("true", "true", "false")),
        "knowledge": "false",
        "hold_reason": "1" if state == "3" else "",
        "problem_id": "",
        "parent_incident": "",
        "caused_by": "",
        "notify": "1",
        "approval": "not requested",
        "calendar_duration": "",
        "business_duration": "",
        "u_vip": "true" if sc.critical == "vip" else "false",
    }
    return record, defects


def generate(count: int = 200, seed: int = 7):
    """(records, {number: [defect ids]}); foreign and empty-text tickets at fixed places."""
    rng = random.Random(seed)
    specials = {17: "foreign", 88: "foreign", 143: "foreign", 51: "empty", 177: "empty"}
    records, planted = [], {}
    for i in range(1, count + 1):
        record, defects = build_ticket(i, rng, specials.get(i) if count <= 1000 else None)
        records.append(record)
        planted[record["number"]] = defects
    return records, planted


CSV_COLUMNS = (
    ("Number", "number"),
    ("Opened", "opened_at"),
    ("Short description", "short_description"),
    ("Description", "description"),
    ("Caller", "caller_id"),
    ("Contact type", "contact_type"),
    ("State", "state"),
    ("Priority", "priority"),
    ("Category", "category"),
    ("Subcategory", "subcategory"),
    ("Service", "business_service"),
    ("Configuration item", "cmdb_ci"),
    ("Assignment group", "assignment_group"),
    ("Assigned to", "assigned_to"),
    ("Resolved", "resolved_at"),
    ("Closed", "closed_at"),
    ("Resolution code", "close_code"),
    ("Resolution notes", "close_notes"),
    ("Work notes", "work_notes"),
    ("Additional comments", "comments"),
    ("Updated", "sys_updated_on"),
)
_STATE_LABELS = {"1": "New", "2": "In Progress", "3": "On Hold", "6": "Resolved", "7": "Closed"}
_PRIORITY_LABELS = {"1": "1 - Critical", "2": "2 - High", "3": "3 - Moderate", "4": "4 - Low"}
_CHANNEL_LABELS = {
    "phone": "Phone",
    "email": "Email",
    "chat": "Chat",
    "walk-in": "Walk-in",
    "self-service": "Self-service",
    "virtual_agent": "Virtual Agent",
}


def write_exports(folder: Path, count: int, seed: int = 11, per_file: int = 1000) -> list[Path]:
    """`count` generated tickets as JSON exports of `per_file` records each (the benchmarks'
    input: the JSON reader's line counting is quadratic within one file); their paths."""
    records, _ = generate(count, seed=seed)
    paths = []
    for start in range(0, len(records), per_file):
        paths.append(Path(folder) / f"bench{start // per_file:04d}.json")
        paths[-1].write_text(json.dumps({"records": records[start : start + per_file]}))
    return paths


def _display(field: str, value: str) -> str:
    labels = {
        "state": _STATE_LABELS,
        "priority": _PRIORITY_LABELS,
        "contact_type": _CHANNEL_LABELS,
    }.get(field)
    return labels.get(value, value) if labels else value


def write_samples(out: Path, count: int, seed: int) -> None:
    records, planted = generate(count, seed)
    out.mkdir(parents=True, exist_ok=True)
    (out / "incidents.json").write_text(
        json.dumps({"records": records}, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    with (out / "incidents.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow([label for label, _ in CSV_COLUMNS])
        for r in records[:CSV_ROWS]:
            writer.writerow([_display(key, r[key]) for _, key in CSV_COLUMNS])
    defects = {
        "generator": f"scripts/make_samples.py --count {count} --seed {seed}",
        "note": "Each planted defect lists the rubric criteria it must make lose points "
        "(rubric id, criterion id). Tickets with [] are clean. INC0010017, "
        "INC0010088, INC0010143 have non-English descriptions.",
        "checks": {d: [list(c) for c in checks] for d, checks in DEFECT_CHECKS.items()},
        "tickets": planted,
    }
    (out / "defects.json").write_text(json.dumps(defects, indent=1) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--out", type=Path, default=Path(__file__).resolve().parent.parent / "data" / "samples"
    )
    args = parser.parse_args()
    write_samples(args.out, args.count, args.seed)
    print(f"wrote {args.count} incidents to {args.out}")


if __name__ == "__main__":
    main()
