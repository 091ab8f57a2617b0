"""A rubric's parameters: the conventions of one organisation that its rules read, kept apart
from the rules so that one rule serves every rubric (and a form can edit them: plain data).

- `short_description`: the parts a short description is written in, and the longest brief
  part. The default is the original rubrics' 4-part `Company/LoB - Location - Application -
  Brief description`; one part (`["summary"]`) asks only for a specific, short summary.
- `critical_processes`: which processes the critical-process rule looks for (ids from
  PROCESS_IDS); `validation_required_for`: those of them that auto-fail without documented
  caller validation (is an account unlock a password reset? list `account_unlock` or not).
- `required_fields`: the ticket fields the field rules require (category and subcategory,
  service and configuration item, the close code of a resolved ticket); a field not listed
  is not asked for.
- `fields_must_fit`: whether a category, subcategory, service or configuration item that is
  set but names a narrow topic the ticket never speaks of (a label printer under Network /
  VPN) costs the field criterion points (partly met). True for the original rubrics, which
  have no criterion of their own for it; false where one judges it (the generic rubric's
  `category_fit`), so that one misfiled ticket is not charged twice.
- `min_judged_percent`: how much of the rubric a ticket must be judged on to get a verdict of
  its own: the points of the criteria judged (applicable, scored) as a percent of the rubric's
  maximum. Below it (default 50: under half the rubric judged) the ticket is "too little to
  judge", neither passed nor failed nor in a band, unless it is auto-failed or has a deduction
  (a defect found is a judgement). 0: only a ticket on which nothing was judged.

A rubric file without a `parameters` block (or without one of its keys) gets these defaults,
which are the original rubrics' conventions, so older files score as before."""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

ProcessId = Literal[
    "password_reset",
    "account_unlock",
    "lost_device",
    "vip",
    "malware",
    "data_privacy",
    "major_incident",
]
PROCESS_IDS: tuple[str, ...] = ProcessId.__args__
RequiredField = Literal["category", "subcategory", "service", "cmdb_ci", "close_code"]
REQUIRED_FIELD_IDS: tuple[str, ...] = RequiredField.__args__

FOUR_PARTS = ["Company/LoB", "Location", "Application", "Brief description"]


class ShortDescriptionFormat(BaseModel):
    """How a short description is written: its parts in order (the last is the brief
    description of the issue), the longest brief part, and an example for coaching."""

    model_config = ConfigDict(extra="forbid")

    parts: list[str] = Field(
        default_factory=lambda: list(FOUR_PARTS),
        min_length=1,
        max_length=6,
        description="part names in order; the last one is the brief description",
    )
    max_brief_chars: int = Field(60, ge=10, le=160, description="longest brief part")
    example: str = Field(
        "ACME Finance - London - Outlook - Cannot open shared mailbox",
        min_length=1,
        description="a short description in this form, shown in coaching",
    )

    @model_validator(mode="after")
    def _named_parts(self):
        if any(not p.strip() for p in self.parts):
            raise ValueError("parts: a part name is empty")
        if len(set(self.parts)) != len(self.parts):
            raise ValueError("parts: duplicate part names")
        return self


class Parameters(BaseModel):
    """The conventions a rubric's rules read (see the module docstring)."""

    model_config = ConfigDict(extra="forbid")

    short_description: ShortDescriptionFormat = Field(default_factory=ShortDescriptionFormat)
    critical_processes: list[ProcessId] = Field(
        default_factory=lambda: list(PROCESS_IDS),
        description="the processes the critical-process rule looks for",
    )
    validation_required_for: list[ProcessId] = Field(
        default_factory=lambda: ["password_reset", "account_unlock"],
        description="processes that auto-fail without documented caller validation",
    )
    required_fields: list[RequiredField] = Field(
        default_factory=lambda: list(REQUIRED_FIELD_IDS),
        description="ticket fields the field rules require",
    )
    fields_must_fit: bool = Field(
        True,
        description="a set field naming a topic the ticket never speaks of is partly met",
    )

    min_judged_percent: float = Field(
        50,
        ge=0,
        le=100,
        description="percent of the rubric's maximum points a ticket must be judged on to get "
        "a pass or fail verdict (below: too little to judge)",
    )

    @model_validator(mode="after")
    def _consistent(self):
        for name in ("critical_processes", "validation_required_for", "required_fields"):
            values = getattr(self, name)
            if len(set(values)) != len(values):
                raise ValueError(f"{name}: listed twice: {_twice(values)}")
        stray = [p for p in self.validation_required_for if p not in self.critical_processes]
        if stray:
            raise ValueError(
                f"validation_required_for: {', '.join(stray)} not in critical_processes"
            )
        return self

    def requires(self, field: str) -> bool:
        return field in self.required_fields

    def describe(self) -> list[str]:
        """One line per parameter, as `tqrs rubrics` prints them."""
        sd = self.short_description
        form = " - ".join(sd.parts)
        return [
            f"short description: {form} ({sd.parts[-1][:1].lower()}{sd.parts[-1][1:]} at most "
            f"{sd.max_brief_chars} characters), e.g. {sd.example!r}",
            "critical processes: " + (", ".join(self.critical_processes) or "none"),
            "caller validation required before: "
            + (", ".join(self.validation_required_for) or "nothing"),
            "required fields: " + (", ".join(self.required_fields) or "none"),
            "set fields must fit the ticket: " + ("yes" if self.fields_must_fit else "no"),
            f"judged on at least {self.min_judged_percent:g} % of the maximum points for a "
            "verdict (below: too little to judge)",
        ]


def _twice(values: list[str]) -> str:
    return ", ".join(sorted({v for v in values if values.count(v) > 1}))


DEFAULT_PARAMETERS = Parameters()
