"""The one check every list export must pass before its rows are read: a column holds the
incident number. It takes the header and the user's column mapping (`--map "Label=field"`), so
that a column the mapping names as the number counts."""

from collections.abc import Mapping

from tqrs.errors import InputError
from tqrs.fields import FIELDS, map_columns

_SHOWN = 30  # column names listed in the message at most


def number_column(header: list[str], mapping: Mapping[str, str] | None = None) -> str | None:
    """The column holding the incident number: one the mapping names `number`, else one
    whose label is a known name for it (Number, number, Incident number); None if none."""
    for column, field in (mapping or {}).items():
        if field == "number" and column in header:
            return column
    return map_columns(header).get("number")


def no_number_column(label: str, headers: dict[str, list[str]]) -> InputError:
    """The error for a file none of whose tables (sheets; one unnamed for a CSV) has a number
    column: it names the columns found and how to map one."""
    names = ", ".join(FIELDS["number"][2])
    found = "; ".join(
        f"{f'sheet {table!r} has ' if table else ''}{_listed(header) or 'no columns'}"
        for table, header in headers.items()
    )
    where = " in any sheet" if len(headers) > 1 else ""
    return InputError(
        f"{label}: no Number column{where} (looked for: {names}); found: {found}. Every "
        "ticket needs its number: if a column holds it under another name, map it with "
        'tqrs ingest --map "<column>=number"'
    )


def _listed(header: list[str]) -> str:
    shown = ", ".join(header[:_SHOWN])
    return shown + (f" and {len(header) - _SHOWN:,} more" if len(header) > _SHOWN else "")
