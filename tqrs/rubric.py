"""Rubrics: the criteria a ticket is scored against, as validated pydantic models.

Built-in rubrics ship as JSON in data/rubrics/; users add their own in `<state dir>/rubrics/`
or pass a path. A broken file raises ConfigError naming the file, the criterion and the field."""

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, PrivateAttr, ValidationError, model_validator

from tqrs import config
from tqrs.errors import ConfigError
from tqrs.fields import FIELDS
from tqrs.outcomes import OPTION_OUTCOMES, STATUS_OUTCOMES, Outcome
from tqrs.rubric_parameters import DEFAULT_PARAMETERS, Parameters

BUILTIN_DIR = config.PROJECT_ROOT / "data" / "rubrics"

OPTION_KINDS = ("points", "deduction", "pass", "na", "fail")


class Option(BaseModel):
    """One way a criterion can be graded."""

    label: str = Field(description='what the rubric shows: "10", "-35", "PASS", "N/A", "FAIL"')
    kind: Literal["points", "deduction", "pass", "na", "fail"]
    points: int = 0
    description: str = Field(min_length=1, description="when to choose it")

    @model_validator(mode="after")
    def _points_match_kind(self):
        if self.kind == "points" and self.points < 0:
            raise ValueError(f"option {self.label!r}: points options cannot be negative")
        if self.kind == "deduction" and self.points >= 0:
            raise ValueError(f"option {self.label!r}: a deduction needs negative points")
        if self.kind in ("pass", "na", "fail") and self.points != 0:
            raise ValueError(f"option {self.label!r}: {self.kind} options carry 0 points")
        return self


@dataclass(frozen=True, slots=True)
class Grade:
    """What choosing one option of a criterion gives: the figures a CriterionResult carries,
    and the outcome the option reads as (Criterion.outcome_of). Computed once per option."""

    label: str
    points: int
    max_points: int
    deduction: int
    applicable: bool
    auto_fail: bool
    outcome: Outcome


class Criterion(BaseModel):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: str = Field(min_length=1)
    guidance: str = Field(min_length=1)
    method: Literal["rule", "llm"]
    rule: str | None = None
    options: list[Option] = Field(min_length=1)
    inputs: list[str | list[str]] = Field(
        default_factory=list,
        description="the ticket fields the criterion reads, each needed; a list in it is "
        'alternatives, one of which is enough (e.g. ["category", ["work_notes", '
        '"comments"]]). A ticket whose export does not carry a needed field gets '
        "'not assessable' for the criterion (Criterion.assessable); none: always assessable",
    )
    outcomes: dict[Outcome, str] = Field(
        default_factory=dict,
        description="outcome -> option label, where the default by option kind does not fit "
        "(see default_outcomes)",
    )
    # Derived once by the validator. Hot paths read them through __pydantic_private__: the
    # attribute route goes through pydantic's __getattr__, a fifth of a run's CPU.
    _grades: dict[str, Grade] = PrivateAttr(default_factory=dict)
    _by_outcome: dict[Outcome, Grade] = PrivateAttr(default_factory=dict)
    _parameters: Parameters | None = PrivateAttr(None)  # set by the rubric holding it

    @property
    def parameters(self) -> Parameters:
        """The conventions of the rubric this criterion belongs to (the rules read them
        here); the defaults for a criterion outside a rubric."""
        return self.__pydantic_private__["_parameters"] or DEFAULT_PARAMETERS

    _needs: tuple[frozenset[str], ...] = PrivateAttr(default=())

    @property
    def max_points(self) -> int:
        return max((o.points for o in self.options if o.kind == "points"), default=0)

    def grade(self, label: str) -> Grade:
        """The figures of the option `label`; KeyError naming the options when there is none."""
        found = self.__pydantic_private__["_grades"].get(label)
        if found is None:
            raise KeyError(
                f"criterion {self.id!r} has no option {label!r} "
                f"(options: {', '.join(o.label for o in self.options)})"
            )
        return found

    def grade_for(self, outcome: Outcome) -> Grade | None:
        """The figures of the option this rubric gives for `outcome` (None: it has none)."""
        return self.__pydantic_private__["_by_outcome"].get(outcome)

    def option(self, label: str) -> Option:
        self.grade(label)
        return next(o for o in self.options if o.label == label)

    def option_for(self, outcome: Outcome) -> Option | None:
        """The option this rubric gives for `outcome` (None: the rubric has none for it)."""
        found = self.grade_for(outcome)
        return None if found is None else self.option(found.label)

    @property
    def needs(self) -> tuple[frozenset[str], ...]:
        """`inputs` as sets: each set is needed, any one field of it enough."""
        return self.__pydantic_private__["_needs"]

    def assessable(
        self, missing: frozenset[str], notes_written: bool = False, notes_confirm: bool = False
    ) -> bool:
        """Whether a ticket whose export does not carry the fields `missing` (absent from its
        file, or blank in the whole file: tqrs.profile.unassessable_fields) can be judged on
        this criterion: each of its inputs has at least one field not missing. A criterion
        that reads the close notes themselves (an input of close_notes alone) finds in them,
        written (`notes_written`), that the ticket was closed: its input of CLOSURE_FIELDS
        is met by them where the export carries none (a list of close notes alone). A
        criterion that reads the journal at closure (the user's confirmation) is judged on
        close notes that show a confirmation (`notes_confirm`) where the export carries no
        journal (lacking)."""
        return not lacking(
            self.__pydantic_private__["_needs"], missing, notes_written, notes_confirm
        )

    def outcome_of(self, label: str) -> Outcome:
        """What choosing the option `label` says, by its kind and points: the full points (or
        PASS) is met, none is not met, between is partly met; a deduction is not met. Used to
        re-derive a criterion from another's effective option (an analyst's override)."""
        return self.grade(label).outcome

    @model_validator(mode="after")
    def _consistent(self):
        if self.method == "rule" and not self.rule:
            raise ValueError("rule: required when method is 'rule'")
        labels = [o.label for o in self.options]
        dupes = sorted({x for x in labels if labels.count(x) > 1})
        if dupes:
            raise ValueError(f"options: duplicate labels {', '.join(dupes)}")
        top = self.max_points
        grades = {o.label: _grade(o, top) for o in self.options}
        for outcome, label in self.outcomes.items():
            if outcome in STATUS_OUTCOMES:
                raise ValueError(
                    f"outcomes: {outcome.value!r} is a status of its own, not mapped to an option"
                )
            if label not in grades:
                raise ValueError(
                    f"outcomes: {outcome.value!r} maps to {label!r}, which is not an option "
                    f"(options: {', '.join(labels)})"
                )
        self._needs = tuple(_input_group(i, n) for n, i in enumerate(self.inputs))
        self._grades = grades
        self._by_outcome = {
            o: grades[opt.label] for o, opt in default_outcomes(self.options).items()
        }
        self._by_outcome |= {outcome: grades[label] for outcome, label in self.outcomes.items()}
        if self.method == "rule":
            self._check_rule()
        return self

    def _check_rule(self) -> None:
        """The rule exists and every outcome it can give has an option here."""
        from tqrs.rules import RULES  # the registry imports this module's types

        rule = RULES.get(self.rule)
        if rule is None:
            raise ValueError(
                f"rule: unknown rule {self.rule!r} (known: {', '.join(sorted(RULES))})"
            )
        unmapped = [
            o.value for o in OPTION_OUTCOMES if o in rule.outcomes and self.grade_for(o) is None
        ]
        if unmapped:
            raise ValueError(
                f"outcomes: rule {self.rule!r} can find {', '.join(unmapped)} but no option is "
                f"given for it (options: {', '.join(o.label for o in self.options)}); map it, "
                f'e.g. "outcomes": {{"{unmapped[0]}": "<option label>"}}'
            )


# The fields that say whether a ticket was closed (tqrs.rules.text.is_resolved reads them),
# and the input of a criterion that reads the close notes themselves.
CLOSURE_FIELDS: frozenset[str] = frozenset({"state", "resolved_at", "closed_at"})
CLOSE_NOTES: frozenset[str] = frozenset({"close_notes"})
# The journal: what a criterion reads of the work and of the user's word.
JOURNAL_FIELDS: frozenset[str] = frozenset({"comments", "work_notes"})


def lacking(
    needs: tuple[frozenset[str], ...] | list[frozenset[str]],
    missing: frozenset[str],
    notes_written: bool = False,
    notes_confirm: bool = False,
) -> list[frozenset[str]]:
    """The inputs of `needs` (each a set of alternatives) that a ticket whose export does not
    carry `missing` lacks; the closure input not among them where the criterion reads the
    close notes themselves and the ticket's are written (Criterion.assessable).

    A criterion that reads the journal at closure (an input of the journal, another of the
    closure: the user's confirmation) lacks neither where the export carries no journal and
    the ticket's close notes show a confirmation (`notes_confirm`: a template's confirmation
    line, filled or not, the user's word or a contact attempt; tqrs.assessable.notes_confirm):
    it is judged on them. Close notes that say nothing of it leave it not in export (the
    confirmation may be in the journal the export does not carry)."""
    by_notes = notes_written and CLOSE_NOTES in needs
    confirms = (
        notes_confirm
        and JOURNAL_FIELDS <= missing
        and CLOSURE_FIELDS in needs
        and any(JOURNAL_FIELDS <= g for g in needs)
    )
    return [
        g
        for g in needs
        if g <= missing
        and not (by_notes and g == CLOSURE_FIELDS)
        and not (confirms and (g == CLOSURE_FIELDS or JOURNAL_FIELDS <= g))
    ]


def _input_group(entry: str | list[str], index: int) -> frozenset[str]:
    names = [entry] if isinstance(entry, str) else entry
    if not names:
        raise ValueError(f"inputs[{index}]: an empty list of alternatives")
    unknown = [n for n in names if n not in FIELDS]
    if unknown:
        raise ValueError(
            f"inputs[{index}]: unknown field {unknown[0]!r} (fields: {', '.join(FIELDS)})"
        )
    return frozenset(names)


def default_outcomes(options: list[Option]) -> dict[Outcome, Option]:
    """The outcome -> option mapping a criterion gets unless its `outcomes` say otherwise,
    from the options' kinds and points alone (labels play no part):
    met: the highest points option (above 0), else the PASS option; partly met: the highest
    points option strictly between 0 and the maximum; not met: the 0-points option, else the
    only deduction; not applicable: the N/A option; auto-fail: the FAIL option."""
    by_kind: dict[str, list[Option]] = {}
    for o in options:
        by_kind.setdefault(o.kind, []).append(o)
    points = sorted(by_kind.get("points", []), key=lambda o: -o.points)
    top = points[0].points if points else 0
    found: dict[Outcome, Option | None] = {
        Outcome.MET: points[0] if top > 0 else _only(by_kind.get("pass")),
        Outcome.PARTLY_MET: next((o for o in points if 0 < o.points < top), None),
        Outcome.NOT_MET: next((o for o in points if o.points == 0), None)
        or _only(by_kind.get("deduction")),
        Outcome.NOT_APPLICABLE: _only(by_kind.get("na")),
        Outcome.AUTO_FAIL: _only(by_kind.get("fail")),
    }
    return {outcome: o for outcome, o in found.items() if o is not None}


def _grade(o: Option, top: int) -> Grade:
    if o.kind == "points":
        outcome = (
            Outcome.MET
            if o.points == top
            else Outcome.NOT_MET
            if o.points == 0
            else Outcome.PARTLY_MET
        )
    else:
        outcome = {
            "pass": Outcome.MET,
            "deduction": Outcome.NOT_MET,
            "na": Outcome.NOT_APPLICABLE,
            "fail": Outcome.AUTO_FAIL,
        }[o.kind]
    return Grade(
        label=o.label,
        points=o.points if o.kind == "points" else 0,
        max_points=top if o.kind != "na" else 0,
        deduction=o.points if o.kind == "deduction" else 0,
        applicable=o.kind != "na",
        auto_fail=o.kind == "fail",
        outcome=outcome,
    )


def _only(options: list[Option] | None) -> Option | None:
    return options[0] if options and len(options) == 1 else None


class Band(BaseModel):
    name: str
    min_percent: float = Field(ge=0, le=100)
    label: str


DEFAULT_BANDS = [
    Band(name="BLUE", min_percent=95, label="exceptional"),
    Band(name="GREEN", min_percent=90, label="pass"),
    Band(name="YELLOW", min_percent=75, label="needs improvement"),
    Band(name="RED", min_percent=50, label="below standard"),
    Band(name="PURPLE", min_percent=0, label="critical"),
]


class Rubric(BaseModel):
    id: str = Field(pattern=r"^[a-z][a-z0-9_\-]*$")
    name: str
    version: str
    description: str = ""
    max_points: int = Field(gt=0)
    pass_threshold: float = Field(gt=0, description="points of max_points needed to pass")
    bands: list[Band] = Field(default_factory=lambda: list(DEFAULT_BANDS))
    fail_band: str | None = Field(
        None, description="the band of an auto-failed ticket (default: the lowest band)"
    )
    criteria: list[Criterion] = Field(min_length=1)
    parameters: Parameters = Field(
        default_factory=Parameters,
        description="the organisation's conventions the rules read (tqrs.rubric_parameters)",
    )
    _rule_order: list[Criterion] = PrivateAttr(default_factory=list)
    _used_rules: frozenset[str] = PrivateAttr(default_factory=frozenset)
    _unassessable: dict[tuple[frozenset[str], bool], frozenset[str]] = PrivateAttr(
        default_factory=dict
    )
    _narrowed: dict[frozenset[str], "Rubric"] = PrivateAttr(default_factory=dict)
    _llm_ids: frozenset[str] = PrivateAttr(default_factory=frozenset)

    @model_validator(mode="after")
    def _consistent(self):
        ids = [c.id for c in self.criteria]
        dupes = sorted({x for x in ids if ids.count(x) > 1})
        if dupes:
            raise ValueError(f"criteria: duplicate criterion ids {', '.join(dupes)}")
        total = sum(c.max_points for c in self.criteria)
        if total != self.max_points:
            raise ValueError(
                f"max_points: {self.max_points} but the criteria's maximum points sum to {total}"
            )
        if self.pass_threshold > self.max_points:
            raise ValueError("pass_threshold: higher than max_points")
        if not any(b.min_percent == 0 for b in self.bands):
            raise ValueError("bands: one band must start at 0 percent")
        self.bands = sorted(self.bands, key=lambda b: -b.min_percent)
        names = [b.name for b in self.bands]
        if self.fail_band is not None and self.fail_band not in names:
            raise ValueError(f"fail_band: {self.fail_band!r} is not a band ({', '.join(names)})")
        # each criterion reads this rubric's parameters; a copy, so that a criterion object
        # shared with another rubric keeps that rubric's
        self.criteria = [c.model_copy() for c in self.criteria]
        for c in self.criteria:
            c._parameters = self.parameters
        self._rule_order = _dependencies_first(self.rule_criteria)
        self._llm_ids = frozenset(c.id for c in self.llm_criteria)
        from tqrs.rules import RULES

        self._used_rules = frozenset(u for c in self._rule_order for u in RULES[c.rule].uses)
        return self

    @property
    def pass_percent(self) -> float:
        return self.pass_threshold / self.max_points * 100

    @property
    def min_judged_points(self) -> float:
        """The points a ticket must be judged on for a verdict (tqrs.scoring.verdict_of)."""
        return self.max_points * self.parameters.min_judged_percent / 100

    @property
    def llm_criteria(self) -> list[Criterion]:
        return [c for c in self.criteria if c.method == "llm"]

    @property
    def rule_criteria(self) -> list[Criterion]:
        return [c for c in self.criteria if c.method == "rule"]

    def criterion(self, criterion_id: str) -> Criterion:
        for c in self.criteria:
            if c.id == criterion_id:
                return c
        raise KeyError(f"rubric {self.id!r} has no criterion {criterion_id!r}")

    @property
    def rule_order(self) -> list[Criterion]:
        """The rule criteria, each after the criteria whose rules its rule uses."""
        return self.__pydantic_private__["_rule_order"]

    @property
    def used_rules(self) -> frozenset[str]:
        """Ids of the rules whose outcome another rule of this rubric reads."""
        return self.__pydantic_private__["_used_rules"]

    def not_assessable(
        self, missing: frozenset[str], notes_written: bool = False, notes_confirm: bool = False
    ) -> frozenset[str]:
        """Ids of the criteria a ticket cannot be judged on when its export does not carry the
        fields `missing`, its close notes written or not, showing a confirmation or not
        (Criterion.assessable). The same few sets recur for every ticket of a file, so the
        answer is kept per set."""
        cache = self.__pydantic_private__["_unassessable"]
        key = (missing, notes_written, notes_confirm)
        found = cache.get(key)
        if found is None:
            found = cache[key] = frozenset(
                c.id
                for c in self.criteria
                if not c.assessable(missing, notes_written, notes_confirm)
            )
        return found

    def judged_part(self, left_out: frozenset[str]) -> "Rubric":
        """The rubric a judge is asked about when the criteria `left_out` are settled without
        it (not assessable): the same rubric without those of its llm criteria, under a
        version of its own (the LLM cache and the system message are keyed by id and
        version). Itself when no llm criterion is left out; kept per set."""
        if not left_out:
            return self
        dropped = left_out & self.__pydantic_private__["_llm_ids"]
        if not dropped:
            return self
        cache = self.__pydantic_private__["_narrowed"]
        found = cache.get(dropped)
        if found is None:
            kept = [c for c in self.criteria if c.id not in dropped]
            found = cache[dropped] = self.model_copy(
                update={
                    "criteria": kept,
                    "version": f"{self.version} without {', '.join(sorted(dropped))}",
                }
            )
            found.__pydantic_private__.update(
                _unassessable={}, _narrowed={}, _llm_ids=frozenset(c.id for c in kept)
            )
        return found

    def band_for(self, percent: float) -> Band:
        for band in self.bands:  # sorted highest first
            if percent >= band.min_percent:
                return band
        return self.bands[-1]

    @property
    def failed_band(self) -> Band:
        """The band an auto-failed ticket takes whatever its points: `fail_band`, else the
        lowest band."""
        if self.fail_band is not None:
            return next(b for b in self.bands if b.name == self.fail_band)
        return self.bands[-1]


def _dependencies_first(criteria: list[Criterion]) -> list[Criterion]:
    """Rule criteria ordered so that a rule's `uses` (rule ids) come before it."""
    from tqrs.rules import RULES

    by_rule = {c.rule: c for c in criteria}
    ordered: list[Criterion] = []
    seen: set[str] = set()

    def visit(c: Criterion, path: tuple[str, ...]) -> None:
        if c.id in seen:
            return
        if c.id in path:
            raise ValueError(
                f"criteria: rules depend on each other in a cycle ({' -> '.join(path)})"
            )
        for used in RULES[c.rule].uses:
            if used in by_rule:
                visit(by_rule[used], (*path, c.id))
        seen.add(c.id)
        ordered.append(c)

    for c in criteria:
        visit(c, ())
    return ordered


def user_rubric_dir() -> Path:
    return config.state_dir() / "rubrics"


def parse_rubric(text: str | bytes, source: str) -> Rubric:
    """A rubric from JSON text; `source` names it in error messages."""
    try:
        return Rubric.model_validate_json(text)
    except ValidationError as e:
        raise ConfigError(f"{source}: {_describe(e, text)}") from None


def load_rubric(name_or_path: str | Path) -> Rubric:
    """A rubric by built-in id or file stem, user rubric id or stem, or file path."""
    path = _find(str(name_or_path))
    try:
        text = path.read_bytes()
    except OSError as e:
        raise ConfigError(f"{path}: cannot read the rubric ({e.strerror})") from None
    return parse_rubric(text, _display(path))


def list_rubrics() -> list[Rubric]:
    """Built-in rubrics, then the user's (a user file with a built-in's id replaces it)."""
    found: dict[str, Rubric] = {}
    for path in _rubric_files():
        rubric = parse_rubric(path.read_bytes(), _display(path))
        found[rubric.id] = rubric
    return list(found.values())


def _rubric_files() -> list[Path]:
    files = sorted(BUILTIN_DIR.glob("*.json"))
    user = user_rubric_dir()
    if user.is_dir():
        files += sorted(user.glob("*.json"))
    return files


def _find(ref: str) -> Path:
    path = Path(ref).expanduser()
    if path.suffix == ".json" or "/" in ref or path.is_file():
        if not path.is_file():
            raise ConfigError(f"{ref}: no such rubric file")
        return path
    files = _rubric_files()
    for candidate in reversed(files):  # user files first
        if candidate.stem == ref:
            return candidate
    for candidate in reversed(files):
        try:
            if Rubric.model_validate_json(candidate.read_bytes()).id == ref:
                return candidate
        except ValidationError:
            continue  # a broken file is reported when it is asked for by name
    known = ", ".join(p.stem for p in files) or "none"
    raise ConfigError(f"no rubric {ref!r} (rubrics: {known})")


def _display(path: Path) -> str:
    for root in (config.PROJECT_ROOT, config.state_dir()):
        try:
            return str(path.resolve().relative_to(root))
        except ValueError:
            continue
    return str(path)


def _describe(error: ValidationError, text: str | bytes) -> str:
    """The first problem, as `criterion 'id': options[2].points: message`."""
    import json

    try:
        data = json.loads(text)
    except ValueError:
        data = None
    problems = []
    for err in error.errors():
        loc = list(err["loc"])
        where = ""
        if len(loc) >= 2 and loc[0] == "criteria" and isinstance(loc[1], int):
            cid = _criterion_id(data, loc[1])
            where = f"criterion {cid!r}: " if cid else f"criteria[{loc[1]}]: "
            loc = loc[2:]
        field = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".")
        msg = err["msg"].removeprefix("Value error, ")
        problems.append(f"{where}{field + ': ' if field else ''}{msg}")
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    return problems[0] + more


def _criterion_id(data, index: int) -> str | None:
    try:
        cid = data["criteria"][index]["id"]
    except (KeyError, IndexError, TypeError):
        return None
    return cid if isinstance(cid, str) else None
