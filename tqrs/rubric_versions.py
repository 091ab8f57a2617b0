"""Rubric versions: the rubric files (data/rubrics, the user's rubric folder) and the versions
managers save in the workbench (the store's rubric_versions table).

- A rubric id's *current* version is its latest saved version, else its file. New runs use
  it (the Evaluate page, `tqrs evaluate --rubric ID`, the default choice); a run keeps a copy
  of the version it used (runs.rubric_json), so its review and reports never change.
- A saved version is named after the version it was edited from and the number of the save
  for its id: the third save of an edit of "1.1" is "1.1+3". The name is never reused, so the
  LLM cache (keyed by rubric version) never mixes two texts.
- `ID@VERSION` names any version, saved or a file's; a path names a file.
- Export gives the file `tqrs rubrics --check` reads; import reads one, validated the same way.
"""

from dataclasses import dataclass

from tqrs.errors import ConfigError
from tqrs.rubric import Rubric, list_rubrics, load_rubric, parse_rubric
from tqrs.store import Store
from tqrs.store.rubric_versions import (
    SavedRubric,
    insert_rubric_version,
    list_rubric_versions,
)


@dataclass(frozen=True)
class RubricVersion:
    """One version of a rubric as the Rubrics page lists it: from a file (`saved` None) or
    saved in the workbench."""

    rubric: Rubric
    saved: SavedRubric | None = None

    @property
    def source(self) -> str:
        if self.saved is None:
            return "file"
        return f"saved by {self.saved.saved_by} on {self.saved.saved_at:%Y-%m-%d %H:%M} UTC"


def _latest_saved(store: Store) -> dict[str, SavedRubric]:
    latest: dict[str, SavedRubric] = {}
    for saved in list_rubric_versions(store):  # in the order saved, per id
        latest[saved.rubric_id] = saved
    return latest


def current_rubrics(store: Store) -> list[Rubric]:
    """Every rubric id once, at its current version: the files' rubrics in their order, a
    saved version in place of its file, then rubrics that exist only as saved versions."""
    found = {r.id: r for r in list_rubrics()}
    for rubric_id, saved in _latest_saved(store).items():
        found[rubric_id] = _parse_saved(saved)
    return list(found.values())


def current_rubric(store: Store, rubric_id: str) -> Rubric | None:
    """The current version of `rubric_id` (None: no such rubric)."""
    return next((r for r in current_rubrics(store) if r.id == rubric_id), None)


def rubric_versions(store: Store, rubric_id: str) -> list[RubricVersion]:
    """The file's version (when a file has the id), then the saved ones, oldest first: the
    last is the current version."""
    files = [RubricVersion(r) for r in list_rubrics() if r.id == rubric_id]
    saved = [RubricVersion(_parse_saved(s), s) for s in list_rubric_versions(store, rubric_id)]
    return files + saved


def names_version(ref: str) -> bool:
    """Whether `ref` is `ID@VERSION` (not a path)."""
    return "@" in ref and "/" not in ref and not ref.endswith(".json")


def resolve_rubric(store: Store, ref: str) -> Rubric:
    """A rubric by `ID@VERSION` (saved, or a file's version), by id or file stem (its current
    version), or by path (tqrs.rubric.load_rubric)."""
    if names_version(ref):
        rubric_id, _, version = ref.partition("@")
        versions = rubric_versions(store, rubric_id)
        for v in versions:
            if v.rubric.version == version:
                return v.rubric
        known = ", ".join(v.rubric.version for v in versions)
        raise ConfigError(
            f"no version {version!r} of rubric {rubric_id!r} (versions: {known or 'none'})"
        )
    latest = _latest_saved(store).get(ref)
    if latest is not None:
        return _parse_saved(latest)
    return load_rubric(ref)


def save_version(store: Store, edited: Rubric, based_on: Rubric, saved_by: str) -> Rubric:
    """Save `edited` as a new version of its id, edited from `based_on`; returns it under its
    new version name (see the module docstring)."""
    root = based_on.version.split("+")[0]

    def make(seq: int) -> tuple[str, str]:
        version = f"{root}+{seq}"
        return version, export_json(edited.model_copy(update={"version": version}))

    saved = insert_rubric_version(store, edited.id, based_on.version, saved_by, make)
    return _parse_saved(saved)


def export_json(rubric: Rubric) -> str:
    """The rubric as the JSON file `tqrs rubrics --check` reads (and `import_json` takes)."""
    return rubric.model_dump_json(indent=2, exclude_none=True) + "\n"


def import_json(text: str | bytes, name: str) -> Rubric:
    """A rubric from an uploaded file, validated as `tqrs rubrics --check` validates it;
    ConfigError naming the file, criterion and field otherwise."""
    return parse_rubric(text, name)


def _parse_saved(saved: SavedRubric) -> Rubric:
    return parse_rubric(saved.rubric_json, f"saved rubric {saved.rubric_id}@{saved.version}")
