"""Headlines and sentences that join two events ("A kills 5 in X; B shells Y"): the
parts each event is read from.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span

from newsevents.analyse import Sentence
from newsevents.extract_context import Cues, Trigger
from newsevents.extract_syntax import headline_head, lone_capital
from newsevents.records import Mention


@dataclass(frozen=True)
class Part:
    """One event of a headline that reports several: its triggers, the start tokens of
    its place spans, the tokens it spans, and whether it repeats the part before it at a
    coordinated place ("in Idlib and Hama")."""

    triggers: list[Trigger]
    places: frozenset[int]
    tokens: range
    copy: bool = False
    headed: bool = False  # opened by a casualty noun ("... and casualties in Rastan")
    # The tokens whose names give its sides: a copy's reach back to the part it repeats
    # ("clashes between the regime and IS in al-Bab and in the vicinity of Hayyan").
    sides: range | None = None

    @property
    def side_tokens(self) -> range:
        """Where the part's two sides may be written."""
        return self.sides if self.sides is not None else self.tokens


@dataclass
class _Segment:
    start: int
    end: int
    triggers: list[Trigger]
    places: list[int]
    headed: bool = False


def _segments(
    doc: Doc, triggers: list[Trigger], places: Sequence[Span], cues: Cues
) -> list[_Segment]:
    """The sentence cut at coordinators ("and", commas, "as well as") that follow a
    trigger: headlines join their events that way, and the small model often attaches a
    later event's place to the earlier one, so the cut follows the words, not the parse."""
    by_token = {t.token.i: t for t in triggers}
    starts = {span.start for span in places}
    lowers = [t.lower_ for t in doc]
    segments = [_Segment(0, 0, [], [])]
    i = 0
    while i < len(doc):
        current = segments[-1]
        width = _coordinator_width(lowers, i, cues)
        if width and doc[i].text == "," and not _joins(doc, i, by_token):
            width = 0  # "killed in Idlib, northwest Syria": an apposition, not a new part
        # After a part of places only, only a list of places goes on ("in Hasakah, Homs
        # and Tartous").
        listing = bool(current.places) and len(segments) > 1
        if width and (current.triggers or listing):
            current.end = i
            segments.append(_Segment(i + width, i + width, [], []))
            i += width
            continue
        trig = by_token.get(i)
        # The first part opens so after a count too ("3 Casualties in al-Rastan and ...").
        later = len(segments) > 1 or i > 0
        opening = trig is not None and later and _opens_part(doc, current.start, i)
        if trig is not None and (
            trig.cls.strong or current.triggers or opening or headline_head(trig.token)
        ):
            # A casualty word ("left two dead") adds to an event; it starts none unless it
            # heads the headline ("Casualties in Deir Ezzor and executions in Tal Abyad")
            # or a part of it ("clashes in Homs and casualties in Rastan").
            current.triggers.append(by_token[i])
            current.headed = current.headed or (opening and not trig.cls.strong)
        if i in starts:
            current.places.append(i)
        i += 1
    segments[-1].end = len(doc)
    return segments


def _opens_part(doc: Doc, start: int, i: int) -> bool:
    """Is the noun at token i the head word a part of a headline opens with, after at most
    a determiner, count or adjective ("and more casualties in", "and 4 casualties in")?"""
    if doc[i].pos_ != "NOUN" and not (doc[i].pos_ == "PROPN" and lone_capital(doc[i])):
        return False
    return all(doc[k].pos_ in ("DET", "NUM", "ADJ") for k in range(start, i))


def _joins(doc: Doc, i: int, triggers: dict[int, Trigger]) -> bool:
    """Does the comma at token i join parts: does "and" or a trigger word follow it?"""
    return any(t.i in triggers or t.lower_ == "and" for t in doc[i + 1 :])


def _coordinator_width(lowers: list[str], i: int, cues: Cues) -> int:
    """How many words a coordinator starting at word i takes (0: none)."""
    for phrase in cues.coordinators:
        if phrase[0] == lowers[i] and tuple(lowers[i : i + len(phrase)]) == phrase:
            return len(phrase)
    return 0


def split_parts(
    doc: Doc, triggers: list[Trigger], places: Sequence[Span], cues: Cues
) -> list[Part | None]:
    """The events of a roundup headline, one per coordinated part that names its own
    place: "shells hit Aleppo and clashes in Homs" tells two events, and "clashes in Idlib
    and Hama" one at each place (ACLED and UCDP code one event per location). A part with
    a trigger but no place gives its triggers to the part after it ("2 killed and 5
    wounded in X", "clashes between the SDF and IS in Manbij"), or at the end to the one
    before it. [None] when the sentence tells one event."""
    if len(places) < 2:
        return [None]
    parts: list[Part] = []
    carry: _Segment | None = None
    for seg in _segments(doc, triggers, places, cues):
        if carry is not None:
            seg = _Segment(
                carry.start, seg.end, carry.triggers + seg.triggers, seg.places, carry.headed
            )
            carry = None
        rng = range(seg.start, seg.end)
        if seg.triggers and seg.places:
            parts.append(Part(seg.triggers, frozenset(seg.places), rng, headed=seg.headed))
        elif seg.triggers:
            carry = seg
        elif seg.places and parts:
            last = parts[-1]
            sides = range(last.side_tokens.start, seg.end)
            parts.append(Part(last.triggers, frozenset(seg.places), rng, True, last.headed, sides))
    if carry is not None and parts:
        last = parts[-1]
        tokens = range(last.tokens.start, carry.end)
        parts[-1] = Part(last.triggers + carry.triggers, last.places, tokens, last.copy)
    if len(parts) < 2:
        return [None]
    return list(parts)


def part_offsets(found: list[tuple[Mention, Part | None]], sentence: Sentence) -> list[Mention]:
    """Mentions of one sentence; two of one event type each point at the part of the
    sentence that tells it ("shells hit Aleppo" / "and Homs"), so that each is a report
    of its own (merge identifies a mention by its offsets and type)."""
    types = [m.event_type for m, _ in found]
    out: list[Mention] = []
    for mention, part in found:
        if part is None or types.count(mention.event_type) < 2:
            out.append(mention)
            continue
        doc = sentence.doc
        assert doc is not None
        last = doc[part.tokens.stop - 1]
        first = min(part.places) if part.copy else part.tokens.start
        start = sentence.start + doc[first].idx - doc[0].idx
        end = sentence.start + last.idx + len(last) - doc[0].idx
        out.append(replace(mention, sentence_start=start, sentence_end=end))
    return out
