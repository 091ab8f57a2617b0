"""The dataset profile of a session: what is filled, what values occur, what is missing, and
which tickets are near-duplicates of each other.

Near-duplicates come from the ticket embeddings (tqrs.knowledge): they are computed when the
session has been embedded (the Review page's "Find similar tickets", a grounded run, or
`build_profile(..., embedder=...)` / `tqrs profile --near-duplicates`, which embed it first),
and left as None ("not computed") otherwise, so that a profile never loads the model unasked.
Sessions over NEAR_DUPLICATE_LIMIT tickets are not compared (the pairwise comparison grows
with the square of the count)."""

from datetime import datetime

from pydantic import BaseModel

from tqrs.fields import FIELDS
from tqrs.knowledge.tickets import ensure_embedded, near_duplicates
from tqrs.store import Store
from tqrs.store import knowledge as kb
from tqrs.store import profile as q
from tqrs.store import sessions as db

NEAR_DUPLICATE_LIMIT = 10_000
NEAR_DUPLICATE_THRESHOLD = 0.95
BLANK_FILE_MIN_TICKETS = 20  # a field blank in every ticket of a file this big is not assessable


class FieldPresence(BaseModel):
    """Why a field is empty where it is: its column is not in the ticket's export (absent), or
    the column is there and the value is blank. Scoring treats the two differently."""

    filled: int
    blank: int  # tickets whose file carries the field, with nothing in it
    absent: int  # tickets whose file does not carry the field at all
    absent_from: list[str] = []  # names of the files that do not carry it
    blank_in: list[str] = []  # files that carry it but have it blank in every ticket


class DatasetProfile(BaseModel):
    session_id: int
    session_name: str
    tickets: int
    completeness: dict[str, float]  # field -> share of tickets where it is filled (0..1)
    distributions: dict[str, list[tuple[str, int]]]
    distinct: dict[str, int]
    date_ranges: dict[str, tuple[datetime | None, datetime | None]]
    lengths: dict[str, dict]
    duplicate_numbers: int
    duplicate_examples: list[tuple[str, int]]
    missing_rubric_fields: int
    missing_by_field: dict[str, int]
    missing_examples: list[tuple[str, list[str]]]
    volume_by_day: list[tuple[str, int]]
    near_duplicates: int | None = None  # pairs of other numbers; None: not computed
    near_duplicate_tickets: int = 0  # tickets in any such pair
    near_duplicate_examples: list[tuple[str, str, float]] = []  # most similar first
    near_duplicates_note: str = ""  # why they were not computed
    presence: dict[str, FieldPresence] = {}  # field -> filled / blank / absent from its export
    # rubric id -> criterion id -> tickets it is "not in export" for (tqrs.assessable), for
    # the rubrics `tqrs rubrics` lists; only criteria with any
    not_in_export: dict[str, dict[str, int]] = {}


def build_profile(store: Store, session_ref: str | int, embedder=None) -> DatasetProfile:
    """The profile; with an `embedder`, the session is embedded first (if it was not) so that
    near-duplicates are computed."""
    session = db.get_session(store, session_ref)
    sid = session.id
    total, filled = q.completeness(store, sid)
    dup_count, dups = q.duplicate_numbers(store, sid)
    missing, by_field, examples = q.missing_rubric_fields(store, sid)
    return DatasetProfile(
        session_id=sid,
        session_name=session.name,
        tickets=total,
        completeness={f: (filled[f] / total if total else 0.0) for f in FIELDS},
        distributions={f: q.distribution(store, sid, f) for f in q.DISTRIBUTION_FIELDS},
        distinct={f: q.distinct_count(store, sid, f) for f in q.DISTRIBUTION_FIELDS},
        date_ranges=q.date_ranges(store, sid),
        lengths={f: q.length_stats(store, sid, f) for f in ("description", "close_notes")},
        duplicate_numbers=dup_count,
        duplicate_examples=dups,
        missing_rubric_fields=missing,
        missing_by_field=by_field,
        missing_examples=[(n, list(fs)) for n, fs in examples],
        volume_by_day=[(str(d), n) for d, n in q.volume_by_day(store, sid)],
        presence=field_presence(store, session),
        not_in_export=criteria_not_in_export(store, sid),
        **_near_duplicates(store, sid, total, embedder),
    )


def field_presence(store: Store, session) -> dict[str, FieldPresence]:
    """Per field: how many tickets have it filled, blank, or absent from their export."""
    carried = q.fields_carried(store, session.id)
    by_file = q.filled_by_file(store, session.id)
    names = {f.position: f.name for f in session.files}
    out = {}
    for field in FIELDS:
        p = FieldPresence(filled=0, blank=0, absent=0)
        for position, (tickets, filled) in by_file.items():
            if field in carried.get(position, set(FIELDS)):
                p.filled += filled[field]
                p.blank += tickets - filled[field]
                if not filled[field]:
                    p.blank_in.append(names.get(position, str(position)))
            else:
                p.absent += tickets
                p.absent_from.append(names.get(position, str(position)))
        out[field] = p
    return out


def unassessable_fields(
    store: Store, session_id: int, min_tickets: int = BLANK_FILE_MIN_TICKETS
) -> dict[int, set[str]]:
    """file position -> the fields nothing can be judged from for that file's tickets: absent
    from its export, or blank in every one of its tickets when it has at least `min_tickets`
    (a smaller file may be blank by chance). For scoring: a criterion whose input is among them
    is not assessable for the ticket, rather than failed."""
    carried = q.fields_carried(store, session_id)
    out = {}
    for position, (tickets, filled) in q.filled_by_file(store, session_id).items():
        has = carried.get(position, set(FIELDS))
        out[position] = {
            f for f in FIELDS if f not in has or (tickets >= min_tickets and not filled[f])
        }
    return out


def criteria_not_in_export(store: Store, session_id: int) -> dict[str, dict[str, int]]:
    """rubric id -> criterion id -> how many of the session's tickets it cannot be judged on,
    their export not carrying what it reads (tqrs.assessable), for every rubric at its
    current version (tqrs.rubric_versions: a version saved in the workbench, else the file)."""
    from tqrs.rubric_versions import current_rubrics  # imports the rule registry: when asked

    gaps = unassessable_fields(store, session_id)
    sizes = q.filled_by_file(store, session_id)
    confirming: dict[int, int] | None = None  # read once, where a rubric needs it
    out: dict[str, dict[str, int]] = {}
    for rubric in current_rubrics(store):
        counts: dict[str, int] = {}
        for position, missing in gaps.items():
            tickets, filled = sizes.get(position, (0, {}))
            # a ticket whose close notes are written lacks less (Criterion.assessable), and
            # less again where they show a confirmation
            noted = rubric.not_assessable(frozenset(missing), notes_written=True)
            shown = rubric.not_assessable(frozenset(missing), True, notes_confirm=True)
            for cid in rubric.not_assessable(frozenset(missing)):
                left = tickets if cid in noted else tickets - filled.get("close_notes", 0)
                if cid not in shown:
                    if confirming is None:
                        confirming = _notes_confirming(store, session_id, gaps)
                    left -= confirming.get(position, 0)
                if left:
                    counts[cid] = counts.get(cid, 0) + left
        if counts:
            out[rubric.id] = {c.id: counts[c.id] for c in rubric.criteria if c.id in counts}
    return out


def _notes_confirming(store: Store, session_id: int, gaps: dict[int, set[str]]) -> dict[int, int]:
    """file position -> its tickets whose close notes show a confirmation to judge, for the
    files that carry no journal (tqrs.assessable.notes_confirm); read only where one does."""
    from tqrs.assessable import notes_confirm  # reads the confirmation judge
    from tqrs.rubric import JOURNAL_FIELDS

    if not any(JOURNAL_FIELDS <= missing for missing in gaps.values()):
        return {}
    out: dict[int, int] = {}
    for t in db.iter_tickets(store, session_id):
        missing = frozenset(gaps.get(t.file_position, ()))
        if notes_confirm(t, missing):
            out[t.file_position] = out.get(t.file_position, 0) + 1
    return out


def _near_duplicates(store: Store, session_id: int, total: int, embedder) -> dict:
    if total > NEAR_DUPLICATE_LIMIT:
        return {"near_duplicates_note": f"not computed: over {NEAR_DUPLICATE_LIMIT:,} tickets"}
    if embedder is not None:
        ensure_embedded(store, embedder, session_id)
    elif not kb.ticket_models(store, session_id):
        return {"near_duplicates_note": "not computed: the session has no embeddings yet"}
    pairs = _by_numbers(
        near_duplicates(
            store, session_id, NEAR_DUPLICATE_THRESHOLD, embedder.model_id if embedder else None
        )
    )
    return {
        "near_duplicates": len(pairs),
        "near_duplicate_tickets": len({i for p in pairs for i in (p.first_id, p.second_id)}),
        "near_duplicate_examples": [(p.first_number, p.second_number, p.score) for p in pairs[:10]],
    }


def _by_numbers(pairs: list) -> list:
    """Each pair of ticket numbers once (the most similar copies; `pairs` most similar first):
    a number the session holds twice would otherwise list one pair up to four times. Pairs of
    one number are left out: the duplicate numbers count them."""
    seen, out = set(), []
    for p in pairs:
        key = frozenset((p.first_number, p.second_number))
        if p.first_number != p.second_number and key not in seen:
            seen.add(key)
            out.append(p)
    return out
