"""The columns of an export before it is ingested: what the Upload page's mapping step shows,
and the key under which a user's mapping of a header is remembered."""

import hashlib
from pathlib import Path

from tqrs.errors import InputError
from tqrs.fields import map_columns, normalize_label
from tqrs.ingest.json_export import iter_json_records
from tqrs.ingest.tabular import detect_encoding, iter_csv_records, iter_xlsx_records
from tqrs.store import Store, column_maps

JSON_RECORDS_READ = 200  # JSON records may each omit keys: read this many for the columns


def read_columns(path: Path, file_format: str) -> list[str]:
    """The columns of an export as the reader sees them (the header of a CSV or Excel list,
    the keys of a JSON export's first records); [] for a PDF, or a file that cannot be read
    (the ingest will say why)."""
    try:
        if file_format == "csv":
            encoding, _ = detect_encoding(path)
            return _first_keys(iter_csv_records(path, encoding))
        if file_format == "xlsx":
            return _first_keys(iter_xlsx_records(path))
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
