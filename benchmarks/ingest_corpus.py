"""A large ingest corpus made from the example articles: new names and shifted dates per copy.

Each copy of an example gets fresh made-up people and organisations in place of the ones the
extractor finds in it (their canonical names, aliases and, for people, first and last names
alone, so "Ms. X" follows "Y X"), and its years shifted, so the store keeps growing with new
entities as a real news stream does, instead of re-adding one article's facts. Which strings
to replace comes from the extractor's own entity list, so nothing here names anyone.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from benchmarks.corpus import EXAMPLES
from benchmarks.names import NameMaker

__all__ = ["Template", "templates", "write_corpus"]

_YEAR = re.compile(r"(?<!\d)(20[0-2]\d)(?!\d)")
_ORG_KINDS = ("Organization", "Company", "NonProfit", "Investor", "GovernmentBody")


class Template:
    """One example file and the entity strings in it: ``(surface form, role, entity index, type)``."""

    def __init__(self, path: Path, raw: str, entities: list[dict]) -> None:
        self.path = path
        self.raw = raw
        self.entities = [e for e in entities if e["type"] == "Person" or e["type"] in _ORG_KINDS]

    def instantiate(self, names: NameMaker, rng: random.Random) -> str:
        """The raw file text with every entity renamed and every year shifted."""
        mapping: dict[str, str] = {}
        for entity in self.entities:
            forms = [entity["name"], *entity["aliases"]]
            if entity["type"] == "Person":
                new = names.person()
                old_first, old_last = entity["name"].split()[0], entity["name"].split()[-1]
                new_first, new_last = new.split()[0], new.split()[-1]
                for form in forms:
                    mapping.setdefault(form, new_last if form == old_last else
                                       new_first if form == old_first else new)
                if len(entity["name"].split()) > 1:
                    mapping.setdefault(old_last, new_last)
            else:
                new = names.organisation(entity["type"])[0]
                for form in forms:
                    mapping.setdefault(form, new)
        mapping = {k: v for k, v in mapping.items() if len(k) > 2 and k[:1].isupper()}
        text = self.raw
        if mapping:
            forms = "|".join(re.escape(k) for k in sorted(mapping, key=len, reverse=True))
            pattern = re.compile(r"(?<!\w)(" + forms + r")(?!\w)")
            text = pattern.sub(lambda m: mapping[m.group(1)], text)
        delta = rng.randint(-6, 2)
        return _YEAR.sub(lambda m: str(int(m.group(1)) + delta), text)


def templates(folder: Path = EXAMPLES) -> list[Template]:
    """The example files with the entities the extractor finds in each (loads spaCy)."""
    from extract import Extractor, load_article

    extractor = Extractor()
    out = []
    for path in sorted(folder.iterdir()):
        if path.suffix not in {".md", ".txt"}:
            continue
        article = load_article(path)
        doc = extractor.nlp(article.text)
        out.append(Template(path, path.read_text(encoding="utf-8"), list(doc._.aigov_entities or [])))
    return out


def write_corpus(out: Path, count: int, per_folder: int, seed: int = 5) -> list[Path]:
    """``count`` articles in folders of ``per_folder`` under ``out``; returns the folders in order."""
    rng = random.Random(seed)
    names = NameMaker(seed)
    bases = templates()
    folders: list[Path] = []
    for n in range(count):
        if n % per_folder == 0:
            folders.append(out / f"part-{len(folders):02d}")
            folders[-1].mkdir(parents=True, exist_ok=True)
        template = bases[n % len(bases)]
        (folders[-1] / f"{n:05d}-{template.path.stem[:20]}.md").write_text(
            template.instantiate(names, rng), encoding="utf-8")
    return folders
