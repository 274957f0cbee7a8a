"""Actor pairs told by the words between two dictionary names, for when the parse misses them.

Headlines are short and often mis-parsed ("Clashes continue between SDF and IS" gives
"IS" as a verb; "Counterattack by ISIS against SDF" a verb "Counterattack"), yet the two
sides stand in plain sight: two actor names joined by "and" after "between", or by
"against". The joining words come from extract_cues.yaml (`pair_between`, `pair_against`);
"both sides" and "each other" point back to the two sides named before (`mutual_phrases`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from newsevents.resolve.actors import ActorMatch

# What may stand between a joining word and a name: an article, or a possessive's "its",
# and an opening quote ("against the “Islamic State”").
_FILLER = r"(?:\s+(?:the|its|their))?\s+[\"\u201c\u2018']?"


@dataclass(frozen=True)
class PairCues:
    """Compiled joining patterns: `between` (before the first name), `joined` (between the
    names after "between") and `against` (between two names on their own)."""

    between: re.Pattern[str]
    joined: re.Pattern[str]
    against: re.Pattern[str]
    # "areas controlled by A", "at the expense of A" / "A-held areas": A's ground was hit.
    holder_before: re.Pattern[str] = re.compile(r"(?!)")
    holder_after: re.Pattern[str] = re.compile(r"(?!)")
    # "both sides", "each other": the two sides named before, as one phrase.
    mutual: re.Pattern[str] = re.compile(r"(?!)")
    # Actor kinds that can be a side of a fight.
    armed: frozenset[str] = frozenset()


def compile_pair_cues(
    between: Sequence[str],
    joined: Sequence[str],
    against: Sequence[str],
    holder_before: Sequence[str] = (),
    holder_after: Sequence[str] = (),
    name_nouns: Sequence[str] = (),
    mutual: Sequence[str] = (),
    armed: Sequence[str] = (),
) -> PairCues:
    """Patterns from the word lists: each word may be followed by an article ("the"); the
    first name's phrase may end in a closing quote and one of `name_nouns` before the
    joining word ("the “Islamic State” organization and the regime forces")."""

    def alternation(words: Sequence[str]) -> str:
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)

    noun = rf"(?:(?:{alternation(name_nouns)})\s+)?" if name_nouns else ""
    tail = rf"^[\"\u201d\u2019']?\s*{noun}"

    return PairCues(
        between=re.compile(rf"\b(?:{alternation(between)}){_FILLER}$", re.IGNORECASE),
        joined=re.compile(rf"{tail}(?:{alternation(joined)}){_FILLER}$", re.IGNORECASE),
        against=re.compile(rf"{tail}(?:{alternation(against)}){_FILLER}$", re.IGNORECASE),
        holder_before=re.compile(
            rf"\b(?:{alternation(holder_before)}){_FILLER}$" if holder_before else r"(?!)",
            re.IGNORECASE,
        ),
        holder_after=re.compile(
            rf"^[\"\u201d\u2019']?(?:['\u2019]s?)?[\s-]*(?:{alternation(holder_after)})\b"
            if holder_after
            else r"(?!)",
            re.IGNORECASE,
        ),
        mutual=re.compile(rf"\b(?:{alternation(mutual)})\b" if mutual else r"(?!)", re.IGNORECASE),
        armed=frozenset(armed),
    )


def held_side(
    text: str,
    matches: Sequence[ActorMatch],
    cues: PairCues,
    window: tuple[int, int] | None = None,
) -> ActorMatch | None:
    """The first actor of `text` written as the holder of the ground an act hit ("shelling
    on areas controlled by A", "the controlled areas of A", "A-held areas", "advance at
    the expense of A"); only names inside `window` (character offsets) count."""
    for m in sorted(matches, key=lambda m: m.start):
        if window is not None and not (window[0] <= m.start and m.end <= window[1]):
            continue
        if cues.holder_before.search(text[: m.start]) or cues.holder_after.match(text[m.end :]):
            return m
    return None


def paired_sides(
    text: str,
    matches: Sequence[ActorMatch],
    cues: PairCues,
    window: tuple[int, int] | None = None,
    *,
    opposed: bool = True,
) -> tuple[ActorMatch, ActorMatch] | None:
    """The first two distinct actors of `text` written as two sides ("between A and B",
    "A against B"), first side first; only names inside `window` (character offsets) count,
    and "against" only when `opposed` (an act of violence, not a protest's slogan)."""
    found = sorted(
        (m for m in matches if window is None or (window[0] <= m.start and m.end <= window[1])),
        key=lambda m: m.start,
    )
    for a, b in pairwise(found):
        if a.actor.name == b.actor.name or b.start < a.end:
            continue
        gap = text[a.end : b.start]
        if cues.joined.match(gap) and cues.between.search(text[: a.start]):
            return a, b
        if opposed and cues.against.match(gap):
            return a, b
    return None


def mutual_sides(
    text: str,
    matches: Sequence[ActorMatch],
    cues: PairCues,
    earlier: Sequence[ActorMatch] = (),
    skip: Sequence[tuple[int, int]] = (),
) -> tuple[ActorMatch, ActorMatch] | None:
    """The two sides that "both sides", "each other" or "between them" in `text` point
    back to: the last two distinct armed actors named before the phrase, else those of
    `earlier` (the previous sentence's names); names inside `skip` (a speaker's words)
    never count. First named first; None without the phrase or two such actors."""
    phrase = cues.mutual.search(text)
    if phrase is None:
        return None

    def armed(found: Sequence[ActorMatch]) -> list[ActorMatch]:
        # Only dictionary names: "fighters" or "the gunmen" are no side of their own.
        return [m for m in found if not m.generic and m.actor.known and m.actor.kind in cues.armed]

    def sides(found: Sequence[ActorMatch]) -> tuple[ActorMatch, ActorMatch] | None:
        last: list[ActorMatch] = []
        for m in sorted(found, key=lambda m: m.start, reverse=True):
            if all(m.actor.name != k.actor.name for k in last):
                last.append(m)
            if len(last) == 2:
                return last[1], last[0]
        return None

    own = armed(
        [
            m
            for m in matches
            if m.end <= phrase.start() and not any(m.start < e and s < m.end for s, e in skip)
        ]
    )
    # Mixing a name of this sentence with one of the sentence before guesses too much:
    # the previous sentence counts only when this one names no side itself.
    return sides(own) if own else sides(armed(earlier))
