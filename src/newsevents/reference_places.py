"""Reference points: places a sentence names only to say where its event was from, not
where it was ("traveling north from Quetta to Peshawar when it came under attack", "around
150 kilometers from the provincial capital Quetta"), or what it was about ("spoke with
Cameron about Syria"). They are not the event's place.

The words (verbs and nouns of travel, units of distance, the distance beyond which a
place is only a landmark) are in place_words.yaml; the structure comes from the parse.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from newsevents.data_files import as_data_errors, package_data, read_yaml_mapping, word_set
from newsevents.resolve.numbers import find_quantities

# "from Quetta ... to Peshawar": the ends of a journey; "150 km from X", "40 km north of X".
_TRAVEL_PREPS = ("from", "to")
_DISTANCE_PREPS = ("from", "of")
_CLIMB = 5  # "from the city of Quetta": name, of, city, from


@dataclass(frozen=True)
class ReferenceCues:
    """The reference-point words of place_words.yaml."""

    travel: frozenset[str]
    units: dict[str, float]
    directions: frozenset[str]
    distance_km: float
    # "spoke with Cameron about Syria": what was talked of, not where.
    topics: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def load_reference_cues() -> ReferenceCues:
    """The bundled place_words.yaml's travel words, distance units and directions."""
    path = package_data("place_words.yaml")
    data = read_yaml_mapping(path)
    with as_data_errors(path, "reference-point words"):
        units = {str(k).lower(): float(v) for k, v in data["distance_units"].items()}
        # `directions` maps a word to its direction name: the keys are the words.
        directions = frozenset(str(w).lower() for w in data["directions"])
        distance = float(data["reference_distance_km"])
    return ReferenceCues(
        word_set(data, "travel_words", path),
        units,
        directions,
        distance,
        word_set(data, "topic_prepositions", path),
    )


def _distance_km(noun: Token, cues: ReferenceCues) -> float | None:
    """The distance a unit noun states ("150 kilometers" -> 150.0), if it states one."""
    factor = cues.units.get(noun.lower_) or cues.units.get(noun.lemma_.lower())
    if factor is None:
        return None
    for child in noun.children:
        if child.dep_ == "nummod":
            found = find_quantities(child.text)
            if found:
                return found[0].value * factor
    return None


def _far(head: Token, cues: ReferenceCues) -> bool:
    """Whether a preposition's head states a distance beyond a landmark's: "150 km (from)",
    or a direction measured by one ("40 km north (of)")."""
    measured = [head]
    if head.lower_ in cues.directions:
        measured += [c for c in head.children if c.dep_ in ("npadvmod", "nmod", "compound")]
        measured.append(head.head)
    return any((_distance_km(t, cues) or 0.0) > cues.distance_km for t in measured)


def _travel_word(tok: Token, cues: ReferenceCues) -> bool:
    return tok.lemma_.lower() in cues.travel or tok.lower_ in cues.travel


def _journey_end(prep: Token, cues: ReferenceCues) -> bool:
    """Whether a "from"/"to" phrase names an end of a journey: "traveling from", "from
    Quetta to Peshawar", "on its way north to Peshawar from Quetta". A destination alone is
    often where the event was or near it ("gunmen drove to the village and opened fire",
    "a column heading to the Raqqa countryside"): "to" counts only on a route that also
    names its start."""
    head = prep.head
    for _ in range(4):
        if _travel_word(head, cues):
            return prep.lower_ == "from" or any(
                t.lower_ == "from" and t.dep_ == "prep" for t in head.subtree
            )
        if head.lower_ == "from" and prep.lower_ == "to":
            return _journey_end(head, cues)
        if head.dep_ not in ("pobj", "appos", "prep", "advmod") or head.head.i == head.i:
            return False
        head = head.head
    return False


def _reference_prep(tok: Token, cues: ReferenceCues) -> bool:
    word = tok.lower_
    return (word in _TRAVEL_PREPS and _journey_end(tok, cues)) or (
        word in _DISTANCE_PREPS and _far(tok.head, cues)
    )


def is_reference(place: Token, cues: ReferenceCues | None = None) -> bool:
    """Whether the head word of a place name in a parsed sentence names a reference point:
    the phrase it stands in ("from the provincial capital Quetta", "to Peshawar, Khyber
    Pakhtunkhwa") hangs from a journey or a long distance."""
    cues = cues or load_reference_cues()
    if _topic_name(place, cues):
        return True
    tok = place
    # Up through the phrase that holds the name ("the town of X", "Quetta, Balochistan"),
    # stopping at a preposition that places it ("in", "near").
    for _ in range(_CLIMB):
        if tok.dep_ == "prep":
            if _reference_prep(tok, cues):
                return True
            if tok.lower_ not in _DISTANCE_PREPS:
                return False
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def reference_tokens(doc: Doc, cues: ReferenceCues | None = None) -> set[int]:
    """Indices of the tokens that name reference points in a parsed sentence."""
    cues = cues or load_reference_cues()
    out: set[int] = set()
    for tok in doc:
        if tok.dep_ == "prep" and _reference_prep(tok, cues):
            out.update(t.i for t in tok.subtree)
        elif _topic_name(tok, cues):
            out.add(tok.i)
    return out


def _topic_name(tok: Token, cues: ReferenceCues) -> bool:
    """Whether a token is part of a name that is the object of a topic preposition ("spoke
    about Syria", "about Deir ez-Zor"); not a name that only describes the topic
    ("investigations about the Manbij explosion": the explosion was in Manbij)."""
    name = tok
    while name.dep_ in ("compound", "flat") and name.head.i != name.i:
        name = name.head
    return (
        name.pos_ == "PROPN"
        and name.dep_ == "pobj"
        and name.head.dep_ == "prep"
        and name.head.lower_ in cues.topics
    )
