"""Made-up but name-like people and organisations, distinct within a run.

Built from syllables so no real company or person is named, and plausible enough (two
capitalised words, a corporate suffix) that spaCy's NER still tags them as names.
"""

from __future__ import annotations

import random

__all__ = ["NameMaker"]

_ONSETS = ("b", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "tr", "st", "gr")
_VOWELS = ("a", "e", "i", "o", "u", "ai", "ea", "o")
_CODAS = ("", "", "n", "r", "l", "s", "m", "nd", "rt")
_FIRST_ENDINGS = ("a", "o", "en", "in", "el", "an", "ie")
_SUFFIXES = {
    "Company": ("Labs", "Systems", "Technologies", "Robotics", "Inc."),
    "Organization": ("Group", "Institute", "Alliance"),
    "NonProfit": ("Foundation", "Trust"),
    "Investor": ("Capital", "Ventures", "Partners"),
    "GovernmentBody": ("Authority", "Commission", "Agency"),
}


class NameMaker:
    """Fresh names on demand; never the same full name twice for one maker."""

    def __init__(self, seed: int = 0) -> None:
        self._rng = random.Random(seed)
        self._seen: set[str] = set()

    def _syllable(self) -> str:
        r = self._rng
        return r.choice(_ONSETS) + r.choice(_VOWELS) + r.choice(_CODAS)

    def word(self, syllables: tuple[int, int] = (2, 3)) -> str:
        return "".join(self._syllable() for _ in range(self._rng.randint(*syllables))).capitalize()

    def _fresh(self, make) -> str:
        for _ in range(1000):
            name = make()
            if name not in self._seen:
                self._seen.add(name)
                return name
        raise RuntimeError("name space exhausted")  # cannot happen at benchmark sizes

    def first_name(self) -> str:
        return (self._syllable() + self._rng.choice(_FIRST_ENDINGS)).capitalize()

    def person(self) -> str:
        return self._fresh(lambda: f"{self.first_name()} {self.word()}")

    def surname(self) -> str:
        return self._fresh(self.word)

    def organisation(self, kind: str) -> tuple[str, str]:
        """``(name, type)``: a made-up word and a suffix that fits the type."""
        suffix = self._rng.choice(_SUFFIXES.get(kind, _SUFFIXES["Organization"]))
        return self._fresh(lambda: f"{self.word()} {suffix}"), kind
