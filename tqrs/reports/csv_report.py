"""CSV reports: the per-ticket table, and the long table (ticket × criterion) beside it."""

import csv
import io
from collections.abc import Iterable

from tqrs.reports.data import Report
from tqrs.reports.tables import CRITERION_HEADER, TICKET_HEADER, criterion_rows, ticket_rows


def tickets_csv(report: Report) -> bytes:
    return _csv(TICKET_HEADER, ticket_rows(report))


def criteria_csv(report: Report) -> bytes:
    return _csv(CRITERION_HEADER, criterion_rows(report))


def _csv(header: tuple, rows: Iterable[tuple]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    # The byte-order mark makes Excel read the file as UTF-8 rather than the local code page.
    return buf.getvalue().encode("utf-8-sig")
