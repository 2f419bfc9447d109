"""Publication dates from article *metadata* (front matter, flags, page tags, feed entries).

Dates written inside the article text are another job (the qualifier extractor); this module
only turns a metadata value into a ``datetime.date`` and refuses values that cannot be one.
A date more than a day in the future is refused too: it is almost always a typo (``2032`` for
``2023``) and would silently corrupt every timeline built from the graph. One day of slack
covers time zones ahead of UTC.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re

from ontology.errors import ArticleError

__all__ = ["FUTURE_SLACK", "parse_published", "try_parse_published"]

#: How far past today (UTC) a publication date may lie before it is refused.
FUTURE_SLACK = dt.timedelta(days=1)

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_WEEKDAY = r"(?:[A-Za-z]{3,9},?\s+)?"
_WORDY_FORMS = (
    re.compile(rf"^{_WEEKDAY}{_DAY}\s+{_MONTH},?\s+{_YEAR}\b"),  # 21 November 2023
    re.compile(rf"^{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"),  # November 21, 2023
)
_NUMERIC = re.compile(r"^(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})(?:$|[T\s])")
_COMPACT = re.compile(r"^(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})$")


def _today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def _from_string(value: str) -> dt.date | None:
    text = value.strip()
    if not text:
        return None
    match = _NUMERIC.match(text) or _COMPACT.match(text)
    if match:
        try:
            return dt.date(int(match["year"]), int(match["month"]), int(match["day"]))
        except ValueError:
            return None
    for form in _WORDY_FORMS:
        match = form.match(text)
        if match:
            month = _MONTHS.get(match["month"].lower())
            if month is None:
                return None
            try:
                return dt.date(int(match["year"]), month, int(match["day"]))
            except ValueError:
                return None
    try:  # RFC 2822, as in RSS <pubDate> and HTTP headers
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return parsed.date() if parsed is not None else None


def try_parse_published(value: object) -> dt.date | None:
    """The date a metadata value names, or ``None`` if it names none (no error, no future check).

    Page metadata is written by strangers, so callers reading it use this and ignore junk.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return _from_string(value)
    return None


def parse_published(value: object, *, where: str, field: str = "published") -> dt.date:
    """A publication date from ``value``, or an :class:`ArticleError` naming ``where`` and the value.

    Accepts ``date``/``datetime`` objects and ISO (``2023-11-21``, ``2023-11-21T09:30:00Z``),
    ``2023/11/21``, ``20231121``, ``21 November 2023``, ``Nov 21, 2023`` and RFC 2822 strings.
    """
    parsed = try_parse_published(value)
    if parsed is None:
        raise ArticleError(where, f"{field} date {str(value)!r} is not a date (use YYYY-MM-DD)")
    limit = _today() + FUTURE_SLACK
    if parsed > limit:
        raise ArticleError(
            where, f"{field} date {parsed.isoformat()} is in the future (today is {_today().isoformat()})"
        )
    return parsed
