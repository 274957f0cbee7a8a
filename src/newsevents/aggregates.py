"""Totals over a period: the clause of a sentence that counts many events, not one.

"More than 550 civilians have been killed in the last two months" or "the toll since the
start of the offensive has risen to 1,200" report an aggregate: no event of the record's
kind (one act, one place, one day) is true of it, so the extractor makes none from it. A
clause of its own that tells one act keeps it ("killed 12 in an attack on Monday, bringing
the toll this month to 80"). A habit is no event either ("regime jets often bomb markets",
"the alliance has repeatedly been accused of killing civilians"). The cues are in
data/aggregate_cues.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Token

from newsevents.data_files import as_data_errors, package_data, read_yaml_mapping, word_set


@dataclass(frozen=True)
class AggregateCues:
    """Phrases that bound a total always (`totals`) or only in a perfect or a tally's
    clause (`calendar`), and the lemmas of a tally."""

    totals: re.Pattern[str]
    calendar: re.Pattern[str]
    tally: frozenset[str]
    # Words that rank one event against those since a date ("the first attack since 2015"),
    # besides the tagger's superlatives ("the deadliest attack since 2016").
    ranking: frozenset[str] = frozenset()
    # Adverbs that make a clause tell a habit ("often bomb"), and those that do so in a
    # perfect only ("have repeatedly shelled").
    habitual: frozenset[str] = frozenset()
    iterative: frozenset[str] = frozenset()
    # Spans that make a clause's count a running total, the act it tells standing ("raise
    # the toll to 190 within 27 days").
    tolls: re.Pattern[str] = re.compile(r"(?!)")


def _alternation(patterns: list[object]) -> re.Pattern[str]:
    body = "|".join(f"(?:{p})" for p in patterns)
    return re.compile(rf"\b(?:{body})", re.IGNORECASE)


@lru_cache(maxsize=2)
def load_aggregate_cues(path: Path | None = None) -> AggregateCues:
    """Load the period and tally cues (bundled data/aggregate_cues.yaml by default)."""
    src = path or package_data("aggregate_cues.yaml")
    data = read_yaml_mapping(src)
    with as_data_errors(src, "aggregate cues"):
        return AggregateCues(
            totals=_alternation(list(data["period_totals"])),
            calendar=_alternation(list(data["calendar_periods"])),
            tally=word_set(data, "tally_words", src),
            ranking=word_set(data, "ranking_words", src),
            habitual=word_set(data, "habitual_adverbs", src),
            iterative=word_set(data, "iterative_adverbs", src),
            tolls=_alternation(list(data["period_tolls"])),
        )


# A verb's own arguments: a conjunct verb with none shares the clause it is joined to.
_OWN_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "obj", "attr", "dative"})


def _clause_verb(tok: Token) -> Token:
    """The verb a phrase hangs from (the phrase's own root when no verb governs it)."""
    node = tok
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        node = node.head
    return node


def _perfect(verb: Token) -> bool:
    """A perfect ("has killed", "have been killed"): a count up to now."""
    return any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children)


# Dependencies that open a clause of its own: a habit told there is not the event word's.
_CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "advcl", "relcl", "acl", "parataxis"})


def told_as_pattern(word: Token, cues: AggregateCues) -> bool:
    """Whether the clause of an event word tells a habit, not one act: the word or a verb
    it hangs from in its clause takes a habitual adverb ("jets often bomb markets") or, in
    a perfect, an iterative one ("has repeatedly been accused of killing civilians")."""
    node = word
    while True:
        for child in node.children:
            if child.dep_ != "advmod":
                continue
            adverb = child.lower_
            if adverb in cues.habitual or (adverb in cues.iterative and _perfect(node)):
                return True
        if node.dep_ in _CLAUSE_DEPS or node.head.i == node.i:
            return False
        node = node.head


def _counts_a_tally(verb: Token, tally: frozenset[str]) -> bool:
    """The clause names a running count: its verb ("bringing", "raising") or its subject or
    object ("the toll rose", "brought the total") is a tally word."""
    if verb.lemma_.lower() in tally:
        return True
    return any(c.lemma_.lower() in tally for c in verb.children if c.pos_ == "NOUN")


def _bounds_a_total(root: Token, verb: Token, tally: frozenset[str]) -> bool:
    """A calendar period ("this month", "in March") that bounds its clause's count: it
    modifies the verb itself (not a noun: "a car bomb in March") or a count the parser
    joined to the verb ("have been killed and hundreds more injured ... since November
    15"), and the verb is a perfect or counts a tally."""
    head = root.head
    if head.dep_ == "conj" and head.head.i == verb.i and head.pos_ == "NOUN":
        head = verb
    if head.i != verb.i or root.i == verb.i:
        return False
    return _perfect(verb) or _counts_a_tally(verb, tally)


_SUPERLATIVE_TAGS = frozenset({"JJS", "RBS"})
# A war's or a campaign's whole course: no one event is ranked against it.
_WHOLE_COURSE = re.compile(
    r"\b(?:war|conflict|revolution|uprising|crisis|insurgency)\b", re.IGNORECASE
)


def _quantifier(tok: Token) -> bool:
    """ "least" or "most" of "at least", "at most": a count's bound, not a rank."""
    return tok.i > 0 and tok.doc[tok.i - 1].lower_ == "at"


_CLAUSE_BREAKS = frozenset({",", ";", ":", "(", ")"})


def ranks_one_event(doc: Doc, since: int, cues: AggregateCues) -> bool:
    """Whether the period phrase at token `since` ranks one event against the others of
    the period ("the largest massacre in Qaboun since late 2014", "the heaviest clashes
    since the start of the truce", "the latest in a series of blows in recent weeks"): a
    superlative or ranking word comes before it in the same clause."""
    for k in range(since - 1, -1, -1):
        tok = doc[k]
        if (tok.tag_ in _SUPERLATIVE_TAGS and not _quantifier(tok)) or tok.lower_ in cues.ranking:
            return True
        if tok.text in _CLAUSE_BREAKS or (tok.pos_ in ("VERB", "AUX") and tok.dep_ != "amod"):
            return False
    return False


def aggregate_scope(doc: Doc, text: str, cues: AggregateCues) -> set[int] | None:
    """The token indices of the clauses that tell a total over a period: the subtree of
    the verb the period phrase hangs from and the rest of the sentence after the phrase,
    the whole sentence when that verb is the main one. None when no clause tells one.
    `text` is the sentence's text and `doc` its parse (char offsets from the sentence)."""
    spans: list[tuple[int, int, bool]] = [
        (m.start(), m.end(), True) for m in cues.totals.finditer(text)
    ]
    # The calendar cues cost a regex pass only; the parse is consulted when one matches.
    spans += [(m.start(), m.end(), False) for m in cues.calendar.finditer(text)]
    scope: set[int] = set()
    for start, end, always in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            if always:
                return set(range(len(doc)))
            continue
        since = span[0].lower_ == "since"
        if (since or not _WHOLE_COURSE.search(span.text)) and ranks_one_event(
            doc, span.start, cues
        ):
            # "the deadliest attack since 2016", "the latest in a series of blows to the
            # terrorists in recent weeks": one event ranked against the period's others
            # (not a war's whole course: "Assad's strongest backer during the civil war";
            # "the heaviest attack since the war began" does rank one).
            continue
        verb = _clause_verb(span.root)
        if verb.i == span.root.i and verb.dep_ == "advcl" and span[0].lower_ == "since":
            # "killed since a cease-fire collapsed": a clause of its own that bounds the
            # count of the verb it modifies.
            verb = _clause_verb(verb.head)
        while (
            verb.dep_ == "conj"
            and verb.head.pos_ in ("VERB", "AUX")
            and not any(c.dep_ in _OWN_ARGUMENTS for c in verb.children)
        ):
            # "374 people recorded killed in the city and countryside during the past
            # week", the tagger reading "countryside" as a verb: a conjunct with no
            # subject or object of its own shares the clause of the verb it is joined to.
            verb = verb.head
        if not always and not _bounds_a_total(span.root, verb, cues.tally):
            continue
        if not _add_clause(scope, doc, span.start, verb):
            return set(range(len(doc)))
    return scope or None


def running_toll_scope(doc: Doc, text: str, cues: AggregateCues) -> set[int] | None:
    """The token indices of the clauses whose count is a running total though their act
    stands ("4 new raids target the city and raise the toll to 190 within 27 days"), as
    `aggregate_scope` delimits clauses; None when no clause has one."""
    scope: set[int] = set()
    for match in cues.tolls.finditer(text):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None or not _add_clause(scope, doc, span.start, _clause_verb(span.root)):
            return set(range(len(doc)))
    return scope or None


def _add_clause(scope: set[int], doc: Doc, start: int, verb: Token) -> bool:
    """Add the clause of `verb` from a phrase at token `start` to `scope`: the verb's
    subtree and the rest of the sentence; False when that is the whole sentence (the verb is
    the main one, or no verb governs the phrase)."""
    if verb.dep_ == "ROOT" or verb.pos_ not in ("VERB", "AUX"):
        return False
    scope.update(t.i for t in verb.subtree)
    # What follows the total continues it ("a campaign that spanned five years, unleashed
    # 100,000 bombs and killed untold numbers"), however the parser attached the later
    # verbs: the clause that reports the new event comes first.
    scope.update(range(start, len(doc)))
    return True
