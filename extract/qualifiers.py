"""Which date, amount and percentage in a sentence belong to a relation.

A sentence often carries several ("In 2019 X was founded; on Friday it raised $4 billion"),
so a value is attached only when it sits in the relation's own clause, in a participle or
infinitive hanging off it, in the clause of the verb that reports it ("..., the companies said
on Friday"), or in a date the clause itself modifies ("September 2023, when X agreed to ...").
The closest such value wins. Amounts keep their hedge words ("up to", "about") as written.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from extract.discourse_dates import load_cues
from extract.syntax import clause_verb

__all__ = ["MONEY_PREDICATES", "raw_qualifiers"]

#: Predicates for which an amount or a percentage is meaningful.
MONEY_PREDICATES = frozenset(("investedIn", "owns", "acquired", "partnerOf", "mergedInto"))
_AMOUNT_LEAD = (
    "up to",
    "about",
    "around",
    "roughly",
    "nearly",
    "almost",
    "more than",
    "over",
    "some",
    "approximately",
    "at least",
    "less than",
    "as much as",
)
#: Subordinators whose clause happens at (about) the time of the clause it hangs on.
_SAME_TIME = frozenset(("when", "as", "after", "while"))
_REPORTING = frozenset(("say", "announce", "tell", "confirm", "report", "disclose", "state", "write", "add"))


def _clause_family(gov: Token) -> tuple[Token, set[int], set[int]]:
    """The relation's clause verb, verbs directly hanging off it, and reporting verbs above or beside it."""
    clause = clause_verb(gov)
    near = {clause.i}
    for child in clause.children:
        if child.dep_ in ("advcl", "xcomp") and child.pos_ in ("VERB", "AUX"):
            near.add(child.i)
    if clause.head.i != clause.i:
        link = {c.lower_ for c in clause.children if c.dep_ in ("mark", "advmod", "aux")}
        # "... last November when the directors fired X"; "quit X last August to join Y"
        same_time = clause.dep_ == "advcl" and link & _SAME_TIME
        purpose = clause.dep_ in ("xcomp", "advcl") and "to" in link
        if same_time or purpose:
            near.add(clause_verb(clause.head).i)
        elif clause.dep_ == "acl" and gov.i == clause.i:
            # "a round led by Y" in "X was valued last year after a round led by Y"
            near.add(clause_verb(clause.head).i)
    # "Under an agreement announced on Friday, X will join Y": the report of the event noun
    cues = load_cues()
    for child in clause.children:
        if child.dep_ != "prep":
            continue
        for noun in child.children:
            if noun.dep_ == "pobj" and noun.lemma_.lower() in cues.anaphoric_event_nouns:
                for acl in noun.children:
                    if acl.dep_ == "acl" and acl.lemma_.lower() in cues.announce_verbs:
                        near.add(acl.i)
    report: set[int] = set()
    cur = clause
    for _ in range(4):
        for child in cur.children:
            if child.dep_ in ("ccomp", "parataxis", "advcl", "conj") and child.lemma_ in _REPORTING:
                report.add(child.i)
        if cur.dep_ in ("xcomp", "ccomp", "conj", "advcl") and cur.head.i != cur.i:
            if cur.head.lemma_ in _REPORTING:
                report.add(cur.head.i)
            if cur.dep_ == "ccomp":
                break
            cur = cur.head
        else:
            break
    return clause, near, report


def _date_anchor(gov: Token) -> Span | None:
    """A date the relation's clause modifies: "September 2023, when X agreed to put ...\"."""
    cur = clause_verb(gov)
    for _ in range(4):
        if cur.dep_ in ("relcl", "advcl", "acl") and cur.head.ent_type_ == "DATE":
            head = cur.head
            for ent in head.doc.ents:
                if ent.start <= head.i < ent.end:
                    return ent
        if cur.dep_ in ("xcomp", "conj", "ccomp") and cur.head.i != cur.i:
            cur = cur.head
        else:
            break
    return None


def _is_valuation(ent: Span) -> bool:
    head = ent.root.head
    if head.lower_ in ("at", "of") and head.head.lemma_.lower() in ("value", "valuation"):
        return True
    return head.lemma_.lower() in ("valuation", "value", "worth")


def _amount_text(doc: Doc, ent: Span) -> str:
    text = ent.text
    before = doc[max(ent.start - 3, 0) : ent.start].text.lower()
    low = text.lower()
    for lead in _AMOUNT_LEAD:
        if low.startswith(lead):
            break
        if before.endswith(lead):
            text = f"{lead} {text}"
            break
    return " ".join(text.split())


def raw_qualifiers(doc: Doc, sent: Span, trigger: Token, governor: Token, state_only: bool) -> dict:
    """``date`` (the text of the chosen date span), ``future`` (bool), ``amount``, ``percent``.

    ``state_only``: the relation is a title in apposition ("X, then CEO of Y") whose only
    qualifiers are inside the title's own phrase.
    """
    result: dict = {"date": None, "future": False, "amount": None, "percent": None}
    ents = []
    for ent in sent.ents:
        if ent.label_ not in ("DATE", "MONEY", "PERCENT"):
            continue
        if ent.label_ == "MONEY" and _is_valuation(ent):
            continue  # "valued at $1 billion" is a price, not an amount that changed hands
        if ent.label_ != "DATE" or len(ent) == 1:
            ents.append(ent)
            continue
        # the model sometimes runs two dates of two clauses together ("Tuesday, months after ...")
        start = ent.start
        for i in range(ent.start + 1, ent.end + 1):
            if i == ent.end or clause_verb(doc[i]).i != clause_verb(doc[start]).i:
                piece = doc[start:i]
                while len(piece) and piece[-1].is_punct:
                    piece = piece[:-1]
                if len(piece):
                    ents.append(Span(doc, piece.start, piece.end, label="DATE"))
                start = i
    if not ents:
        return result
    if state_only:
        # the title's own phrase, without clauses hanging on it ("X, the boss who was named ... on Sunday")
        inside = set(range(trigger.left_edge.i, trigger.right_edge.i + 1))
        for child in trigger.children:
            if child.dep_ in ("relcl", "acl", "advcl"):
                inside -= set(range(child.left_edge.i, child.right_edge.i + 1))
        chosen = {e.label_: e for e in ents if e.root.i in inside and e.root.i != trigger.i}
    else:
        clause, near, report = _clause_family(governor)
        chosen = {}
        ranked: dict[str, list[tuple[int, int, Span]]] = {}
        for ent in ents:
            cv = clause_verb(ent.root)
            if cv.i == clause.i:
                rank = 0
            elif cv.i in near:
                rank = 1
            elif cv.i in report:
                rank = 2
            else:
                continue
            ranked.setdefault(ent.label_, []).append((rank, abs(ent.root.i - trigger.i), ent))
        for label, items in ranked.items():
            chosen[label] = min(items, key=lambda x: (x[0], x[1]))[2]
        if "DATE" not in chosen:
            anchor = _date_anchor(governor)
            if anchor is not None:
                chosen["DATE"] = anchor
    if "DATE" in chosen:
        result["date"] = chosen["DATE"].text
        result["date_start"] = chosen["DATE"].start_char
        # the tense of the clause the date is in ("will invest, the company said on Monday": past)
        date_clause = clause_verb(chosen["DATE"].root)
        result["future"] = any(c.lower_ in ("will", "'ll") and c.dep_ == "aux" for c in date_clause.children)
    if "MONEY" in chosen:
        result["amount"] = _amount_text(doc, chosen["MONEY"])
    if "PERCENT" in chosen:
        result["percent"] = " ".join(
            chosen["PERCENT"].text.replace(" percent", "%").replace(" per cent", "%").split()
        )
    return result
