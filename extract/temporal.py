"""Dates written in article text, resolved against the publication date at the text's precision.

"on Friday" in a past-tense sentence is the Friday on or before publication; "last June" is the
latest June before the publication month; "in 2019" stays a year and "in September 2023" a month.
A fact's date must never claim more precision than the text gives, so the result is ``YYYY``,
``YYYY-MM`` or ``YYYY-MM-DD``. Vague spans ("days later", "six years", "between 2016 and 2020")
give ``None``: no date is better than a wrong one.
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["resolve_date"]

_MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
_WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
_VAGUE = re.compile(
    r"\b(years?|months?|weeks?|days?|hours?|decades?|ago|between|later|earlier|since|until|decade)\b"
)
_FILLER = re.compile(
    r"^(?:(?:on|in|at|by|during|from|around|about|late|early|mid|the|end|start|beginning|middle|"
    r"of|last|this|next|until|before|after|,)\s+)*"
)
_MONTH_RE = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)


def _iso(year: int, month: int | None = None, day: int | None = None) -> str:
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def resolve_date(text: str, published: dt.date | None, future: bool = False) -> str | None:
    """An ISO date (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``) for a date expression, or ``None``.

    ``published`` anchors relative expressions ("on Friday", "last June", "this year"); without
    it only absolute ones resolve. ``future`` says the clause looks forward ("will ... on Friday").
    """
    raw = " ".join(text.lower().replace("’", "'").split()).strip(" ,.")
    if not raw:
        return None
    years = re.findall(r"\b(19\d{2}|20\d{2})\b", raw)
    month_hits = re.findall(rf"\b{_MONTH_RE}(?=\W|$)", raw)
    if len(years) > 1 or len(month_hits) > 1:
        return None
    if (
        _VAGUE.search(raw)
        and not re.search(r"\b(last|this|next) (year|month)\b", raw)
        and not (
            years and not re.search(r"\b(years?|months?|weeks?|days?|hours?|ago|between|decades?)\b", raw)
        )
    ):
        return None
    last = bool(re.search(r"\blast\b", raw))
    nxt = bool(re.search(r"\bnext\b", raw))
    this = bool(re.search(r"\bthis\b", raw))

    # explicit year, with or without month and day
    m = re.search(rf"\b{_MONTH_RE}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b", raw)
    if m and _valid(int(m["year"]), _MONTHS[m["month"]], int(m["day"])):
        return _iso(int(m["year"]), _MONTHS[m["month"]], int(m["day"]))
    m = re.search(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH_RE},?\s+(?P<year>\d{{4}})\b", raw)
    if m and _valid(int(m["year"]), _MONTHS[m["month"]], int(m["day"])):
        return _iso(int(m["year"]), _MONTHS[m["month"]], int(m["day"]))
    m = re.search(rf"\b{_MONTH_RE}(?:\s+of)?,?\s+(?P<year>\d{{4}})\b", raw)
    if m:
        return _iso(int(m["year"]), _MONTHS[m["month"]])
    m = re.fullmatch(r"(?:\S+\s+)*?(?P<year>(?:19|20)\d{2})", raw)
    if m and not month_hits:
        return _iso(int(m["year"]))
    if published is None:
        return None
    pub = published

    # month and day without a year
    m = re.search(rf"\b{_MONTH_RE}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b", raw) or re.search(
        rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_RE}(?=\W|$)", raw
    )
    if m:
        month, day = _MONTHS[m["month"]], int(m["day"])
        # the year that puts the day nearest the publication date; the tense breaks a tie
        options = [y for y in (pub.year - 1, pub.year, pub.year + 1) if _valid(y, month, day)]
        if not options:
            return None

        def distance(year: int) -> tuple[int, int]:
            gap = (dt.date(year, month, day) - pub).days
            wrong_side = (gap > 0 and not future) or (gap < 0 and future)
            return abs(gap) + (45 if wrong_side else 0), wrong_side

        year = min(options, key=distance)
        return _iso(year, month, day)

    # month alone: "in January", "last June", "March of this year"
    if month_hits:
        month = _MONTHS[
            re.match(_MONTH_RE, month_hits[0] if isinstance(month_hits[0], str) else month_hits[0][0])[
                "month"
            ]
        ]
        if this or "this year" in raw:
            return _iso(pub.year, month)
        if last:
            return _iso(pub.year if month < pub.month else pub.year - 1, month)
        if nxt:
            return _iso(pub.year if month > pub.month else pub.year + 1, month)
        if future:
            return _iso(pub.year if month >= pub.month else pub.year + 1, month)
        return _iso(pub.year if month <= pub.month else pub.year - 1, month)

    core = _FILLER.sub("", raw)
    if re.search(r"\b(last|this|next) year\b", raw):
        return _iso(pub.year + (-1 if last else 1 if nxt else 0))
    if re.search(r"\b(last|this|next) month\b", raw):
        month = pub.month + (-1 if last else 1 if nxt else 0)
        year = pub.year
        if month == 0:
            month, year = 12, year - 1
        elif month == 13:
            month, year = 1, year + 1
        return _iso(year, month)
    for name, month in _SEASONS.items():
        if re.search(rf"\b{name}\b", raw):
            if last:
                return _iso(pub.year - 1 if month >= pub.month else pub.year)
            if this:
                return _iso(pub.year)
            return None
    if core in ("today", "tonight"):
        return pub.isoformat()
    if core == "yesterday":
        return (pub - dt.timedelta(days=1)).isoformat()
    for name, weekday in _WEEKDAYS.items():
        if re.search(rf"\b{name}\b", raw):
            if last:
                delta = (pub.weekday() - weekday) % 7 or 7
                return (pub - dt.timedelta(days=delta)).isoformat()
            if future or nxt:
                delta = (weekday - pub.weekday()) % 7
                return (pub + dt.timedelta(days=delta)).isoformat()
            delta = (pub.weekday() - weekday) % 7
            return (pub - dt.timedelta(days=delta)).isoformat()
    return None
