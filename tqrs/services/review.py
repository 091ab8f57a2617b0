"""The workbench's Review table: one page of a run's tickets in effect with what the table
shows beside them (names, holders, tickets changed since the run)."""

from dataclasses import dataclass

from tqrs.review import ticket_labels
from tqrs.store import Store
from tqrs.store.assignments import holders
from tqrs.store.pulls import EarlierVersion, earlier_versions
from tqrs.store.results import ReviewFilter, query_page


@dataclass
class ReviewPage:
    rows: list[dict]  # tqrs.store.results.query_page rows
    total: int  # tickets matching the filter
    page: int  # the page shown (1 when the one asked for is past the end)
    pages: int
    labels: dict[int, str]  # ticket id -> its name (tqrs.review.ticket_labels), in row order
    held: dict[int, dict]  # ticket id -> who holds it (tqrs.store.assignments.holders)
    earlier: dict[int, EarlierVersion]  # tickets of the run a pull changed since it scored them


def review_page(
    store: Store,
    run_id: int,
    flt: ReviewFilter,
    sort: str,
    descending: bool,
    page: int,
    size: int,
) -> ReviewPage:
    """Page `page` (from 1) of the run's tickets matching `flt`, `size` to a page; a page
    past the end of the view (kept from another filter, a shared link) gives the first."""
    rows, total = query_page(store, run_id, flt, sort, descending, (page - 1) * size, size)
    pages = max(1, -(-total // size))
    if page > pages:
        rows, total = query_page(store, run_id, flt, sort, descending, 0, size)
        page = 1
    labels = ticket_labels(store, run_id, [r["ticket_id"] for r in rows])
    return ReviewPage(
        rows,
        total,
        page,
        pages,
        labels,
        holders(store, run_id, list(labels)),
        earlier_versions(store, run_id),
    )
