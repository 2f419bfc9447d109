"""Partial ISO dates (``2023``, ``2023-11``, ``2023-11-17``) as sortable keys and periods.

Facts carry dates at the precision the text gave, so every analysis that orders or
filters by time needs one rule for comparing ``2023`` with ``2023-11-17``; it lives here
so the timeline, the tenure view and the career view cannot disagree.

The rules
---------
* **Ordering**: a missing month or day counts as 0, so a less precise date sorts
  before the more precise dates inside its period: ``2023 < 2023-01 < 2023-01-01 < 2023-11
  < 2023-11-17 < 2024``.
* **Windows** (``since``/``until``/``as_of``): a date stands for a period (a year, a month or
  a day); a fact is inside a window when its period overlaps the window, i.e. when it
  *could* have happened inside it. ``until="2023"`` means the end of 2023.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from ontology.errors import QueryError

__all__ = ["DateKey", "date_key", "normalise_date", "parse_bound", "period", "within"]

DateKey = tuple[int, int, int]

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def normalise_date(value: object) -> str | None:
    """The ISO partial string of a date-like value, or ``None`` when it is not one.

    Accepts ``datetime.date`` objects (rdflib may hand them over) and strings with an
    optional time part; anything unparseable is treated as undated rather than raising,
    because a single odd value in a store must not break a whole analysis.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    text = text.split("T", 1)[0]
    if _split(text) is None:
        return None
    return text


def _split(text: str) -> DateKey | None:
    match = _PARTIAL.match(text)
    if not match:
        return None
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else 0
    day = int(match.group(3)) if match.group(3) else 0
    if match.group(2) and not 1 <= month <= 12:
        return None
    if match.group(3) and not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return (year, month, day)


def date_key(value: object) -> DateKey | None:
    """The sort key of a date (missing parts are 0), or ``None`` for an undated value."""
    text = normalise_date(value)
    return None if text is None else _split(text)


def period(value: object) -> tuple[DateKey, DateKey] | None:
    """The first and last day a partial date can stand for, as keys; ``None`` if undated."""
    key = date_key(value)
    if key is None:
        return None
    year, month, day = key
    if day:
        return key, key
    if month:
        return (year, month, 1), (year, month, calendar.monthrange(year, month)[1])
    return (year, 1, 1), (year, 12, 31)


def parse_bound(value: object, name: str) -> tuple[DateKey, DateKey] | None:
    """A user-given window bound as a period; raises a one-line :class:`QueryError` if malformed."""
    if value is None or value == "":
        return None
    bound = period(value)
    if bound is None:
        raise QueryError(f"{name} {value!r}: not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
    return bound


def within(
    value: object,
    since: tuple[DateKey, DateKey] | None,
    until: tuple[DateKey, DateKey] | None,
) -> bool:
    """Whether a dated value's period overlaps the window ``[since, until]`` (both inclusive)."""
    span = period(value)
    if span is None:
        return False
    first, last = span
    if since is not None and last < since[0]:
        return False
    return not (until is not None and first > until[1])
