"""Day first or month first: decided per date column of a file from its values, before its
records are typed, so that every record is read the same way.

A value whose first number is over 12 (`29-02-2016`) settles its column as day first; one whose
second number is (`02-28-2025`) as month first. ServiceNow writes every date of an export in the
exporting user's one format, so a column whose own values never settle it (every day 12 or
less) takes the order the file's other date columns showed; only a file where no date settles it
falls back to month first (day first for dotted dates), with a warning. The scan reads the file
ahead only until every date column that has shown a value is settled: one record for an export
with ISO dates, a few for most list exports."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from tqrs.fields import FIELDS, PLACEHOLDERS, TIME, map_columns
from tqrs.timestamps import DAY_FIRST, MONTH_FIRST, default_order, order_hint

FILE_ORDER = ""  # the key of the file-level order in DateOrders.orders


@dataclass
class DateOrders:
    """The order per time field ("" for the file's), and what to tell the user."""

    orders: dict[str, str] = field(default_factory=dict)
    settled_by: dict[str, str] = field(default_factory=dict)  # field -> the value that settled it
    ambiguous: dict[str, str] = field(default_factory=dict)  # field -> an example, never settled

    def notices(self, label: str) -> list[str]:
        """What the file's readers are told: which order was read, and which columns could
        not be settled."""
        out = []
        for order in (DAY_FIRST, MONTH_FIRST):
            names = [n for n, o in self.orders.items() if n and o == order and n in self.settled_by]
            if names:
                shown = self.settled_by[names[0]]
                out.append(f"{label}: {', '.join(names)} read {order} (as {shown!r} shows)")
        if self.ambiguous:
            names = ", ".join(self.ambiguous)
            example = next(iter(self.ambiguous.values()))
            out.append(
                f"{label}: warning: in {names} every date could be day or month first "
                f"(e.g. {example!r}); read {self.orders.get(FILE_ORDER) or MONTH_FIRST}: "
                "check a few tickets against the instance"
            )
        return out


def settle_date_orders(records: Iterable, mapping: dict[str, str] | None = None) -> DateOrders:
    """Scan `records` ((position, record, ...) tuples) until each date column that has shown a
    value is settled; the iterator is left unfinished when that happens early."""
    votes: Counter = Counter()
    found = DateOrders()
    pending: dict[str, str] = {}  # field -> an ambiguous example, not settled yet
    plans: dict[tuple, list[tuple[str, str]]] = {}
    for item in records:
        rec = item[1]
        if type(rec) is not dict:
            continue
        keys = tuple(rec)
        plan = plans.get(keys)
        if plan is None:
            if len(plans) > 64:
                plans.clear()
            mapped = map_columns(keys, mapping)
            plan = plans[keys] = [(n, k) for n, k in mapped.items() if FIELDS[n][0] == TIME]
        for name, key in plan:
            if name in found.orders:
                continue
            text = _text(rec[key])
            if not text:
                continue
            hint = order_hint(text)
            if hint is None or hint in (DAY_FIRST, MONTH_FIRST):
                found.orders[name] = hint or ""  # "": not a numeric date, no order needed
                if hint:
                    found.settled_by[name] = text
                    votes[hint] += 1
                pending.pop(name, None)
            else:
                pending.setdefault(name, text)
        if not pending and found.orders:
            break
    file_order = votes.most_common(1)[0][0] if votes else ""
    if pending and not file_order:
        file_order = default_order(next(iter(pending.values())))
        found.ambiguous = dict(pending)
    for name in pending:
        found.orders[name] = file_order
    found.orders[FILE_ORDER] = file_order
    return found


def _text(value) -> str:
    if isinstance(value, dict):
        value = value.get("display_value") or value.get("value")
    if not isinstance(value, str):
        return ""
    value = value.strip()
    return "" if value in PLACEHOLDERS else value
