"""Tense cues for the date tagger: is a date told as past or as coming?

"on Friday" in a report of what happened is the last Friday; in "talks will resume on
Friday" it is the next one. The cue words are in `data/time_words.yaml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from newsevents.resolve.timex_calendar import Tense
from newsevents.resolve.timex_words import alternation, time_words

__all__ = [
    "clause_is_past",
    "future_cue_positions",
    "looks_ahead",
    "past_verb_before",
    "sentence_span",
    "sentence_tense",
    "tense_at",
    "told_as_past",
]

# A stop, perhaps closing a quotation ('' or a curly quote), before a capital or an
# opening quote; or a blank line.
_SENTENCE_END = re.compile(r"[.!?](?:''|[\"'\u2019\u201d])?\s+(?=[A-Z\"'`\u2018\u201c])|\n\s*\n")
_SENTENCE_WINDOW = 300
_CLAUSE_STOP = re.compile(r"[.;:!?,]\s|\n")
_CLAUSE_WINDOW = 150
_PAST_BEFORE = re.compile(r"\b[a-z]{3,}ed\s+(?:on\s+)?$")


@dataclass(frozen=True)
class _TenseRules:
    future: re.Pattern[str]
    will_nouns: frozenset[str]
    past_before: re.Pattern[str]
    past_word: re.Pattern[str]
    clause_past: re.Pattern[str]
    prospective: re.Pattern[str]
    forward: re.Pattern[str]
    superseded: re.Pattern[str]
    dated_act: re.Pattern[str]


@lru_cache(maxsize=1)
def _rules() -> _TenseRules:
    words = time_words()
    # "(will) be held on Monday" is not a past verb
    past = rf"(?<!\bbe\s)(?<!\bbeen\s)(?<!\bbeing\s)\b{alternation(words.words('past_verbs'))}"
    prospective = alternation(words.words("prospective_cues"))
    speech = set(words.words("speech_verbs"))
    return _TenseRules(
        future=re.compile(rf"\b{alternation(words.words('future_cues'))}\b", re.I),
        will_nouns=words.lower_set("will_noun_precedents"),
        past_before=re.compile(rf"{past}\s+(?:(?:on|late|early)\s+)?$", re.I),
        past_word=re.compile(rf"{past}\b", re.I),
        # a clause's own past verb; "said" and the like report the clause, not date it
        clause_past=re.compile(
            rf"\b{alternation(w for w in words.words('past_verbs') if w not in speech)}\b", re.I
        ),
        # the cue and the date in one clause: no comma or stop between them (an initial's
        # full stop, "Daniel P. Davison", does not end the clause)
        prospective=re.compile(rf"\b{prospective}\b(?P<gap>(?:\b[A-Z]\.|[^.,;:!?])*)$", re.I),
        forward=re.compile(
            rf"\b{alternation(words.words('forward_prepositions'))}\s+(?:mid-?|early\s+|late\s+)?$",
            re.I,
        ),
        superseded=re.compile(rf"\b{alternation(words.words('superseded_plan_leads'))}\s+$", re.I),
        # the date and up to three lower-case words before the act's noun
        dated_act=re.compile(
            rf"(?:\s+(?:[a-z][\w-]*\s+){{0,3}}?){alternation(words.words('dated_act_nouns'))}\b"
        ),
    )


def sentence_span(text: str, position: int) -> tuple[int, int]:
    """Start and end of the sentence around a position (within a window, for speed)."""
    low = max(0, position - _SENTENCE_WINDOW)
    start = low
    for m in _SENTENCE_END.finditer(text, low, position):
        start = m.end()
    after = _SENTENCE_END.search(text, position, position + _SENTENCE_WINDOW)
    return start, after.start() + 1 if after else min(len(text), position + _SENTENCE_WINDOW)


def future_cue_positions(text: str) -> list[int]:
    """Where the text says something will happen ("will", "plans to", "next week")."""
    rules = _rules()
    found: list[int] = []
    for m in rules.future.finditer(text):
        if m.group(0).lower() == "will":
            before = re.search(r"([\w']+)\s*$", text[max(0, m.start() - 30) : m.start()])
            if before and before.group(1).lower() in rules.will_nouns:
                continue  # "the will of the people"
        found.append(m.start())
    return found


def sentence_tense(text: str) -> Tense:
    """Cheap tense cue: "future" with "will", "plans to", "next week" and the like, else "past"."""
    return "future" if future_cue_positions(text) else "past"


def past_verb_before(text: str, start: int) -> bool:
    """True when a past verb comes right before a position ("said Friday")."""
    return _rules().past_before.search(text, max(0, start - 40), start) is not None


def told_as_past(text: str, start: int) -> bool:
    """True when a past form stands right before a position ("said Friday", "shares
    issued July 1"): the date there is told as past whatever follows."""
    return past_verb_before(text, start) or (
        _PAST_BEFORE.search(text, max(0, start - 30), start) is not None
    )


def clause_is_past(text: str, start: int) -> bool:
    """True when the clause around a position has a past verb ("Rebels attacked the town
    on 25 March", "Fighting in April killed 20"): a date in it is told as past."""
    low = max(0, start - _CLAUSE_WINDOW)
    before = text[low:start]
    stops = [m.end() for m in _CLAUSE_STOP.finditer(before)]
    begin = low + (stops[-1] if stops else 0)
    after = _CLAUSE_STOP.search(text, start, start + _CLAUSE_WINDOW)
    end = after.start() if after else min(len(text), start + _CLAUSE_WINDOW)
    return _rules().clause_past.search(text, begin, end) is not None


def names_an_act(text: str, end: int) -> bool:
    """True when a date ending at `end` premodifies the noun of a violent act ("an August
    21 chemical weapons attack"): it dates an act that has happened."""
    return _rules().dated_act.match(text, end, end + 60) is not None


def looks_ahead(text: str, start: int) -> bool:
    """True when a deadline word comes right before a position ("by Jan. 14", "until
    March 6"): an unyeared date there lies in the coming months whatever the tense."""
    return _rules().forward.search(text, max(0, start - 30), start) is not None


def tense_at(text: str, start: int, tense: Tense) -> Tense:
    """The tense at one expression of a text whose overall tense is `tense`.

    Past when a past verb comes right before it ("said Friday") or stands between it
    and every future cue ("said Saturday the US will remain").
    """
    rules = _rules()
    if past_verb_before(text, start):
        return "past"
    near = rules.prospective.search(text, max(0, start - 60), start)
    if near and not rules.past_word.search(near["gap"]):
        if rules.superseded.search(text, max(0, near.start() - 20), near.start()):
            return "past"  # "it had been due to expire Friday": a plan told in the past
        return "future"
    if _PAST_BEFORE.search(text, max(0, start - 30), start):
        return "past"  # "shares issued July 1": a past form right before the date
    # A past-tense text is read clause by clause: "talks will resume on Monday" in a
    # report is still the coming Monday.
    low_end, high_end = sentence_span(text, start)
    sentence = text[low_end:high_end]
    cues = [low_end + c for c in future_cue_positions(sentence)]
    if tense == "past":
        # a report's "Friday ... will" is a past Friday followed by a plan, unless the
        # sentence opens with the day and no past verb comes before the cue ("On
        # Tuesday, the league plans to ...")
        opening = not text[low_end:start].strip(" \t\"'`(").lower().removesuffix("on").strip()
        cues = [c for c in cues if c < start or opening]
    if not cues:
        return tense
    pasts = [low_end + m.start() for m in rules.past_word.finditer(sentence)]
    for cue in cues:
        low, high = min(cue, start), max(cue, start)
        if not any(low < p < high for p in pasts):
            return "future"
    return "past"
