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

__all__ = ["CALENDAR_WORDS", "is_relative", "resolve_date", "resolve_relative"]

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
#: Month and weekday names (lower case): words that are never a name of their own.
CALENDAR_WORDS = frozenset(_MONTHS) | frozenset(_WEEKDAYS)
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


_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10,
}
_NUM = r"(?P<n>\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten)"
#: Expressions dated from the previous date of the text: (pattern, unit, low, high).
#: ``unit`` "day" offsets the anchor by days (``n`` multiplies a "week"), "month" / "year" by
#: calendar months or years; ``low``/``high`` bound a vague count ("days later": 1 to 9 days).
_RELATIVE: tuple[tuple[re.Pattern[str], str, int, int], ...] = tuple(
    (re.compile(rf"^(?:{pattern})$"), unit, low, high)
    for pattern, unit, low, high in (
        (r"(?:(?:only|just|mere|a few|several|some) )?(?:hours|minutes) later|"
         r"(?:later )?(?:that|the same|that same) (?:day|morning|afternoon|evening|night)|"
         r"within hours|hours afterwards?", "day", 0, 0),
        (r"the (?:next|following) (?:day|morning|afternoon|evening)|the day after|"
         r"a day later|one day later", "day", 1, 1),
        (rf"{_NUM} days? (?:later|afterwards?)", "day", -1, -1),
        (r"(?:(?:just|only|a few|several) )?days (?:later|afterwards?)|within days|"
         r"(?:just |only )?a few days later", "day", 1, 9),
        (rf"{_NUM} weeks? (?:later|afterwards?)", "week", -1, -1),
        (r"the (?:next|following) week", "day", 5, 13),
        (r"(?:(?:a few|several) )?weeks (?:later|afterwards?)|within weeks", "day", 7, 60),
        (rf"the (?:next|following) month|{_NUM} months? (?:later|afterwards?)", "month", -1, -1),
        (r"(?:later )?(?:that|the same|that same) month", "month", 0, 0),
        (rf"the (?:next|following) year|{_NUM} years? (?:later|afterwards?)", "year", -1, -1),
        (r"(?:later )?(?:that|the same|that same) year", "year", 0, 0),
    )
)


def _relative_match(text: str) -> tuple[str, int, int] | None:
    raw = " ".join(text.lower().replace("’", "'").split()).strip(" ,.")
    for pattern, unit, low, high in _RELATIVE:
        m = pattern.match(raw)
        if not m:
            continue
        if low == -1:
            groups = m.groupdict()
            n = groups.get("n")
            count = 1 if n is None else (int(n) if n.isdigit() else _NUMBERS[n])
            if unit == "week":
                return "day", 7 * count, 7 * count
            return unit, count, count
        return unit, low, high
    return None


def is_relative(text: str) -> bool:
    """Whether ``text`` is dated from an earlier date of the text ("hours later", "the next day")."""
    return _relative_match(text) is not None


def _bounds(iso: str) -> tuple[dt.date, dt.date, int]:
    """The first and last day an ISO date of any precision covers, and its precision (1-3)."""
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        day = dt.date(*parts)
        return day, day, 3
    if len(parts) == 2:
        first = dt.date(parts[0], parts[1], 1)
        nxt = dt.date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
        return first, nxt - dt.timedelta(days=1), 2
    return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31), 1


def _common(low: dt.date, high: dt.date, precision: int) -> str | None:
    """The most precise ISO date (at most ``precision``) covering every day from low to high."""
    if low == high and precision >= 3:
        return low.isoformat()
    if (low.year, low.month) == (high.year, high.month) and precision >= 2:
        return _iso(low.year, low.month)
    if low.year == high.year:
        return _iso(low.year)
    return None


def resolve_relative(text: str, anchor: str | None) -> str | None:
    """The date of a relative expression ("hours later", "two days later") from ``anchor``.

    ``anchor`` is the ISO date (any precision) of the event the expression counts from. The
    result never claims more precision than both give: "days later" after "last November"
    stays November (a few days rarely leave the month a writer chose to name), "weeks later"
    after it is only the year, and a range that straddles a year gives ``None``.
    """
    if not anchor:
        return None
    found = _relative_match(text)
    if found is None:
        return None
    unit, low, high = found
    try:
        first, last, precision = _bounds(anchor)
    except ValueError:
        return None
    if unit in ("month", "year"):
        if unit == "year":
            return _iso(first.year + low)
        if precision < 2:
            return _iso(first.year) if low == 0 else None  # "that month" of a year: still that year
        month = first.month - 1 + low
        return _iso(first.year + month // 12, month % 12 + 1)
    if precision < 3 and high <= 10:
        return anchor  # "hours later", "days later" after a month or a year: the same month or year
    return _common(first + dt.timedelta(days=low), last + dt.timedelta(days=high), precision)
