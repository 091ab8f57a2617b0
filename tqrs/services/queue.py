"""The workbench's review queue: the analyst's own tickets, the riskiest tickets not reviewed,
and the analysts a manager can assign to."""

from dataclasses import dataclass

from tqrs import people
from tqrs.assignment import my_queue
from tqrs.queue import QueueItem, review_queue
from tqrs.review import ticket_labels
from tqrs.store import Store
from tqrs.store.assignments import holders, people_seen


@dataclass
class HeldTickets:
    rows: list[dict]  # tqrs.assignment.my_queue rows, those not reviewed first
    labels: dict[int, str]  # ticket id -> its name


@dataclass
class QueuePage:
    total: int  # tickets in the queue
    items: list[QueueItem]  # the first `limit`, riskiest first
    labels: dict[int, str]
    held: dict[int, dict]  # ticket id -> who holds it


def held_tickets(store: Store, run_id: int, analyst: str) -> HeldTickets:
    """The tickets `analyst` holds in the run, named."""
    rows = my_queue(store, run_id, analyst)
    return HeldTickets(rows, ticket_labels(store, run_id, [t["ticket_id"] for t in rows]))


def queue_page(store: Store, run_id: int, limit: int) -> QueuePage:
    """The run's review queue, its first `limit` tickets named and with their holders."""
    items = review_queue(store, run_id, limit=None)
    shown = items[:limit]
    labels = ticket_labels(store, run_id, [i.ticket_id for i in shown])
    return QueuePage(len(items), shown, labels, holders(store, run_id, list(labels)))


def known_analysts(store: Store) -> list[str]:
    """Whom a manager may assign to: the people named in the saved role lists (not the
    "@domain" entries, which name nobody) and everyone the store has recorded reviewing,
    overriding or holding a ticket (tqrs.store.assignments.people_seen), sorted."""
    lists = people.role_lists()
    known = {e for entries in lists.values() for e in entries if not e.startswith("@")}
    return sorted(known | set(people_seen(store)))
