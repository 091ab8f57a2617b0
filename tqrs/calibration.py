"""How far the judge agrees with the analysts, per criterion and overall.

Only tickets an analyst marked reviewed count. On such a ticket a criterion without an
override counts as agreement (the analyst looked and let the judge's option stand); with an
override, the human's option is the latest override. Overrides on tickets not marked reviewed
are left out (the analyst may have looked at one criterion only) and counted separately, as
are criteria the judge could not grade (no judge option to compare).

Figures: exact agreement (share of identical option labels); Cohen's kappa over the option
labels of each criterion, kappa = (po - pe) / (1 - pe) with pe from each rater's label
frequencies, undefined (None, with the reason) when there is no pair or when both raters used
one and the same label only (pe = 1); the mean absolute difference in points (deductions
count as negative points). Overall: agreement and point difference pooled over all pairs,
kappa as the mean of the criteria's defined kappas, and the pass/fail verdict's agreement
and kappa per reviewed ticket."""

from collections import Counter
from collections.abc import Hashable, Iterable

from pydantic import BaseModel

from tqrs.review import run_rubric
from tqrs.store import Store
from tqrs.store import overrides as q

EXAMPLES = 3


class Kappa(BaseModel):
    value: float | None
    note: str = ""  # why value is None


class Disagreement(BaseModel):
    ticket_id: int
    number: str
    judge_option: str
    human_option: str
    note: str


class CriterionAgreement(BaseModel):
    criterion_id: str
    title: str
    pairs: int
    agreed: int
    agreement: float | None
    kappa: Kappa
    mean_abs_points: float | None
    unscored: int  # reviewed tickets where the judge gave no option
    examples: list[Disagreement]


class Calibration(BaseModel):
    run_id: int
    reviewed_tickets: int
    excluded_override_tickets: int  # overrides on tickets not marked reviewed
    pairs: int
    agreement: float | None
    kappa: Kappa  # mean of the criteria's defined kappas
    mean_abs_points: float | None
    verdict_agreement: float | None
    verdict_kappa: Kappa
    criteria: list[CriterionAgreement]

    def most_disagreed(self, n: int = 5) -> list[CriterionAgreement]:
        """Criteria with at least one disagreement, lowest agreement first."""
        rated = [c for c in self.criteria if c.agreement is not None and c.agreed < c.pairs]
        return sorted(rated, key=lambda c: (c.agreement, -c.pairs))[:n]


def cohen_kappa(pairs: Iterable[tuple[Hashable, Hashable]]) -> Kappa:
    """Cohen's kappa of two raters' labels; None with a reason in the degenerate cases."""
    pairs = list(pairs)
    n = len(pairs)
    if not n:
        return Kappa(value=None, note="not measured: no reviewed ticket yet")
    po = sum(a == b for a, b in pairs) / n
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    pe = sum(first[k] * second[k] for k in first) / (n * n)
    if pe >= 1.0:
        return Kappa(
            value=None,
            note="not measurable: one score throughout, from judge and analysts alike (100% agreement)",
        )
    return Kappa(value=(po - pe) / (1 - pe))


def calibrate(store: Store, run_id: int) -> Calibration:
    """The judge-versus-analyst agreement of a run."""
    rubric = run_rubric(store, run_id)
    rows = q.criterion_pairs(store, run_id)
    by_criterion: dict[str, list[dict]] = {c.id: [] for c in rubric.criteria}
    unscored: Counter = Counter()
    reviewed, excluded = set(), set()
    for r in rows:
        if not r["reviewed"]:
            if r["human_option"] is not None:
                excluded.add(r["ticket_id"])
            continue
        reviewed.add(r["ticket_id"])
        if r["judge_status"] != "scored" or r["judge_option"] is None:
            unscored[r["criterion_id"]] += 1
            continue
        by_criterion.setdefault(r["criterion_id"], []).append(r)
    criteria = [
        _criterion(c.id, c.title, by_criterion.get(c.id, []), unscored[c.id])
        for c in rubric.criteria
    ]
    pooled = [r for c in rubric.criteria for r in by_criterion.get(c.id, [])]
    kappas = [c.kappa.value for c in criteria if c.kappa.value is not None]
    verdicts = q.verdict_pairs(store, run_id)
    return Calibration(
        run_id=run_id,
        reviewed_tickets=len(reviewed),
        excluded_override_tickets=len(excluded),
        pairs=len(pooled),
        agreement=_agreement(pooled),
        mean_abs_points=_mad(pooled),
        kappa=Kappa(value=sum(kappas) / len(kappas))
        if kappas
        else Kappa(value=None, note="not measurable on any criterion yet"),
        verdict_agreement=(sum(a == b for a, b in verdicts) / len(verdicts) if verdicts else None),
        verdict_kappa=cohen_kappa(verdicts),
        criteria=criteria,
    )


def _human(r: dict) -> tuple[str, int]:
    if r["human_option"] is None:
        return r["judge_option"], r["judge_points"]
    return r["human_option"], r["human_points"]


def _agreement(rows: list[dict]) -> float | None:
    return sum(r["judge_option"] == _human(r)[0] for r in rows) / len(rows) if rows else None


def _mad(rows: list[dict]) -> float | None:
    return sum(abs(r["judge_points"] - _human(r)[1]) for r in rows) / len(rows) if rows else None


def _criterion(cid: str, title: str, rows: list[dict], unscored: int) -> CriterionAgreement:
    agreed = sum(r["judge_option"] == _human(r)[0] for r in rows)
    examples = [
        Disagreement(
            ticket_id=r["ticket_id"],
            number=r["number"],
            judge_option=r["judge_option"],
            human_option=_human(r)[0],
            note=r["note"] or "",
        )
        for r in rows
        if r["judge_option"] != _human(r)[0]
    ][:EXAMPLES]
    return CriterionAgreement(
        criterion_id=cid,
        title=title,
        pairs=len(rows),
        agreed=agreed,
        agreement=_agreement(rows),
        mean_abs_points=_mad(rows),
        kappa=cohen_kappa((r["judge_option"], _human(r)[0]) for r in rows),
        unscored=unscored,
        examples=examples,
    )
