"""The data TQRS reads and stores, as pydantic models."""

from datetime import datetime
from typing import TypeVar

from pydantic import BaseModel, Field

M = TypeVar("M", bound=BaseModel)


def trusted(cls: type[M], fields: dict, fields_set: set[str] | None = None) -> M:
    """An instance of the model `cls` holding `fields` as they are, without validation: for
    data TQRS made itself on the hot path of a run (a row read back from its own table),
    every field given, each of its type. What `model_construct` does without its work per
    field (pydantic 2.14 inspects each default factory's signature on every call: ~200 us).
    Worth it for a model of many fields (a Ticket: 18 -> 6 us); for a small one (a
    CriterionResult built per criterion) it still saves a third. `fields_set`: the fields
    given explicitly, as pydantic records them (default: all of `fields`)."""
    obj = cls.__new__(cls)
    object.__setattr__(obj, "__dict__", fields)
    object.__setattr__(
        obj, "__pydantic_fields_set__", set(fields) if fields_set is None else fields_set
    )
    object.__setattr__(obj, "__pydantic_extra__", None)
    object.__setattr__(obj, "__pydantic_private__", None)
    return obj


def field_defaults(cls: type[BaseModel]) -> dict:
    """Every field of the model `cls`, in its order, with its default (PydanticUndefined for a
    required field or one made by a factory: whoever builds with `trusted` gives those), the
    start of the `fields` of a `trusted` instance that holds them in a validated one's order."""
    return {name: f.default for name, f in cls.model_fields.items()}


class Ticket(BaseModel):
    """One incident: the fields TQRS evaluates, typed, and the whole original record."""

    id: int
    session_id: int
    seq: int
    file_position: int | None = None
    record_position: int | None = None
    number: str
    sys_id: str = ""
    short_description: str = ""
    description: str = ""
    caller: str = ""
    opened_by: str = ""
    company: str = ""
    location: str = ""
    contact_type: str = ""
    state: str = ""
    priority: int | None = None
    impact: int | None = None
    urgency: int | None = None
    category: str = ""
    subcategory: str = ""
    service: str = ""
    service_offering: str = ""
    cmdb_ci: str = ""
    assignment_group: str = ""
    assigned_to: str = ""
    opened_at: datetime | None = None
    resolved_at: datetime | None = None
    closed_at: datetime | None = None
    updated_at: datetime | None = None
    close_code: str = ""
    close_notes: str = ""
    work_notes: str = ""
    comments: str = ""
    reassignment_count: int | None = None
    reopen_count: int | None = None
    work_note_count: int = 0
    comment_count: int = 0
    truncated: list[str] = Field(default_factory=list, description="fields cut for analysis")
    notes: list[str] = Field(default_factory=list, description="what ingestion said of it")
    raw: dict = Field(default_factory=dict, description="the record as exported")
    version: int = Field(
        1, description="counted up each time a pull brings the ticket changed on the instance"
    )


_PLACE = {"pdf": "page", "xlsx": "row"}  # what RecordIssue.line counts, by file format


class RecordIssue(BaseModel):
    """Something ingestion had to say about one record of a file."""

    position: int
    line: int | None = Field(
        None, description="where the record starts: its line, or for a PDF its first page"
    )
    number: str = ""
    sys_id: str = ""
    message: str
    outcome: str = Field(description="warning (imported), merged, superseded or rejected")

    def where(self, file_format: str) -> str:
        """'record 2, line 14, INC0000123'; for a PDF (file_format 'pdf') 'page' for 'line',
        for a workbook ('xlsx') 'row': the sheet's row number, as Excel shows it."""
        parts = [f"record {self.position}"]
        if self.line:
            parts.append(f"{_PLACE.get(file_format, 'line')} {self.line}")
        if self.number:
            parts.append(self.number)
        if self.sys_id:
            parts.append(f"sys_id {self.sys_id}")
        return ", ".join(parts)


class SourceFile(BaseModel):
    position: int
    name: str
    sha256: str
    size_bytes: int
    format: str
    encoding: str | None = None
    records: int = 0
    imported: int = 0
    merged: int = 0
    superseded: int = 0
    rejected: int = 0
    warnings: int = 0
    notices: list[str] = Field(default_factory=list)
    issues: list[RecordIssue] = Field(default_factory=list)
    columns: dict[str, str] | None = Field(
        None,
        description="field -> the column it was read from: the fields this file carries "
        "(None for files ingested before TQRS recorded it)",
    )
    unmapped: list[str] = Field(default_factory=list, description="columns not read as a field")


class SessionInfo(BaseModel):
    id: int
    name: str
    created_at: datetime
    ticket_count: int
    files: list[SourceFile] = Field(default_factory=list)
