"""The dataset profile (tqrs.profile) as plain text, for `tqrs profile`."""

from tqrs.display import one_line, plural
from tqrs.fields import RUBRIC_FIELDS
from tqrs.profile import NEAR_DUPLICATE_THRESHOLD, DatasetProfile


def profile_text(p: DatasetProfile) -> str:
    """The profile as plain text for the terminal."""
    out = [f"Session {p.session_id}: {p.session_name} ({p.tickets:,} tickets)", ""]
    out.append("Field completeness (filled; blank: in the export but empty; absent: not in it)")
    shares = sorted(p.completeness.items(), key=lambda kv: -kv[1])
    empty = {f: e for f, e in p.presence.items() if f in p.completeness and (e.blank or e.absent)}
    name_w = _width(f for f, _ in shares)
    blank_w = _width(f"{e.blank:,}" for e in empty.values())
    absent_w = _width(f"{e.absent:,}" for e in empty.values())
    for field, share in shares:
        mark = "*" if field in RUBRIC_FIELDS else " "
        line = f"  {field:<{name_w}} {share * 100:6.1f}%  {_bar(share)}{mark}"
        presence = empty.get(field)
        if presence:
            line += f"  blank {presence.blank:>{blank_w},}, absent {presence.absent:>{absent_w},}"
            if presence.absent_from:
                line += f" (not in {_names(presence.absent_from)})"
        out.append(line)
    out.append("  (* read by the default rubrics)")
    if p.not_in_export:
        out += ["", "Criteria not in export (their fields are not in the export: not judged)"]
        rows = [
            (f"{rubric_id} / {cid}", f"{n:,}")
            for rubric_id, counts in p.not_in_export.items()
            for cid, n in counts.items()
        ]
        name_w, n_w = _width(r[0] for r in rows), _width(r[1] for r in rows)
        out += [f"  {name:<{name_w}} {n:>{n_w}} tickets" for name, n in rows]
    for field, values in p.distributions.items():
        out += ["", f"{field} ({p.distinct[field]} distinct)"]
        for value, n in values:
            out.append(
                f"  {one_line(value) or '(empty)':<40.40} {n:>7,}  {n / p.tickets * 100:5.1f}%"
            )
    out += ["", "Dates"]
    for name, (lo, hi) in p.date_ranges.items():
        out.append(f"  {name:<9} {_day(lo)} .. {_day(hi)}")
    out += ["", "Text lengths (characters)"]
    for name, s in p.lengths.items():
        out.append(
            f"  {name:<12} min {s['min']}  median {s['median']}  mean {s['mean']}  "
            f"p90 {s['p90']}  max {s['max']}  empty {s['empty']:,}"
        )
    out += ["", f"Duplicate ticket numbers: {p.duplicate_numbers:,}"]
    for number, n in p.duplicate_examples[:10]:
        out.append(f"  {number} x{n}")
    if p.near_duplicates is None:
        out += ["", f"Near-duplicate tickets: {p.near_duplicates_note}"]
    else:
        out += [
            "",
            f"Near-duplicate tickets (text {NEAR_DUPLICATE_THRESHOLD:.0%} similar or "
            f"more): {plural(p.near_duplicates, 'pair')}, "
            f"{plural(p.near_duplicate_tickets, 'ticket')}",
        ]
        out += [f"  {a} ~ {b}  {score:.3f}" for a, b, score in p.near_duplicate_examples]
    out += ["", f"Tickets missing fields the rubrics need: {p.missing_rubric_fields:,}"]
    missing = [(field, f"{n:,}") for field, n in p.missing_by_field.items() if n]
    name_w, n_w = _width(r[0] for r in missing), _width(r[1] for r in missing)
    out += [f"  {field:<{name_w}} {n:>{n_w}} missing" for field, n in missing]
    if p.missing_examples:
        out.append(
            "  e.g. " + "; ".join(f"{n}: {', '.join(fs)}" for n, fs in p.missing_examples[:5])
        )
    return "\n".join(out)


def _width(cells, least: int = 1) -> int:
    """A column as wide as its widest cell: a long field name or a big count never pushes
    its row out of line."""
    return max((len(c) for c in cells), default=least)


def _names(files: list[str], shown: int = 3) -> str:
    more = f" and {len(files) - shown} more" if len(files) > shown else ""
    return ", ".join(files[:shown]) + more


def _bar(share: float, width: int = 20) -> str:
    n = round(share * width)
    return "#" * n + "." * (width - n)


def _day(value) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else "-"
