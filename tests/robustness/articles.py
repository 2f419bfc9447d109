"""Small articles written for these tests, with names made up from syllables by a seeded RNG.

Each article gets its own people and organisations, so cross-article entity resolution never
links two of them: an article's graph is then the same whether it is imported alone or in a
batch, which is what the crash and parallel-writer tests compare.
"""

from __future__ import annotations

import random
from pathlib import Path

__all__ = ["made_up_articles", "write_articles"]

_ONSETS = ("b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr", "gr", "kl",
           "pr", "st", "tr", "sk")
_VOWELS = ("a", "e", "i", "o", "u", "ai", "eo", "ia", "ou")
_CODAS = ("", "", "n", "r", "s", "l", "x", "th", "nd")
_ORG_WORDS = ("Labs", "Systems", "Robotics", "Analytics", "Dynamics", "Networks")
_FUNDS = ("Capital", "Ventures", "Partners")
_ROLES = ("chief executive", "chief technology officer", "chief financial officer", "president")

_TEMPLATE = """---
title: "{org} names {ceo} to lead the company"
published: 2022-{month:02d}-{day:02d}
---
{org} appointed {ceo} as its {role} on Tuesday, the company said in a statement.

{ceo} previously worked at {other}, where {ceo_last} ran the research group for four years.

{fund} invested ${amount} million in {org} last year, according to people familiar with the deal.

The board of {org} also said that {director} had joined it as an independent director.
"""


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS)
                   for _ in range(parts)).capitalize()


def made_up_articles(count: int, seed: int) -> list[tuple[str, str]]:
    """``count`` (file name, text) pairs, no name shared between two articles."""
    rng = random.Random(seed)
    used: set[str] = set()

    def fresh(parts: int) -> str:
        while True:
            word = _word(rng, parts)
            if word not in used and len(word) > 3:
                used.add(word)
                return word

    out = []
    for index in range(count):
        ceo_first, ceo_last = fresh(2), fresh(3)
        text = _TEMPLATE.format(
            org=f"{fresh(3)} {rng.choice(_ORG_WORDS)}",
            other=f"{fresh(3)} {rng.choice(_ORG_WORDS)}",
            fund=f"{fresh(2)} {fresh(2)} {rng.choice(_FUNDS)}",
            ceo=f"{ceo_first} {ceo_last}",
            ceo_last=ceo_last,
            director=f"{fresh(2)} {fresh(3)}",
            role=rng.choice(_ROLES),
            amount=rng.randint(5, 900),
            month=rng.randint(1, 12),
            day=rng.randint(1, 28),
        )
        out.append((f"article-{index:03d}.md", text))
    return out


def write_articles(folder: Path, articles: list[tuple[str, str]]) -> list[Path]:
    """Write the articles into ``folder`` (created) and return their paths in order."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in articles:
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
