"""The gazetteer ruler: known entities from ``data/gazetteer.yaml`` marked in ``doc.ents``.

The statistical model mislabels short AI-industry names ("Twitch" as a person, "AI" as a
place) and splits or misses others; a known name is a stronger signal than a guess, so the
ruler's spans replace any statistical span they overlap. Each span carries the canonical name
in ``span.id_`` (``"~"`` + name for a weak alias, which only counts when the article also uses
a strong form; see :mod:`extract.coref`).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from extract.resources import Resources, load_resources

__all__ = ["GazetteerRuler", "spacy_label"]

_LABELS = {"Person": "PERSON", "Place": "GPE", "Event": "EVENT"}


def spacy_label(entity_type: str) -> str:
    """The spaCy entity label for an ontology type (organisations are all ``ORG``)."""
    return _LABELS.get(entity_type, "ORG")


class GazetteerRuler:
    """Marks every gazetteer name in a doc; longest match wins, and known names beat the model."""

    def __init__(self, nlp: Language, resources: Resources | None = None) -> None:
        self.resources = resources or load_resources()
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.labels: dict[str, str] = {}
        for entry in self.resources.gazetteer:
            strong = [entry.name, *entry.aliases]
            self._add(nlp, entry.name, strong, spacy_label(entry.type))
            if entry.weak_aliases:
                self._add(nlp, "~" + entry.name, list(entry.weak_aliases), spacy_label(entry.type))

    def _add(self, nlp: Language, key: str, forms: list[str], label: str) -> None:
        docs = [nlp.make_doc(form) for form in dict.fromkeys(forms) if form.strip()]
        if docs:
            self.matcher.add(key, docs)
            self.labels[key] = label

    @staticmethod
    def _inside_name(doc: Doc, span: Span) -> bool:
        """A known place inside a longer organisation name ("The New York Times") is part of that name."""
        if span.label_ != "GPE":
            return False
        for ent in doc.ents:
            if ent.start <= span.start and span.end <= ent.end and ent.label_ in ("ORG", "FAC", "EVENT"):
                return (ent.end - ent.start) > (span.end - span.start)
        return False

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings
        found = []
        for match_id, start, end in self.matcher(doc):
            key = strings[match_id]
            span = Span(doc, start, end, label=self.labels[key], span_id=key)
            found.append(span)
        if not found:
            return doc
        chosen = [span for span in filter_spans(found) if not self._inside_name(doc, span)]
        if not chosen:
            return doc
        covered = set()
        for span in chosen:
            covered.update(range(span.start, span.end))
        kept = [ent for ent in doc.ents if not any(i in covered for i in range(ent.start, ent.end))]
        doc.ents = filter_spans([*kept, *chosen])
        return doc
