"""The worked example in ``docs/ontology.md`` is valid TriG and passes the shapes."""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import Dataset

from graph.validation import validate
from ontology.terms import AIGOV

DOC = Path(__file__).resolve().parents[2] / "docs" / "ontology.md"


def _example() -> str:
    blocks = re.findall(r"```turtle\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)
    assert len(blocks) == 1
    return blocks[0]


def test_the_documented_fact_parses_and_conforms():
    data = Dataset()
    data.parse(data=_example(), format="trig")
    assert len(list(data.quads((None, AIGOV.predicate, AIGOV.dismissedFrom, None)))) == 1
    report = validate(data)
    assert report.conforms, str(report)
