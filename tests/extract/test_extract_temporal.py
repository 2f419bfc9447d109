"""Date expressions resolved against the publication date, at the precision the text gives."""

from __future__ import annotations

import datetime as dt

import pytest

from extract.temporal import resolve_date

FRIDAY = dt.date(2024, 11, 22)  # a Friday
CASES = [
    ("on Friday", FRIDAY, False, "2024-11-22"),
    ("Friday", dt.date(2024, 11, 25), False, "2024-11-22"),
    ("Tuesday", dt.date(2024, 3, 22), False, "2024-03-19"),
    ("Tuesday", dt.date(2024, 3, 22), True, "2024-03-26"),
    ("last June", dt.date(2024, 3, 22), False, "2023-06"),
    ("last November", dt.date(2024, 6, 20), False, "2023-11"),
    ("Nov. 17", dt.date(2023, 11, 21), False, "2023-11-17"),
    ("November 16", dt.date(2023, 11, 21), True, "2023-11-16"),
    ("December 30", dt.date(2024, 1, 3), False, "2023-12-30"),
    ("May 14", dt.date(2024, 6, 20), False, "2024-05-14"),
    ("in 2019", FRIDAY, False, "2019"),
    ("2014", FRIDAY, False, "2014"),
    ("September 2023", FRIDAY, False, "2023-09"),
    ("in September 2023", FRIDAY, False, "2023-09"),
    ("November 17, 2023", FRIDAY, False, "2023-11-17"),
    ("17 November 2023", FRIDAY, False, "2023-11-17"),
    ("this year", FRIDAY, False, "2024"),
    ("last year", FRIDAY, False, "2023"),
    ("late last year", FRIDAY, False, "2023"),
    ("last month", dt.date(2024, 6, 20), False, "2024-05"),
    ("in January", dt.date(2024, 3, 1), False, "2024-01"),
    ("in August", dt.date(2024, 3, 1), False, "2023-08"),
    ("March of this year", FRIDAY, False, "2024-03"),
    ("around the end of 2020", FRIDAY, False, "2020"),
]


@pytest.mark.parametrize(("text", "published", "future", "want"), CASES, ids=[c[0] for c in CASES])
def test_resolve(text, published, future, want):
    assert resolve_date(text, published, future=future) == want


@pytest.mark.parametrize(
    "text",
    [
        "days later",
        "six and a half years",
        "between 2016 and September 2020",
        "hours later",
        "about five months",
        "",
    ],
)
def test_vague_or_ranged_dates_give_nothing(text):
    assert resolve_date(text, FRIDAY) is None


def test_relative_dates_need_a_publication_date():
    assert resolve_date("on Friday", None) is None
    assert resolve_date("last June", None) is None
    assert resolve_date("in 2019", None) == "2019"
    assert resolve_date("September 2023", None) == "2023-09"
