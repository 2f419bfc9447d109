"""Partial ISO dates as the intervals they denote, so a time window compares at each date's precision.

A fact dated ``"2023"`` says "some time in 2023": it lies within a window that overlaps
2023-01-01..2023-12-31, and is not shifted to 1 January by a naive string comparison.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from ontology.errors import ConfigurationError

__all__ = ["date_interval", "parse_bound"]

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def date_interval(value: object) -> tuple[dt.date, dt.date] | None:
    """First and last day a (partial) ISO date covers, or ``None`` when it is not a date."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value, value
    if not isinstance(value, str):
        return None
    match = _PARTIAL.match(value.strip()[:10])
    if not match:
        return None
    year, month, day = match.groups()
    try:
        if day:
            day_value = dt.date(int(year), int(month), int(day))
            return day_value, day_value
        if month:
            last = calendar.monthrange(int(year), int(month))[1]
            return dt.date(int(year), int(month), 1), dt.date(int(year), int(month), last)
        return dt.date(int(year), 1, 1), dt.date(int(year), 12, 31)
    except ValueError:
        return None


def parse_bound(value: object, name: str) -> tuple[dt.date, dt.date] | None:
    """A ``since``/``until`` option as an interval; a malformed one is the user's error, said plainly."""
    if value is None or value == "":
        return None
    interval = date_interval(value)
    if interval is None:
        raise ConfigurationError(f"{name}: {value!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD")
    return interval
