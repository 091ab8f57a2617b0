"""The columns of an export: what the Upload page's mapping step shows, the key under which a
user's mapping of a header is remembered, and the one check every list export must pass before
its rows are read: a column holds the incident number (a column the user's mapping, `--map
"Label=field"`, names as the number counts)."""

import hashlib
from collections.abc import Mapping
from pathlib import Path

from tqrs.errors import InputError
from tqrs.fields import FIELDS, candidates, map_columns, normalize_label
from tqrs.ingest.formats import detect_format
from tqrs.ingest.json_export import iter_json_records
from tqrs.ingest.tabular import detect_encoding, iter_csv_records
from tqrs.store import Store, column_maps

_SHOWN = 30  # column names listed in the no-number message at most
JSON_RECORDS_READ = 200  # JSON records may each omit keys: read this many for the columns


def read_columns(path: Path, file_format: str | None = None) -> list[str]:
    """The columns of an export as the reader sees them (the header of a CSV or Excel list,
    the keys of a JSON export's first records); [] for a PDF, or a file that cannot be read
    (the ingest will say why). The format is detected when not given."""
    try:
        file_format = file_format or detect_format(path)
        if file_format == "csv":
            encoding, _ = detect_encoding(path)
            return _first_keys(iter_csv_records(path, encoding))
        if file_format == "xlsx":
            from tqrs.ingest.excel import xlsx_columns  # excel imports this module

            return xlsx_columns(path)
        if file_format == "json":
            seen: dict[str, None] = {}
            records = iter_json_records(path)
            try:
                for n, (_, rec, _, _) in enumerate(records):
                    if isinstance(rec, dict):
                        seen.update(dict.fromkeys(map(str, rec)))
                    if n + 1 >= JSON_RECORDS_READ:
                        break
            finally:
                records.close()
            return list(seen)
    except (InputError, OSError):
        return []
    return []


def _first_keys(records) -> list[str]:
    try:
        first = next(records, None)
    finally:
        records.close()
    return [str(k) for k in first[1]] if first else []


def unmapped_columns(columns: list[str], mapping: dict[str, str] | None = None) -> list[str]:
    """The columns no field is read from (given the user's mapping, by normalised label)."""
    read = set(map_columns(columns, mapping).values())
    return [c for c in columns if c not in read]


def header_key(columns: list[str]) -> str:
    """A header's identity for remembering its mapping: its labels, normalised, in any order."""
    labels = sorted({normalize_label(c) for c in columns})
    return hashlib.sha256("\n".join(labels).encode()).hexdigest()


def mapping_choices(store: Store, headers: dict[str, list[str]]) -> list[dict]:
    """The mapping step: for each file (name -> its columns), the columns the aliases do not
    read, each with the field remembered for that header ("" when none): rows of
    {"file", "column", "field"}."""
    rows = []
    for name, columns in headers.items():
        saved = column_maps.remembered(store, header_key(columns))
        for column in unmapped_columns(columns):
            rows.append(
                {"file": name, "column": column, "field": saved.get(normalize_label(column), "")}
            )
    return rows


def remember_mappings(store: Store, headers: dict[str, list[str]], mapping: dict[str, str]) -> None:
    """Remember, per header, the user's choice for its columns (also a choice taken back)."""
    chosen = {normalize_label(k): v for k, v in mapping.items()}
    for columns in headers.values():
        if not columns:
            continue
        key = header_key(columns)
        mine = {label: chosen[label] for label in map(normalize_label, columns) if label in chosen}
        if mine or column_maps.remembered(store, key):
            column_maps.remember(store, key, columns, mine)


def number_column(header: list[str], mapping: Mapping[str, str] | None = None) -> str | None:
    """The column holding the incident number: one the mapping (column label -> field) names
    `number`, else one whose label is a known name for it (Number, number, Incident number);
    None if none."""
    overrides = {normalize_label(k): v for k, v in (mapping or {}).items()}
    return map_columns(header, overrides).get("number")


def number_columns_note(
    name: str, columns: list[str], mapping: Mapping[str, str] | None = None
) -> str | None:
    """For the mapping step: which column of a file will be read as the number when several
    could be (Number and Incident ID, number and Number), and that the others will not; None
    when one column at most could be."""
    overrides = {normalize_label(k): v for k, v in (mapping or {}).items()}
    found = candidates(columns, "number", overrides)
    if len(found) < 2:
        return None
    others = ", ".join(repr(c) for c in found[1:])
    return (
        f"{name}: the number will be read from column {found[0]!r}; {others} could hold it "
        "too and will not be read (the import says on how many rows they differ)"
    )


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
        "ticket needs its number: if a column holds it under another name, map it to number "
        '(the Upload page\'s "Columns TQRS does not read", or tqrs ingest --map '
        '"<column>=number")'
    )


def _listed(header: list[str]) -> str:
    shown = ", ".join(header[:_SHOWN])
    return shown + (f" and {len(header) - _SHOWN:,} more" if len(header) > _SHOWN else "")
