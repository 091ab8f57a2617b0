"""Dates as exports write them, to "YYYY-MM-DD HH:MM:SS".

Raw exports write ISO dates in UTC. List exports and display-value exports write the exporting
user's format and time zone: `2025-12-10 04:26:41`, `12/10/2025 04:26 AM`, `29-02-2016 01:16`
(day first), `02-28-2025 14:06:19` (month first), `3/17/2025 6:04`, `10-Dec-2025 04:26`.
Whether a numeric date is day first or month first is a property of the column, not of one
value: a caller settles it per column with `order_hint` over the values (a day over 12 says
which) and passes the order to `read_timestamp`. An explicit offset (`+05:00`, `Z`) is applied:
the result is UTC. An impossible date (`2024-02-30`) is reported, never silently dropped."""

import re
from datetime import datetime, timedelta

DAY_FIRST, MONTH_FIRST = "day first", "month first"

_ISO = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?"
    r"\s*(Z|[+-]\d{2}(?::?\d{2})?)?",
    re.I,
)
# 29-02-2016 01:16, 3/17/2025 6:04, 12/10/2025 04:26:41 AM, 10.12.2025 04:26
_NUMERIC = re.compile(
    r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})"
    r"(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*([AaPp]\.?[Mm]\.?)?)?"
    r"\s*(Z|[+-]\d{2}(?::?\d{2})?)?",
)
# 10-Dec-2025 04:26:41, 10 Dec 2025 04:26
_MONTH_NAME = re.compile(
    r"(\d{1,2})[- ]([A-Za-z]{3,9})[- ,]+(\d{4})"
    r"(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?",
)
# A date already in the form read_timestamp returns, and surely valid (a day up to 28, a
# year from 1000): returned as it is, without building a datetime (journal headers and raw
# exports write this form; reading them was a tenth of grading a ticket's handling).
_ALREADY_READ = re.compile(
    r"[1-9]\d{3}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8]) (?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d"
)
_MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        1,
    )
    for name in names
}


def order_hint(text: str) -> str | None:
    """What one value says of its column's order: DAY_FIRST (its first number is over 12),
    MONTH_FIRST (its second is), "either" (both 12 or less), or None (not a numeric date)."""
    m = _NUMERIC.fullmatch(text.strip())
    if not m:
        return None
    first, second = int(m[1]), int(m[3])
    if first > 12 >= second:
        return DAY_FIRST
    if second > 12 >= first:
        return MONTH_FIRST
    return "either"


def order_shown(texts) -> str | None:
    """The order the numeric dates among `texts` show together: DAY_FIRST when one's first
    number is over 12, else MONTH_FIRST when one's second is, else None."""
    hints = {order_hint(t) for t in texts}
    return DAY_FIRST if DAY_FIRST in hints else MONTH_FIRST if MONTH_FIRST in hints else None


def default_order(text: str) -> str:
    """The order read_timestamp assumes for an ambiguous value without a column order: day
    first for dotted dates (a European format), else month first (ServiceNow's US formats)."""
    m = _NUMERIC.fullmatch(text.strip())
    return DAY_FIRST if m and m[2] == "." else MONTH_FIRST


def read_timestamp(text: str, order: str | None = None) -> tuple[str | None, str]:
    """(the date as "YYYY-MM-DD HH:MM:SS", UTC when it carries an offset; a remark or "") or
    (None, why it is not a date). A numeric date is read in `order` (DAY_FIRST or MONTH_FIRST;
    without one, as its own numbers say, else month first); a value that can only be read
    the other way is read that way, with a remark."""
    if _ALREADY_READ.fullmatch(text):
        return text, ""
    text = text.strip()
    remark = ""
    m = _ISO.fullmatch(text)
    if m:
        year, month, day = int(m[1]), int(m[2]), int(m[3])
        clock, zone = m.group(4, 5, 6), m[7]
    elif m := _NUMERIC.fullmatch(text):
        first, second, year = int(m[1]), int(m[3]), int(m[4])
        if len(m[4]) == 2:
            year += 2000
        day_first = order == DAY_FIRST if order else (first > 12 or m[2] == ".")
        if day_first and second > 12 >= first or not day_first and first > 12 >= second:
            day_first = not day_first  # only the other reading is a date
            if order:
                remark = f"is read {DAY_FIRST if day_first else MONTH_FIRST}, unlike its column"
        day, month = (first, second) if day_first else (second, first)
        clock, zone = _twelve_hour(m.group(5, 6, 7), m[8]), m[9]
    elif m := _MONTH_NAME.fullmatch(text):
        month = _MONTHS.get(m[2].lower())
        if month is None:
            return None, "is not a date"
        day, year = int(m[1]), int(m[3])
        clock, zone = _twelve_hour(m.group(4, 5, 6), m[7]), None
    else:
        return None, "is not a date"
    hour, minute, second = (int(c) if c else 0 for c in clock)
    try:
        value = datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None, _impossible(year, month, day, hour, minute, second)
    if zone and zone.upper() != "Z":
        value -= _offset(zone)  # stored in UTC
    return _formatted(value), remark


def _formatted(value: datetime) -> str:
    """`value` as "YYYY-MM-DD HH:MM:SS" (strftime's form; formatted directly from year 1000
    on, where strftime pads the year the same way, because strftime was a tenth of reading a
    ticket's journal)."""
    if value.year < 1000:
        return value.strftime("%Y-%m-%d %H:%M:%S")
    v = value
    return f"{v.year}-{v.month:02d}-{v.day:02d} {v.hour:02d}:{v.minute:02d}:{v.second:02d}"


def parse_timestamp(text: str, order: str | None = None) -> str | None:
    """The date as "YYYY-MM-DD HH:MM:SS", or None if it is not a date (see read_timestamp)."""
    return read_timestamp(text, order)[0]


def _twelve_hour(clock: tuple, marker: str | None) -> tuple:
    if not marker or not clock[0]:
        return clock
    hour = int(clock[0]) % 12 + (12 if marker[0] in "Pp" else 0)
    if int(clock[0]) > 12:
        return ("99", *clock[1:])  # "13:00 PM": impossible, reported as such
    return (str(hour), *clock[1:])


def _offset(zone: str) -> timedelta:
    digits = zone[1:].replace(":", "")
    delta = timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0))
    return delta if zone[0] == "+" else -delta


def _impossible(year, month, day, hour, minute, second) -> str:
    if not 1 <= month <= 12:
        return f"is not a valid date (there is no month {month})"
    if hour > 23 or minute > 59 or second > 59:
        return "is not a valid time of day"
    try:
        datetime(year, month, 1)
    except ValueError:
        return f"is not a valid date (year {year})"
    return f"is not a valid date ({datetime(year, month, 1):%B} {year} has no day {day})"


def valid_iso_hour(text: str) -> bool:
    """True for a valid "YYYY-MM-DD HH" (the start of a raw export's date)."""
    if not (text[:4].isdigit() and text[5:7].isdigit() and text[8:10].isdigit()):
        return False
    if text[4] != "-" or text[7] != "-" or not text[11:13].isdigit():
        return False
    try:
        datetime(int(text[:4]), int(text[5:7]), int(text[8:10]), int(text[11:13]))
    except ValueError:
        return False
    return True
