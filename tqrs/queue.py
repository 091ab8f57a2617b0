"""The review queue and the calibration sample: which unreviewed tickets an analyst should
look at next.

Queue risk (higher first), from signals stored with the run:
- auto-fail: +100 (a FAIL option decides the ticket whatever its points);
- just below the pass line (within NEAR percentage points, auto-fails aside): +60, less 3
  per point of gap;
- each criterion the judge could not grade: +40;
- each criterion whose quoted evidence is not in the ticket (evidence not found, also when
  asked again): +40;
- each rule criterion that costs points on the offline heuristics' reading, because its rule
  could not tell from the text (no key, so no LLM read it): +40 (on fresh wording the
  heuristics' reading of what a rule left open is wrong about as often as right: README,
  "Detection quality");
- gap to similar tickets' mean score of GAP points or more (when the session's tickets are
  embedded, see tqrs.neighbours): + the gap.

Calibration sample: tickets the judge is least sure of, tickets nearest the pass line on
either side, and a seeded random control set (so that agreement is not measured on hard
cases only). The offline judge reports no confidence, so "least sure" is derived:
unscored criteria, criteria with evidence not found and rule criteria lost on the heuristics'
reading of what the rule left open (1 each), judge-graded criteria at a partial option (0.5
each: the heuristics sat between their thresholds) and, when vectors exist, the gap to similar
tickets (1 per 25 points)."""

import random

from pydantic import BaseModel

from tqrs.display import plural
from tqrs.neighbours import neighbour_gaps
from tqrs.results import FAIL
from tqrs.review import run_rubric
from tqrs.store import Store
from tqrs.store import results as q
from tqrs.store.runs import get_run

NEAR = 10.0
GAP = 25.0


class QueueItem(BaseModel):
    ticket_id: int
    number: str
    percent: float | None
    band: str
    agent: str
    group: str
    short_description: str | None = ""
    risk: float
    reasons: list[str]


def _signals(store: Store, run_id: int) -> tuple[list[dict], dict[int, float], float]:
    rubric = run_rubric(store, run_id)
    rows = q.ticket_signals(store, run_id, [c.id for c in rubric.rule_criteria])
    gaps = neighbour_gaps(
        store, get_run(store, run_id).session_id, {r["ticket_id"]: r["percent"] for r in rows}
    )
    return rows, gaps, rubric.pass_percent


def _item(r: dict, risk: float, reasons: list[str]) -> QueueItem:
    return QueueItem(
        ticket_id=r["ticket_id"],
        number=r["number"],
        percent=r["percent"],
        band=r["band"],
        agent=r["agent"],
        group=r["grp"],
        short_description=r["short_description"],
        risk=round(risk, 2),
        reasons=reasons,
    )


def review_queue(store: Store, run_id: int, limit: int | None = 50) -> list[QueueItem]:
    """Unreviewed tickets with some risk, riskiest first."""
    rows, gaps, pass_line = _signals(store, run_id)
    items = []
    for r in rows:
        if r["reviewed"]:
            continue
        risk, reasons = 0.0, []
        if r["auto_fail"]:
            risk += 100
            reasons.append("auto-fail")
        below = pass_line - r["percent"] if r["percent"] is not None else None
        # a ticket judged on too little has no pass line to be near (tqrs.scoring.verdict_of)
        if r["verdict"] == FAIL and not r["auto_fail"] and below is not None and 0 < below <= NEAR:
            risk += 60 - 3 * below
            reasons.append(f"{below:.1f} points below the pass line")
        if r["unscored"]:
            risk += 40 * r["unscored"]
            reasons.append(f"{_criteria(r['unscored'])} not graded")
        if r["evidence_not_found"]:
            risk += 40 * r["evidence_not_found"]
            reasons.append(f"{_criteria(r['evidence_not_found'])} with evidence not found")
        if r["open_offline"]:
            risk += 40 * len(r["open_offline"])
            reasons.append(_open_offline_reason(r["open_offline"]))
        gap = gaps.get(r["ticket_id"], 0.0)
        if gap >= GAP:
            risk += gap
            reasons.append(f"{gap:.0f} points from similar tickets")
        if risk:
            items.append(_item(r, risk, reasons))
    items.sort(key=lambda i: (-i.risk, i.percent if i.percent is not None else 0, i.number))
    return items[:limit] if limit is not None else items


def calibration_sample(
    store: Store,
    run_id: int,
    least_sure: int = 10,
    near_pass: int = 10,
    control: int = 10,
    seed: int = 0,
) -> dict[str, list[QueueItem]]:
    """Unreviewed tickets to review by hand, in three disjoint sets."""
    rows, gaps, pass_line = _signals(store, run_id)
    pool = [r for r in rows if not r["reviewed"]]
    taken: set[int] = set()

    def doubt(r: dict) -> float:
        return (
            r["unscored"]
            + r["evidence_not_found"]
            + len(r["open_offline"])
            + 0.5 * r["partial"]
            + gaps.get(r["ticket_id"], 0.0) / 25
        )

    unsure = sorted((r for r in pool if doubt(r) > 0), key=lambda r: (-doubt(r), r["number"]))
    out = {"least_sure": [_item(r, doubt(r), _doubt_reasons(r, gaps)) for r in unsure[:least_sure]]}
    taken |= {i.ticket_id for i in out["least_sure"]}
    near = sorted(
        (r for r in pool if r["ticket_id"] not in taken and r["percent"] is not None),
        key=lambda r: (abs(r["percent"] - pass_line), r["number"]),
    )[:near_pass]
    out["near_pass"] = [
        _item(
            r,
            abs(r["percent"] - pass_line),
            [f"{r['percent'] - pass_line:+.1f} points from the pass line"],
        )
        for r in near
    ]
    taken |= {r["ticket_id"] for r in near}
    rest = [r for r in pool if r["ticket_id"] not in taken]
    picked = random.Random(seed).sample(rest, min(control, len(rest)))
    out["control"] = [
        _item(r, 0.0, ["random control"]) for r in sorted(picked, key=lambda r: r["number"])
    ]
    return out


def _doubt_reasons(r: dict, gaps: dict[int, float]) -> list[str]:
    reasons = []
    if r["unscored"]:
        reasons.append(f"{_criteria(r['unscored'])} not graded")
    if r["evidence_not_found"]:
        reasons.append(f"{_criteria(r['evidence_not_found'])} with evidence not found")
    if r["open_offline"]:
        reasons.append(_open_offline_reason(r["open_offline"]))
    if r["partial"]:
        reasons.append(f"{_criteria(r['partial'], 'judge ')} at a partial option")
    if gaps.get(r["ticket_id"], 0.0):
        reasons.append(f"{gaps[r['ticket_id']]:.0f} points from similar tickets")
    return reasons


def _open_offline_reason(titles: list[str]) -> str:
    return f"the rule could not tell, lost on the offline reading: {', '.join(titles)}"


def _criteria(n: int, kind: str = "") -> str:
    """ "1 criterion", "2 criteria", "1 judge criterion"."""
    return plural(n, f"{kind}criterion", f"{kind}criteria")
