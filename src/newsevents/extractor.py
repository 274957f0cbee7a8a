"""Extract: event mentions from parsed sentences — type, trigger, roles, time, counts.

One mention per sentence and event family (violence, demonstration, strategic): news
sentences that pile up several words for one event ("killed in an air strike on the
village") then give one mention, not three. Roles come from the dependency parse
(subject / passive agent / object / prepositions), with dictionary actor matches and
gazetteer place names as the spans that can fill them.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span, Token

from newsevents.actor_pairs import (
    PairCues,
    compile_pair_cues,
    held_side,
    mutual_sides,
    paired_sides,
)
from newsevents.aggregates import (
    AggregateCues,
    aggregate_scope,
    load_aggregate_cues,
    ranks_one_event,
)
from newsevents.analyse import AnalysedArticle, Sentence
from newsevents.confidence import mention_confidence
from newsevents.data_files import package_data, read_yaml_mapping, word_set
from newsevents.lexicon import Lexicon, TriggerClass
from newsevents.org_phrases import load_org_rules, sentence_actors
from newsevents.records import Actor, Mention, Modality, Status, TimeExpression
from newsevents.reference_places import is_reference
from newsevents.resolve.actors import ActorContext, ActorDictionary, ActorMatch
from newsevents.resolve.dates import (
    find_time_expressions,
    last_told_day,
    mentions_narrated_day,
)
from newsevents.resolve.english_words import is_english_word
from newsevents.resolve.numbers import find_quantities, lives_lost_verbs
from newsevents.roles import neighbour_reach, neighbour_roles, refine_roles
from newsevents.title_case import recase_words
from newsevents.tokenview import TokenView, token_view
from newsevents.trigger_filters import (
    disarms_no_weapon,
    held_weapon,
    names_a_thing,
    opens_other_sense,
    tells_a_state,
)

# Modalities of an act told as having happened.
_DONE_MODALITIES = frozenset({"asserted", "claimed"})
# Order in which a sentence's trigger classes decide its violent sub-type.
_PRIORITY = (
    "chemical",
    "suicide",
    "airstrike",
    "shelling",
    # Hostages taken after a blast ("blew up the tracks and took 100 passengers hostage"):
    # the abduction is the event ACLED codes.
    "abduct",
    "ied",
    "grenade",
    "capture",
    "sexual",
    "clash",
    "attack",
    "die",
)
_BACKGROUND_DAYS = 45
# Trigger classes that tell deaths or a fight without a one-sided act: who suffered them
# may be both sides ("casualties among A and B").
_MUTUAL_CLASSES = frozenset({"die", "clash"})
_MASS_FATALITIES = 5000
_UNDERGOER_VERBS = frozenset({"die", "perish", "drown", "succumb"})
# Which dependents of a verb trigger undergo it, by (passive, reduced passive): the
# object in the active voice, the passive subject, and the plain subject of a headline's
# participle ("Turkish soldier killed").
_PATIENT_DEPS = {
    (False, False): frozenset({"nsubjpass", "dobj", "obj"}),
    (True, False): frozenset({"nsubjpass"}),
    (True, True): frozenset({"nsubjpass", "nsubj"}),
}


@dataclass(frozen=True)
class Cues:
    """Word lists the extractor consults (from data/extract_cues.yaml)."""

    speech: frozenset[str]
    claim: frozenset[str]
    deny: frozenset[str]
    threat: frozenset[str]
    plan: frozenset[str]
    death_verbs: frozenset[str]
    modal: frozenset[str]
    background_adverbs: frozenset[str]
    locative_preps: frozenset[str]
    directions: frozenset[str]
    not_actors: frozenset[str]
    kill: frozenset[str]
    injure: frozenset[str]
    people: frozenset[str]
    armed: frozenset[str]
    intervention: frozenset[str]
    aggregate: AggregateCues  # totals over a period (aggregate_cues.yaml)
    excessive: re.Pattern[str] = re.compile(r"(?!)")  # lethal force against a crowd
    crowd: re.Pattern[str] = re.compile(r"(?!)")  # a protest named in the sentence
    place_nouns: frozenset[str] = frozenset()  # "Aleppo city", "Idlib's countryside"
    place_subject_verbs: frozenset[str] = frozenset()  # "Daraa witnesses clashes"
    venue_nouns: frozenset[str] = frozenset()  # "a meeting ... in New York"
    coordinators: tuple[tuple[str, ...], ...] = ()  # where a headline's events are joined
    implied: tuple[ImpliedAttacker, ...] = ()  # weapons only one side used
    pairs: PairCues | None = None  # "between A and B", "A against B"
    thing_heads: frozenset[str] = frozenset()  # "kidnapping ring": an event word as a label
    holding: frozenset[str] = frozenset()  # "confiscated 2 grenades": weapons held
    disarm: frozenset[str] = frozenset()  # "intercept", "defuse": told of weapons only
    disarmed: frozenset[str] = frozenset()  # "missile", "bomb": what is disarmed
    # "according to", "deal with": an event word opening a phrase of another sense
    other_senses: tuple[tuple[str, ...], ...] = ()
    stop: frozenset[str] = frozenset()  # "stop the kidnappings": acts called off, not told
    object_verbs: frozenset[str] = frozenset()  # "control": an act only with its object
    toll_verbs: frozenset[str] = frozenset()  # "the death toll rises to 20"
    count_nouns: frozenset[str] = frozenset()  # "the number of casualties"
    toll_nouns: frozenset[str] = frozenset()  # "casualties", "losses": the dead, counted
    dead_count: frozenset[str] = frozenset()  # "7 casualties": a count of the dead
    subject_dies: frozenset[str] = frozenset()  # "a woman dies": the subject died
    timing: frozenset[str] = frozenset()  # "after the killing of 30": a time, no toll
    toll_span: re.Pattern[str] = re.compile(r"(?!)")  # "within 45 days": a running total
    daily_toll: re.Pattern[str] = re.compile(r"(?!)")  # "26 were killed yesterday including"
    relation_preps: frozenset[str] = frozenset()  # "loyal to Turkey": a tie, not a place
    event_place_preps: frozenset[str] = frozenset()  # "explosion in Hisyah": a place
    place_suffixes: frozenset[str] = frozenset()  # "Douma City": a place and its kind
    period_starts: frozenset[str] = frozenset()  # "the largest since 2014": no date
    aircraft: frozenset[str] = frozenset()  # "helicopters bombed": bombs from the air
    one_person: frozenset[str] = frozenset()  # "a brigadier is killed": one victim, no number
    persons: frozenset[str] = frozenset()  # nouns for people, one or many ("wife", "family")
    single_determiners: frozenset[str] = frozenset()  # "a", "the", "another" (not "no")
    habitual: frozenset[str] = frozenset()  # "a child dies every hour": no one event
    company: frozenset[str] = frozenset()  # "kills a woman with her children": more dead
    near_miss: frozenset[str] = frozenset()  # "almost killed": nobody died
    agent_verbs: frozenset[str] = frozenset()  # "an attack carried out by A": A did it
    allies: tuple[frozenset[str], ...] = ()  # actors that fight on one side
    # Parts of places' names ("Fort", "Dam"), with place_nouns and place_suffixes:
    # two places' names written together with one of these are no person's surnames.
    name_parts: frozenset[str] = frozenset()
    place_qualifiers: frozenset[str] = frozenset()  # "Metro Vancouver": no person


@dataclass(frozen=True)
class ImpliedAttacker:
    """A weapon that names its user where only one side had it (barrel bombs in Syria)."""

    words: re.Pattern[str]
    countries: frozenset[str]
    actor: str
    until: dt.date | None


def _implied(data: list[dict[str, Any]]) -> tuple[ImpliedAttacker, ...]:
    """The implied_attackers rules of extract_cues.yaml."""
    rules = []
    for rule in data:
        alternation = "|".join(re.escape(str(w)).replace(r"\ ", r"[\s-]+") for w in rule["words"])
        until = rule.get("until")
        rules.append(
            ImpliedAttacker(
                words=re.compile(rf"\b(?:{alternation})\b", re.IGNORECASE),
                countries=frozenset(str(c) for c in rule["countries"]),
                actor=str(rule["actor"]),
                until=dt.date.fromisoformat(str(until)) if until else None,
            )
        )
    return tuple(rules)


@lru_cache(maxsize=1)
def load_cues(path: Path | None = None) -> Cues:
    """Load the extractor's cue words (bundled file by default)."""
    src = path or package_data("extract_cues.yaml")
    data = read_yaml_mapping(src)

    def words(key: str) -> frozenset[str]:
        return word_set(data, key, src)

    return Cues(
        speech=words("speech_verbs"),
        claim=words("claim_verbs"),
        deny=words("deny_verbs"),
        threat=words("threat_verbs"),
        plan=words("plan_verbs"),
        death_verbs=words("death_verbs"),
        modal=words("hypothetical_modals"),
        background_adverbs=words("background_adverbs"),
        locative_preps=words("locative_prepositions"),
        directions=words("direction_words"),
        not_actors=words("not_actor_names"),
        kill=words("kill_lemmas"),
        injure=words("injure_lemmas"),
        people=words("people_nouns"),
        armed=words("armed_nouns"),
        intervention=words("intervention_words"),
        aggregate=load_aggregate_cues(),
        excessive=re.compile(data["excessive_force_pattern"], re.IGNORECASE),
        crowd=re.compile(data["crowd_pattern"], re.IGNORECASE),
        place_nouns=words("place_nouns"),
        place_subject_verbs=words("place_subject_verbs"),
        venue_nouns=words("venue_nouns"),
        coordinators=tuple(
            tuple(str(p).lower().split())
            for p in sorted(data["coordinators"], key=lambda p: -len(str(p).split()))
        ),
        implied=_implied(data.get("implied_attackers") or []),
        thing_heads=words("thing_heads"),
        holding=words("holding_verbs"),
        disarm=words("disarm_verbs"),
        disarmed=words("disarmed_objects"),
        other_senses=tuple(tuple(str(p).lower().split()) for p in data.get("other_senses", [])),
        stop=words("stop_verbs"),
        object_verbs=words("object_verbs"),
        toll_verbs=words("toll_verbs"),
        count_nouns=words("count_nouns"),
        toll_nouns=words("toll_nouns"),
        dead_count=words("dead_count_nouns"),
        subject_dies=words("subject_dies_lemmas"),
        timing=words("timing_prepositions"),
        toll_span=re.compile(data["toll_span_pattern"], re.IGNORECASE),
        daily_toll=re.compile(data["daily_toll_pattern"], re.IGNORECASE),
        relation_preps=words("relation_prepositions"),
        event_place_preps=words("event_place_prepositions"),
        place_suffixes=words("place_name_suffixes"),
        period_starts=words("period_start_words"),
        aircraft=words("aircraft_nouns"),
        one_person=(words("people_nouns") | words("armed_nouns") | words("person_nouns"))
        - words("group_nouns"),
        persons=words("people_nouns")
        | words("person_nouns")
        | (words("armed_nouns") - words("aircraft_nouns")),
        single_determiners=words("single_determiners"),
        habitual=words("habitual_words"),
        company=words("company_prepositions"),
        near_miss=words("near_miss_adverbs"),
        pairs=compile_pair_cues(
            [str(w) for w in data["pair_between"]],
            [str(w) for w in data["pair_joined"]],
            [str(w) for w in data["pair_against"]],
            [str(w) for w in data.get("holder_before") or []],
            [str(w) for w in data.get("holder_after") or []],
            [str(w) for w in data.get("pair_name_nouns") or []],
            [str(w) for w in data.get("mutual_phrases") or []],
            [str(w) for w in data.get("armed_actor_kinds") or []],
        ),
        agent_verbs=words("agent_verbs"),
        allies=tuple(frozenset(str(a) for a in group) for group in data.get("allied_actors") or []),
        name_parts=words("place_name_parts") | words("place_nouns") | words("place_name_suffixes"),
        place_qualifiers=words("place_qualifiers") | words("direction_words"),
    )


@dataclass(frozen=True)
class ExtractContext:
    """What extraction needs besides the article: lexicons and the publication date."""

    lexicon: Lexicon
    actors: ActorDictionary
    is_place: Callable[[str], bool]
    anchor: dt.date | None
    cues: Cues
    # ISO3 country of a place name, for the article's countries (which decide what
    # "regime forces" or "the army" mean); no countries from places when absent.
    place_country: Callable[[str], str | None] = lambda name: None
    # ISO3 code when a name is a country's ("Russia", "U.S."): a country that modifies an
    # event noun ("Russia airstrikes") names the attacker, a town ("Idlib shelling") the
    # place. None for every name when absent.
    country_for: Callable[[str], str | None] = lambda name: None


@dataclass(frozen=True)
class _Trigger:
    token: Token
    cls: TriggerClass
    text: str


def _find_triggers(
    doc: Doc,
    lexicon: Lexicon,
    blocked: set[int],
    cues: Cues | None = None,
    present_is_news: bool = True,
) -> list[_Trigger]:
    """Every trigger word or phrase in a parsed sentence; inside actor names ("Islamic
    State fighters", "Russian warplanes") only weapon words that end them count; none that
    names a thing
    ("kidnapping ring"), a weapon held ("confiscated 2 grenades"), a disarming of no weapon
    ("intercepted four suspects") or a state ("areas controlled by IS"; a present tense is
    news only in headlines: `present_is_news`)."""
    found = _all_triggers(doc, lexicon, blocked)
    if cues is None:
        return found
    return [
        t
        for t in found
        if not names_a_thing(t.token, cues.thing_heads)
        and not (t.cls.means and held_weapon(t.token, cues.holding))
        and not disarms_no_weapon(t.token, cues.disarm, cues.disarmed)
        and not opens_other_sense(t.token, cues.other_senses)
        and not tells_a_state(t.token, cues.object_verbs, present_is_news)
    ]


def _all_triggers(doc: Doc, lexicon: Lexicon, blocked: set[int]) -> list[_Trigger]:
    found: list[_Trigger] = []
    lemmas = [t.lemma_.lower() for t in doc]
    lowers = [t.lower_ for t in doc]
    covered: set[int] = set()
    claimed: set[tuple[int, str]] = set()  # (token, class) of the phrases found
    for i in range(len(doc)):
        options = lexicon.by_first_word.get(lemmas[i], ()) + lexicon.by_first_word.get(
            lowers[i], ()
        )
        for phrase, cls in options:
            n = len(phrase)
            inside_actor = any(j in blocked for j in range(i, i + n))
            # Inside an actor's name only a weapon word that ends it counts ("Russian
            # warplanes", not "Colombian Air Force personnel").
            if i + n > len(doc) or (inside_actor and (not cls.means or i + n in blocked)):
                continue
            if all(phrase[k] in (lemmas[i + k], lowers[i + k]) for k in range(n)):
                if (i, cls.name) in claimed:
                    continue  # "human losses in": one trigger, not a second one inside it
                span = doc[i : i + n]
                found.append(_Trigger(span.root, cls, span.text))
                covered.update(range(i, i + n))
                claimed.update((j, cls.name) for j in range(i, i + n))
    for tok in doc:
        # A headline's first word is capitalised and often tagged as a name ("Bombing
        # al-Marj ..."): there it may still be a trigger.
        name = tok.pos_ == "PROPN" and not (tok.i == 0 and tok.is_title)
        lemma = lemmas[tok.i]
        if name and _lone_capital(tok):
            # "3 Casualties in al-Rastan": a capitalised common word standing alone, which
            # the parser took for a name.
            lemma = _noun_lemma(lowers[tok.i], lexicon)
            name = lemma not in lexicon.by_lemma
        elif name and any(c.name == "chemical" for c in lexicon.by_lemma.get(lowers[tok.i], ())):
            # Agents are often capitalised ("Sarin gas") and tagged as names.
            name, lemma = False, lowers[tok.i]
        if tok.i in covered or name or tok.pos_ in ("ADP", "DET"):
            continue
        classes = lexicon.by_lemma.get(lemma) or lexicon.by_lemma.get(lowers[tok.i])
        if classes and _mass_count(tok):
            continue
        for cls in classes or ():
            # Inside an actor's name only a weapon word that ends it counts ("Russian
            # warplanes").
            if tok.i in blocked and (not cls.means or tok.i + 1 in blocked):
                continue
            if cls.heads and tok.pos_ == "NOUN" and not _headed_by(tok, cls.heads):
                continue
            if lemmas[tok.i] in cls.verbs_only and not _verb_like(tok):
                continue  # "target" tells of an act only as a verb ("shells target Daraa")
            found.append(_Trigger(tok, cls, tok.text))
    return found


_MASS = 1000


def _lone_capital(tok: Token) -> bool:
    """A capitalised word tagged as a name after a count, an adjective or an acronym and
    with no name after it ("3 Casualties in", "More Clashes in", "SDF Advance west of"),
    unlike a word of a longer name ("Free Syrian Army", "the Battle of Aleppo") or a month
    ("in March 2017")."""
    if not tok.is_title or tok.i == 0:
        return False
    doc = tok.doc
    before = doc[tok.i - 1]
    after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    # An acronym before it is a headline's subject ("SDF Advance", "IS Kills"): the
    # capitalised word is its verb or the event noun it qualifies.
    acronym = len(before.text) >= 2 and before.is_alpha and before.is_upper
    if before.pos_ not in ("NUM", "ADJ") and before.lower_ not in ("a", "an") and not acronym:
        return False
    return after is None or (after.pos_ != "PROPN" and after.lower_ != "of")


def _noun_lemma(lower: str, lexicon: Lexicon) -> str:
    """The singular of a plural noun the lexicon lists ("casualties" -> "casualty"), else
    the word itself."""
    if lower in lexicon.by_lemma:
        return lower
    for cut, add in (("ies", "y"), ("es", ""), ("s", "")):
        if lower.endswith(cut) and lower[: -len(cut)] + add in lexicon.by_lemma:
            return lower[: -len(cut)] + add
    return lower


def _verb_like(tok: Token) -> bool:
    """A verb, or a headline verb the parser took for a noun: right after a plural or
    proper noun (its subject) and with no determiner or modifier of its own ("Rebels
    target Damascus", "The SDF expel IS"), unlike "a military target"."""
    if tok.tag_.startswith("VB"):
        return True
    if tok.pos_ != "NOUN" or tok.i == 0 or tok.tag_ != "NN":
        return False
    before = tok.doc[tok.i - 1]
    if before.tag_ not in ("NNS", "NNPS", "NNP") and before.pos_ != "PROPN":
        return False
    return not any(c.dep_ in ("det", "poss", "amod", "nummod") for c in tok.children)


def _headed_by(tok: Token, heads: frozenset[str]) -> bool:
    """Is a trigger noun the subject or object of one of these verbs ("reached a truce",
    "the ceasefire took effect")? A truce merely called for is no event."""
    node = tok
    for _ in range(3):
        if node.lemma_.lower() in heads:
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _mass_count(tok: Token) -> bool:
    """A trigger noun counted in thousands ("100,000 strikes") names a campaign's total."""
    for child in tok.children:
        if child.dep_ == "nummod":
            quantities = find_quantities(doc_text(child))
            if quantities and quantities[0].value >= _MASS:
                return True
    return False


def doc_text(tok: Token) -> str:
    """The text of a token's subtree."""
    return tok.doc[tok.left_edge.i : tok.right_edge.i + 1].text


def _np_range(head: Token) -> tuple[int, int]:
    """Character range of the noun phrase a token heads (without trailing clauses)."""
    toks = [head]
    for child in head.lefts:
        toks.extend(child.subtree)
    for child in head.rights:
        if child.dep_ in ("compound", "flat", "appos") or (
            child.dep_ == "prep" and child.lower_ == "of"
        ):
            toks.extend(child.subtree)
    start = min(t.idx for t in toks)
    end = max(t.idx + len(t) for t in toks)
    return start, end


def _actor_in(rng: tuple[int, int], matches: Sequence[ActorMatch]) -> ActorMatch | None:
    for m in matches:
        # A generic group phrase leaves the role to _group_surface, as without it.
        if m.start < rng[1] and rng[0] < m.end and not m.generic:
            return m
    return None


def _group_surface(head: Token, ctx: ExtractContext) -> str | None:
    """A generic actor phrase ("gunmen", "Russian warplanes", "civilians") or an unknown
    proper name headed by a token; None for places and for possessed nouns ("its
    fighters"), which only an antecedent can resolve."""
    cues = ctx.cues
    if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in head.children):
        return None
    if head.pos_ == "PROPN":
        if ctx.is_place(head.text) or head.lower_ in cues.not_actors:
            return None
    elif head.lemma_.lower() not in cues.people | cues.armed:
        return None
    words = [
        t.text
        for t in head.lefts
        if t.dep_ in ("amod", "compound", "nmod") and not t.like_num and t.pos_ != "NUM"
    ]
    return " ".join([*words, head.text])


def _member_of(tok: Token, matches: Sequence[ActorMatch], cues: Cues) -> ActorMatch | None:
    """The group whose members a noun counts: "4 fighters from the SDF", "members from the
    Islamic State", "commanders in Hezbollah" (the "of" phrase is already inside the noun
    phrase)."""
    if tok.lemma_.lower() not in cues.armed:
        return None
    offset = tok.doc[0].idx
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in ("from", "among", "in"):
            last = child.right_edge
            rng = (child.idx - offset, last.idx + len(last) - offset)
            match = _actor_in(rng, matches)
            if match is not None:
                return match
    return None


@dataclass
class _Roles:
    agent: Token | None = None
    patient: Token | None = None


def _subject_of(tok: Token) -> Token | None:
    for child in tok.children:
        if child.dep_ in ("nsubj", "csubj"):
            return child
    if tok.dep_ in ("xcomp", "conj", "advcl", "acl") and tok.head.i != tok.i:
        if tok.dep_ == "xcomp":
            # Object control: in "asked Congress to authorize strikes", "ordered troops to
            # attack" the object, not the subject, is who would do it.
            for child in tok.head.children:
                if child.dep_ in ("dobj", "obj") and child.i < tok.i:
                    return child
        if tok.dep_ != "acl":
            return _subject_of(tok.head)
        # "fighters attacking a base" did it; "fighters killed in shelling" underwent it.
        return None if _reduced_passive(tok) else tok.head
    return None


def _passive(tok: Token) -> bool:
    """A verb told in the passive ("were killed", headlines' "3 killed")."""
    return _reduced_passive(tok) or any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)


def _reduced_passive(tok: Token) -> bool:
    """A past participle without "have" or an object: headlines' passive ("Turkish soldier
    killed", "civilians killed in Idlib"), whose subject or head noun is the victim."""
    if tok.tag_ != "VBN" or tok.dep_ not in ("ROOT", "acl", "conj"):
        return False
    return not any(
        c.dep_ in ("dobj", "obj", "auxpass") or (c.dep_ == "aux" and c.lemma_.lower() == "have")
        for c in tok.children
    )


def _by_phrase(verb: Token) -> Token | None:
    """The object of a verb's "by" phrase ("carried out by the jihadi groups")."""
    for child in verb.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _done_by(tok: Token, agent_verbs: frozenset[str]) -> Token | None:
    """Who did an act a noun names, told by a verb of doing attached to it: "an attack
    carried out by A", "an ambush that was launched by A", "the attack was conducted by A"."""
    if not agent_verbs:
        return None
    verbs = [c for c in tok.children if c.dep_ in ("acl", "relcl")]
    if tok.dep_ == "nsubjpass" and tok.head.i != tok.i:
        verbs.append(tok.head)
    for verb in verbs:
        agent = _by_phrase(verb) if verb.lemma_.lower() in agent_verbs else None
        # "carried out by A or B": a guess between doers names none of them.
        if agent is not None and not any(
            t.dep_ == "cc" and t.lower_ in ("or", "nor") for t in agent.subtree
        ):
            return agent
    return None


def _roles(tok: Token, mutual: bool = False, agent_verbs: frozenset[str] = frozenset()) -> _Roles:
    """Agent and patient of a trigger token from the dependency parse; for a mutual act
    (a clash) also the other side of "with" ("clashed with rebels"); for an event noun
    the "by" phrase of one of `agent_verbs` attached to it ("an attack carried out by A")."""
    roles = _Roles()
    sides = ("between", "with") if mutual else ("between",)
    if tok.pos_ in ("VERB", "AUX"):
        reduced = _reduced_passive(tok)
        passive = reduced or any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
        for child in tok.children:
            if child.dep_ == "agent" or (
                # A gerund told as a noun ("Shelling by the regime forces on Hama causes
                # ..."): its "by" names who did it, as a noun's would.
                child.dep_ == "prep"
                and child.lower_ == "by"
                and tok.tag_ == "VBG"
                and tok.dep_ in ("csubj", "nsubj", "ROOT", "dep")
                and not passive
            ):
                roles.agent = next((g for g in child.children if g.dep_ == "pobj"), None)
            elif child.dep_ in _PATIENT_DEPS[(passive, reduced)]:
                roles.patient = child
        if reduced and roles.patient is None and tok.dep_ == "acl":
            # "Two civilians killed in Idlib": the noun a participle modifies underwent it.
            roles.patient = tok.head
        if roles.agent is None and not passive:
            roles.agent = _subject_of(tok)
        for child in tok.children:
            # "X clashed with Y", "fighting broke out between X and Y"
            if child.dep_ == "prep" and child.lower_ in sides:
                _between(child, roles)
        if tok.lemma_.lower() in _UNDERGOER_VERBS:
            # "A child dies": the subject of an unaccusative verb is the victim.
            roles.patient, roles.agent = roles.agent, None
    else:
        for child in tok.children:
            if child.dep_ == "poss":
                roles.agent = child
            elif child.dep_ == "prep" and child.lower_ in ("by", "of", "from"):
                pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if child.lower_ == "by":
                    roles.agent = pobj
                elif roles.patient is None and pobj is not None:
                    roles.patient = pobj
            elif child.dep_ == "prep" and child.lower_ in ("on", "against", "over", "targeting"):
                roles.patient = next((g for g in child.children if g.dep_ == "pobj"), None)
            elif child.dep_ == "prep" and child.lower_ == "between":
                # A noun's "with" ("killed in a clash with troops") names the other side
                # but not who acted: only "between X and Y" gives both.
                _between(child, roles)
        head = tok.head
        if roles.agent is None:
            # "killed in an attack carried out by A": A sits too far up the parse for the
            # nearest-name fallback, yet the verb of doing says A did the act.
            roles.agent = _done_by(tok, agent_verbs)
        if roles.agent is None and tok.dep_ in ("dobj", "obj") and head.pos_ == "VERB":
            roles.agent = _subject_of(head)
        if roles.agent is None and tok.dep_ in ("nsubj", "nsubjpass"):
            for sib in head.children:
                if sib.dep_ in ("dobj", "obj") and roles.patient is None:
                    roles.patient = sib
    return roles


def _between(prep: Token, roles: _Roles) -> None:
    """The sides of "between X and Y" (agent X, patient Y) or the other side of "with Y"."""
    pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
    if pobj is None:
        return
    other = next((g for g in pobj.children if g.dep_ == "conj"), None)
    if prep.lower_ == "between" and other is not None:
        roles.agent = roles.agent or pobj
        roles.patient = roles.patient or other
    elif prep.lower_ == "with" and roles.patient is None:
        roles.patient = pobj


def _prep_object(tok: Token, preps: tuple[str, ...]) -> Token | None:
    """The object of the first of a token's prepositions that is one of `preps` ("the
    death of a child": child)."""
    prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in preps), None)
    return None if prep is None else next((g for g in prep.children if g.dep_ == "pobj"), None)


def _conjoined(tok: Token) -> list[Token]:
    """The words a token is coordinated with: its conjuncts, and its head if it is one."""
    partners = [c for c in tok.children if c.dep_ == "conj"]
    if tok.dep_ == "conj":
        partners.append(tok.head)
    return partners


def _suffered_in(tok: Token, cues: Cues) -> Token | None:
    """The object of a casualty noun's "in" / "among" ("losses in the rebels"); none
    when it names several ("among both soldiers and civilians")."""
    if tok.lemma_.lower() not in cues.toll_nouns:
        return None
    pobj = _prep_object(tok, ("in", "among"))
    if pobj is None or any(g.dep_ == "conj" for g in pobj.children):
        return None
    return pobj


def _suffering_in(tok: Token, cues: Cues) -> Token | None:
    """The object of a casualty noun's "in" / "among", however many it names; a death
    noun's is on the noun it modifies ("the death toll in the ranks of A and B")."""
    lemma = tok.lemma_.lower()
    if tok.pos_ != "NOUN" or lemma not in cues.toll_nouns | cues.kill:
        return None
    return _prep_object(tok.head if tok.dep_ == "compound" else tok, ("in", "among"))


def _own_range(tok: Token) -> tuple[int, int]:
    """Character range of a noun and its modifiers, without its "of" phrase or conjuncts."""
    toks = [tok]
    for child in tok.lefts:
        toks.extend(child.subtree)
    for child in tok.rights:
        if child.dep_ in ("compound", "flat", "appos"):
            toks.extend(child.subtree)
    return min(t.idx for t in toks), max(t.idx + len(t) for t in toks)


def _coordinated_sides(
    tok: Token,
    matches: Sequence[ActorMatch],
    armed: frozenset[str],
    allies: Sequence[frozenset[str]] = (),
) -> tuple[ActorMatch, ActorMatch] | None:
    """Two distinct armed actors named together as who suffered an act ("casualties of the
    regime forces, allies and IS members", "the ranks of A and B", "fighters from A and
    B"), first named first; None for one side, for more than two, for civilians, or for
    two `allies` ("members of Hezbollah and the regime forces")."""
    if not armed:
        return None
    offset = tok.doc[0].idx
    found: list[ActorMatch] = []
    queue, seen = [tok], set()
    while queue:
        node = queue.pop(0)
        if node.i in seen:
            continue
        seen.add(node.i)
        start, end = _own_range(node)
        match = _actor_in((start - offset, end - offset), matches)
        if match is not None and all(match.actor.name != f.actor.name for f in found):
            found.append(match)
        for child in node.children:
            if child.dep_ == "conj":
                queue.append(child)
            elif child.dep_ == "prep" and child.lower_ in ("of", "from", "among", "in"):
                queue.extend(g for g in child.children if g.dep_ == "pobj")
    if len(found) != 2 or any(f.actor.kind not in armed for f in found):
        return None
    if any({f.actor.name for f in found} <= group for group in allies):
        return None
    first, second = sorted(found, key=lambda m: m.start)
    return first, second


def _speech_frame(tok: Token, cues: Cues) -> Token | None:
    """The speech verb ("said", "claimed") whose reported clause contains the token."""
    node = tok
    while node.head.i != node.i:
        parent = node.head
        if parent.lemma_.lower() in cues.speech and node.dep_ in ("ccomp", "parataxis", "xcomp"):
            return parent
        node = parent
    return None


def _tree_distance(a: Token, b: Token) -> int:
    up_a = {a.i: 0}
    node, d = a, 0
    while node.head.i != node.i:
        node, d = node.head, d + 1
        up_a[node.i] = d
    node, d = b, 0
    while True:
        if node.i in up_a:
            return d + up_a[node.i]
        if node.head.i == node.i:
            return 99
        node, d = node.head, d + 1


def _time_distance(doc: Doc, expr: TimeExpression, offset: int, trigger: Token) -> int:
    """Parse-tree distance from a time expression to the trigger (99 when unknown)."""
    span = doc.char_span(expr.start + offset, expr.end + offset, alignment_mode="expand")
    return _tree_distance(span.root, trigger) if span is not None else 99


_MAX_PLACE_TOKENS = 6
_TOLD_WINDOW = 600  # characters before a sentence searched for the day it counts from


def person_surnames(
    docs: Sequence[Doc], ctx: ExtractContext, views: Sequence[TokenView] | None = None
) -> frozenset[str]:
    """Last words of two- or three-word proper names that are not places ("Barack
    Obama"), and the surnames of names that person_run reads as a person's ("Judge Diaz",
    "Maria Elena Diaz Perez"): later in the article "Obama" or "Perez" alone is that
    person, not a town. `views` are the docs' token views when the caller already has them."""
    names: set[str] = set()
    for view in views if views is not None else [token_view(doc) for doc in docs]:
        pos, is_alpha, n = view.pos, view.is_alpha, len(view)
        i = 0
        while i < n:
            j = i
            while j < n and pos[j] == "PROPN" and is_alpha[j]:
                j += 1
            if j > i:
                names.update(_run_surnames(view, i, j, ctx))
            i = max(j, i + 1)
    return frozenset(names)


def _run_surnames(view: TokenView, i: int, j: int, ctx: ExtractContext) -> list[str]:
    """The surnames a run of proper nouns `i..j` gives person_surnames (see there)."""
    person = person_run(view, i, j, ctx)
    if person is not None:
        surname_from = person[1]
        return list(view.lower[surname_from:j])
    if (
        2 <= j - i <= 3
        and not _opens_no_person(view.text[i], view.text[j - 1], ctx)
        and not ctx.is_place(view.span_text(i, j))
        and not ctx.is_place(view.text[i])
        # A name ending in a country or region ("Air Zimbabwe", "Star India") is
        # an organisation's; is_place reads one word in capitals as exactly that.
        and not ctx.is_place(view.text[j - 1].upper())
    ):
        return [view.lower[j - 1]]
    return []


def _opens_no_person(first: str, last: str, ctx: ExtractContext) -> bool:
    """Whether a proper name's first word shows it is no person's: a place's qualifier
    or direction ("Metro Vancouver", "Historic Dublin", "North Caucasus"), an
    abbreviation in capitals before a word that is not ("CTV Saskatoon", an
    organisation) or a demonym ("Czech EU"). Its last word, often a place, is then no
    surname to read later mentions by."""
    if first.lower() in ctx.cues.place_qualifiers:
        return True
    if len(first) >= 2 and first.isalpha() and first.isupper() and not last.isupper():
        return True
    return ctx.country_for(first) is not None


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    """Words written before a person's name ("judge", "colonel"): data/recase.yaml's."""
    return recase_words().person_titles


# A person's name after a title, titles aside: "Maria Elena Diaz Perez" has four words.
_MAX_NAME_WORDS = 4


def person_run(view: TokenView, i: int, j: int, ctx: ExtractContext) -> tuple[int, int] | None:
    """Is the run of proper nouns `i..j` a person's name although its words are places?
    Yes after a person's title ("Judge Diaz Perez", "colonel Diaz") and when it ends in
    two bare place names with no comma between them ("Garcia Alvarado": two Mexican
    towns, one surname), unlike a town and its country or region ("Damascus Syria").
    Gives where the name starts (after its titles) and where its surnames start."""
    titles = _titles()
    start = i
    while start < j and view.lower[start] in titles:
        start += 1  # "Judge Maria Elena Diaz Perez": the title opens the run in mixed case
    words = j - start
    if words == 0 or words > _MAX_NAME_WORDS:
        return None
    if words > 1 and ctx.is_place(view.span_text(start, j)):
        return None  # "Governor San Salvador" is no name; one word is read below
    # A title before the run in lower case: "judge", not the adjective "major Aleppo".
    titled = start > i or (
        i > 0 and view.lower[i - 1] in titles and view.pos[i - 1] in ("NOUN", "PROPN")
    )
    # A capitalised surname, no day or month ("judge Monday"), and no country or region
    # alone ("President Syria" is no name; "President Assad" is).
    if (
        titled
        and view.text[j - 1][:1].isupper()
        and not any(w in ctx.cues.not_actors for w in view.lower[start:j])
        and not (words == 1 and _broad(view.text[start], ctx))
    ):
        pair = words >= 3 and _surname_pair(view.text[j - 2], view.text[j - 1], ctx)
        return start, j - 2 if pair else j - 1
    # After a hyphen the pair is two places' names ("Plainview-Elgin Millville", a school).
    hyphened = start > 0 and view.text[start - 1] == "-"
    if words >= 2 and not hyphened and _surname_pair(view.text[j - 2], view.text[j - 1], ctx):
        return start, j - 2
    first = view.text[start]
    if (
        words == 2
        and first.islower()
        and not is_english_word(first)
        and _bare(view.text[j - 1], ctx)
    ):
        # Recased caseless copy leaves a given name in lower case and capitalises the
        # surname the gazetteer knows ("dagoberto Rodriguez"): a person, not a town.
        return start, j - 1
    return None


def _broad(word: str, ctx: ExtractContext) -> bool:
    """A country or a first-level region: is_place reads one word in capitals as that."""
    return ctx.country_for(word) is not None or ctx.is_place(word.upper())


def _bare(word: str, ctx: ExtractContext) -> bool:
    """A capitalised place name that is neither a country nor a region: a town's, which
    is often a surname too ("Perez", "Garcia")."""
    return word[:1].isupper() and ctx.is_place(word) and not _broad(word, ctx)


def _surname_pair(first: str, second: str, ctx: ExtractContext) -> bool:
    """Two adjacent words that are both towns' names ("Diaz Perez"): a double surname, as
    a town is written before its country or region ("Damascus Syria", "Paris Texas"),
    never before another town without a comma. Not when either is a part of places'
    names ("Fort Campbell", "Wadi Barada") or the last an English word ("Tabqa Dam")."""
    parts = ctx.cues.name_parts
    if first.lower() in parts or second.lower() in parts or is_english_word(second.lower()):
        return False
    return _bare(first, ctx) and _bare(second, ctx)


def find_place_spans(
    doc: Doc,
    ctx: ExtractContext,
    actor_matches: Sequence[ActorMatch],
    excluded: set[int],
    surnames: frozenset[str] = frozenset(),
    *,
    references: Callable[[str], bool] | None = None,
    runs: Sequence[tuple[int, int]] | None = None,
) -> list[Span]:
    """Spans the gazetteer knows as places, longest first, read off proper-noun runs.

    Skipped: names inside actor names, compound modifiers ("US-backed"), subjects (a
    country that acts is an actor, not where the event happened) unless the parser made
    a verb's object the subject of a later verb, countries tied to someone ("loyal to
    Turkey", "the border with Turkey"), and the tail of a proper-noun run whose head is
    not a place ("Mustefa Bali" is a person, not Bali).
    With `references` (a predicate such as Gazetteer.is_place_reference) it finds every
    reference to a place instead, for geoparsing: names it accepts, also adjectives
    ("Syrian") and names in capitals ("CHARLESTON"), with none of the skips above; a
    place that opens a longer name ("Georgia Tech") counts too. `runs` are the doc's
    `place_runs` when the caller already has them (they do not depend on the actors).
    """
    if runs is None:
        runs = place_runs(token_view(doc), ctx, surnames, references)
    spans = [doc[start:end] for start, end in runs]
    if references is not None:
        return spans
    return [span for span in spans if not _blocked_place(span, ctx, actor_matches, excluded)]


# A source credited after a headline's dash takes a few words ("- YPG, monitor").
_CREDIT_TAIL = 6


def _blocked_place(
    span: Span, ctx: ExtractContext, actor_matches: Sequence[ActorMatch], excluded: set[int]
) -> bool:
    """Is a place name found in a sentence not where its event happened (see
    find_place_spans)?"""
    doc = span.doc
    if any(t.i in excluded for t in span):
        return True
    # "US-backed", "IS-held": the name modifies an actor, it is not the place.
    after = doc[span.end].text if span.end < len(doc) else ""
    # A spaced dash before a source a headline credits ("in Idlib - army") ends the
    # sentence's account: the parse's tie across it (Idlib a compound of "army") is no
    # modifier.
    credited = after in ("-", "\u2013")
    if credited and _dash_modifies(span, ctx):
        return True
    if doc[span.end - 1].text.endswith("-"):
        return True
    head = span.root.head
    if span.start == 0 and after == ":" and ctx.country_for(span.text) is None:
        return False  # "Deir ez-Zor: coalition strikes ...": a headline's place label
    if span.root.dep_ in ("poss", "amod") and head.lemma_.lower() in ctx.cues.place_nouns:
        return False  # "Aleppo city", "Idlib's countryside": the place itself
    if span.root.dep_ in ("nsubj", "amod", "compound") and _place_subject_verb(head, ctx.cues):
        # "Daraa witnesses clashes": the place where they happen (the parser may read
        # "witnesses" as a noun the name qualifies)
        return False
    if _before_event_noun(span, ctx):
        pass  # "Idlib shelling kills 5", which the parser reads as "Idlib" shelling
    elif span.root.dep_ in ("poss", "amod") or (
        span.root.dep_ == "nsubj" and not _object_misread(span)
    ):
        return True
    if (
        span.root.dep_ == "pobj"
        and head.lower_ in ctx.cues.relation_preps
        and ctx.country_for(span.text) is not None
    ):
        return True  # "factions loyal to Turkey", "the border with Turkey": a tie
    if (
        span.root.dep_ == "dobj"
        and head.lemma_.lower() in ctx.cues.claim
        and ctx.country_for(span.text) is not None
    ):
        return True  # "blamed France for the attack": the accused, not the place
    if span.root.dep_ == "compound" and head.pos_ != "PROPN" and not credited:
        lemma = head.lemma_.lower()
        # "Syria forces": a modifier; "Idlib city" is a place. A verb between the name and
        # that head ("explosions of Tal Touqan kill members") shows a misread parse.
        between = doc[span.end : head.i]
        if lemma in ctx.cues.armed | ctx.cues.people and not any(t.pos_ == "VERB" for t in between):
            return True
        if lemma in ctx.lexicon.by_lemma and ctx.country_for(span.text) is not None:
            return True  # "Russia airstrikes": the country that struck
        # "Idlib shelling", "Manbij explosion", "Kafr Nubl massacre": a town or region
        # before an event noun is where it happened.
    s, e = span.start_char, span.end_char
    return any(m.start < e and s < m.end for m in actor_matches)


def _dash_modifies(span: Span, ctx: ExtractContext) -> bool:
    """A dash after a place name that makes it a modifier ("US-backed", "IS - held") or
    one end of a road ("the Tehran - Beirut road"), unlike a spaced dash before the source
    a headline credits at its end ("kills 13 in Afrin - YPG, monitor")."""
    doc = span.doc
    if not doc[span.end - 1].whitespace_ or span.end + 1 >= len(doc):
        return True  # attached: "US-backed", "IS-held"
    nxt = doc[span.end + 1]
    tail = len(doc) - span.end - 1
    # "IS - held", "Turkey - backed": a participle; "- army", "- monitors": a source.
    participle = nxt.is_lower and (nxt.tag_ == "VBN" or nxt.lower_.endswith("ed"))
    return participle or tail > _CREDIT_TAIL or ctx.is_place(nxt.text)


def _object_misread(span: Span) -> bool:
    """A name the parser made a subject right after a verb ("Raids target the Eastern
    Ghouta leave casualties" read with "Ghouta" as the subject of "leave"): what follows
    a verb is its object, a place, not an actor."""
    doc = span.doc
    i = span.start - 1
    while i >= 0 and doc[i].pos_ == "DET":
        i -= 1
    return i >= 0 and doc[i].pos_ == "VERB" and doc[i].i < span.root.head.i


def _before_event_noun(span: Span, ctx: ExtractContext) -> bool:
    """A town or region written right before an event word in -ing ("Idlib shelling",
    "Daraa bombing") or owning an event noun ("Afrin's massacre"): the place of the event,
    whatever the parse made of the pair; a country there names an attacker ("Turkey
    shelling")."""
    doc = span.doc
    if span.end >= len(doc):
        return False
    by_lemma = ctx.lexicon.by_lemma
    head = span.root.head
    # "Afrin's bombing", "Zardana's massacre", "Douma 'chemical attack'", "Aleppo battle"
    # (the name tagged an adjective): a town that owns or qualifies an event noun is where
    # it happened; a country there names an attacker ("Turkey's shelling").
    if (
        span.root.dep_ in ("poss", "amod")
        and head.i > span.root.i
        and head.pos_ == "NOUN"
        and (head.lemma_.lower() in by_lemma or head.lower_ in by_lemma)
    ):
        return ctx.country_for(span.text) is None
    nxt = doc[span.end]
    if not nxt.lower_.endswith("ing"):
        return False
    if nxt.lemma_.lower() not in by_lemma and nxt.lower_ not in by_lemma:
        return False
    return ctx.country_for(span.text) is None


def place_runs(
    view: TokenView,
    ctx: ExtractContext,
    surnames: frozenset[str] = frozenset(),
    references: Callable[[str], bool] | None = None,
) -> list[tuple[int, int]]:
    """The token ranges find_place_spans reads as place names, before its skips (which
    depend on the sentence's actors): the same for every mention of a sentence."""
    runs: list[tuple[int, int]] = []
    is_place = ctx.is_place if references is None else references
    doc, pos, lower, text, n = view.doc, view.pos, view.lower, view.text, len(view)
    directions = ctx.cues.directions
    # _capitalised_common reads the parse; its cheap test (a title-case noun or adjective
    # after the first word) comes first, as this runs for every token.
    common = [
        i > 0
        and view.is_title[i]
        and pos[i] in ("NOUN", "ADJ")
        and _capitalised_common(doc[i], ctx.cues)
        for i in range(n)
    ]
    geoparse = references is not None
    # A capitalised word tagged as an adjective where a name is expected ("Aleppo battle:
    # ...", "kills 5 in Tartous") or after a name's hyphen ("Al-Bokamal massacre"): the
    # small model tags some names so; a word that opens an event phrase ("Mine explosion")
    # is none. The gazetteer still decides.
    first_words = ctx.lexicon.by_first_word
    adj_name = (
        [False] * n
        if geoparse
        else [
            pos[i] == "ADJ"
            and view.is_title[i]
            and lower[i] not in first_words
            and (_after_name_hyphen(view, i) or _noun_as_name(view, i, ctx))
            for i in range(n)
        ]
    )

    def opens(i: int) -> bool:
        if view.is_punct[i]:
            return False  # "Maarat al-Numan": no name starts at its hyphen
        if pos[i] == "PROPN" or lower[i] in directions or common[i] or adj_name[i]:
            return True
        if not geoparse and pos[i] == "NOUN" and _noun_as_name(view, i, ctx):
            return True
        # Geoparsing also reads capitalised adjectives and nouns: "Syrian", "BAGHDAD".
        return geoparse and view.is_alpha[i] and text[i][:1].isupper()

    def name_like(i: int) -> bool:
        if pos[i] in ("PROPN", "NOUN") or common[i] or adj_name[i]:
            return True
        return geoparse and pos[i] == "ADJ" and text[i][:1].isupper()

    i = 0
    while i < n:
        if not opens(i):
            i += 1
            continue
        if not geoparse and pos[i] == "PROPN" and (i == 0 or pos[i - 1] != "PROPN"):
            # "Judge Diaz Perez", "Garcia Alvarado": a person's name of place names.
            name_end = i
            while name_end < n and pos[name_end] == "PROPN" and view.is_alpha[name_end]:
                name_end += 1
            whole = name_end == n or pos[name_end] != "PROPN"  # not "Abu al-..."
            if whole and name_end > i and person_run(view, i, name_end, ctx) is not None:
                i = name_end
                continue
        found: tuple[int, int] | None = None
        for j in range(min(n, i + _MAX_PLACE_TOKENS), i, -1):
            if not name_like(j - 1) or view.is_punct[j - 1]:
                continue
            name = view.span_text(i, j)
            if name.lower() not in surnames and is_place(name):
                found = (i, j)
                break
        run_end = i
        while run_end < n and pos[run_end] == "PROPN":
            run_end += 1
        if found is not None and found[1] - found[0] == 1 and found[1] < run_end and not geoparse:
            # "Abu Hassan", "Washington Post": a one-word place name that opens a longer
            # proper name is part of that name, unless the next word is a place too
            # ("Damascus Syria" in texts stripped of commas). Geoparsing counts the
            # place in "Georgia Tech" or "the U.S. Army" as a reference all the same.
            nxt = text[found[1]]
            # "Douma City", "Idlib Province": a name the gazetteer lacks with the kind of
            # place written after it is that place.
            kind = nxt.lower() in ctx.cues.place_suffixes
            if not kind and (nxt.lower() in surnames or not is_place(nxt)):
                found = None
        if not geoparse and (pos[i] == "PROPN" or common[i]):
            # "the city of Maarat al-Numan": the whole name, not its known first words;
            # "the attack on Rankous" (tagged an adjective): a name all the same.
            end = _name_end(view, i)
            if (found is None or found[1] < end) and _named_as_place(view, i, end, ctx, surnames):
                found = (i, end)
        if found is not None:
            runs.append(found)
            i = found[1]
            continue
        first = i
        i += 1
        if pos[first] == "PROPN":
            while i < n and pos[i] == "PROPN":
                i += 1
            if geoparse:
                inner = _broad_place_inside(view, first + 1, i, is_place, ctx)
                if inner is not None:
                    runs.append(inner)
    return runs


def _broad_place_inside(
    view: TokenView, start: int, end: int, is_place: Callable[[str], bool], ctx: ExtractContext
) -> tuple[int, int] | None:
    """The country or region named inside or at the end of an organisation's name, as
    geoparsing counts it ("Air Zimbabwe", "FrontCounter BC", "Air France KLM", "HSBC
    Bank Malta plc"): the leftmost, longest such part of tokens `start..end`; is_place
    reads one word in capitals as exactly a country, region or listed abbreviation."""
    for k in range(start, end):
        for j in range(min(end, k + _MAX_PLACE_TOKENS), k, -1):
            part = view.span_text(k, j)
            if is_place(part) and ctx.is_place(part.upper()):
                return k, j
    return None


def _noun_as_name(view: TokenView, i: int, ctx: ExtractContext) -> bool:
    """A capitalised word the tagger took for a common noun where a town's name is
    expected: after a preposition that places events ("clashes in Dar'a") or a country's
    "'s" ("Syria's Raqa"), or opening a headline before an event word ("Homs bombing
    kills 12"), a place noun, a verb places take or a label's colon ("Raqqa: ...").
    The gazetteer still decides whether it is a place."""
    if not view.text[i][:1].isupper():
        return False
    if i > 1 and view.lower[i - 1] == "'s":
        return ctx.country_for(view.text[i - 2]) is not None  # "Syria's Raqa"
    if i > 0:
        return view.lower[i - 1] in ctx.cues.event_place_preps
    if len(view) < 2:
        return False
    nxt = view.doc[1]
    by_lemma = ctx.lexicon.by_lemma
    if nxt.lemma_.lower() in by_lemma or view.lower[1] in by_lemma:
        return True
    return _opens_with_place(nxt, ctx.cues)


def _place_subject_verb(tok: Token, cues: Cues) -> bool:
    """A verb whose subject is a place ("witness"), also when tagged as a plural noun
    ("Idlib witnesses clashes")."""
    lower = tok.lower_
    return tok.lemma_.lower() in cues.place_subject_verbs or (
        lower.endswith("es") and lower[:-2] in cues.place_subject_verbs
    )


def _opens_with_place(nxt: Token, cues: Cues) -> bool:
    """Whether the second word of a headline makes its first a place's name, if any: a
    place noun ("Idlib countryside ..."), a verb places take ("Idlib witnesses clashes")
    or the colon of a label ("Raqqa: warplanes ...")."""
    return (
        nxt.text == ":" or nxt.lemma_.lower() in cues.place_nouns or _place_subject_verb(nxt, cues)
    )


def _after_name_hyphen(view: TokenView, i: int) -> bool:
    """A word right after the hyphen of a name ("Al-Bokamal", "Tal-Abyad"): part of it,
    whatever the tagger made of it."""
    return i >= 2 and view.text[i - 1] == "-" and view.pos[i - 2] == "PROPN"


def _name_end(view: TokenView, first: int) -> int:
    """Where the proper name opening at `first` ends: its proper nouns and the hyphens
    between them ("Maarat al-Numan", "Al-Bokamal" with its tail tagged an adjective)."""
    pos, text, n = view.pos, view.text, len(view)
    end = first + 1
    while end < n:
        if pos[end] == "PROPN" and not view.is_punct[end]:
            end += 1
        elif (
            text[end] == "-"
            and end + 1 < n
            and (pos[end + 1] == "PROPN" or (pos[end + 1] == "ADJ" and view.is_title[end + 1]))
        ):
            end += 2
        else:
            break
    return end


def _named_as_place(
    view: TokenView, first: int, end: int, ctx: ExtractContext, surnames: frozenset[str]
) -> bool:
    """A proper name that the words around it call a place ("Bdama town", "the town of
    Atareb", "the countryside of Sermin") and that the gazetteer finds under a spelling
    its strict name test rejects: in that frame a name is a place's, not a person's."""
    place_nouns = ctx.cues.place_nouns
    after = view.lower[end] if end < len(view) else ""
    framed = after in place_nouns or (
        first >= 2
        and view.lower[first - 1] == "of"
        # "the fronts of Tal Tamr": plural place nouns too
        and (
            view.lower[first - 2] in place_nouns or _singular(view.lower[first - 2]) in place_nouns
        )
    )
    if not framed and not _event_frame(view, first, end, ctx):
        return False
    name = view.span_text(first, end)
    if len(name) < 4 or name.lower() in surnames:
        return False
    if end - first == 1 and is_english_word(name.lower()):
        return False  # "the town of Hope", "Border area": words, not a spelling to resolve
    return ctx.place_country(name) is not None


def _singular(word: str) -> str:
    """A regular plural made singular ("fronts" -> "front"); other words unchanged."""
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


_FRAME_STEPS = 5  # parse steps from a place's preposition up to the event word it places


def _event_frame(view: TokenView, first: int, end: int, ctx: ExtractContext) -> bool:
    """A proper name placed by an event word or its victims: "explosion in Hisyah", "the
    attack on Rankous", "civilians of Kafar Jalis". Monitors name villages the strict
    name test does not know; in this frame a name is where the event happened."""
    doc, lower = view.doc, view.lower
    by_lemma = ctx.lexicon.by_lemma

    def event_or_victims(i: int) -> bool:
        tok = doc[i]
        lemma = tok.lemma_.lower()
        if tok.pos_ not in ("NOUN", "VERB"):
            return False
        return lemma in by_lemma or lower[i] in by_lemma or lemma in ctx.cues.people

    if first < 2 or lower[first - 1] not in ctx.cues.event_place_preps:
        return False
    # A name in lower case words ("jaramillo Ossa" in recased wire copy) is a person's.
    if not (view.text[first][:1].isupper() and view.text[end - 1][:1].isupper()):
        return False
    if lower[first - 1] == "of":
        # "civilians of Kafar Jalis", "the shelling of Tal Touqan"; "the assassination of
        # X" names a victim, while a weapon or method ("shelling", "explosions") is done
        # to a place.
        before = doc[first - 2]
        if before.lemma_.lower() in ctx.cues.people:
            return True
        classes = by_lemma.get(before.lemma_.lower()) or by_lemma.get(lower[first - 2]) or ()
        return before.pos_ == "NOUN" and any(c.means for c in classes)
    # The word before the preposition, or the one the parse attaches it to ("clashes
    # between A and B in Atamah"), up through the names it may be hung on ("between A
    # and B": the preposition attached to B, B to "between", that to "clashes").
    if event_or_victims(first - 2):
        return True
    tok = doc[first - 1].head
    for _ in range(_FRAME_STEPS):
        if event_or_victims(tok.i):
            return True
        if tok.pos_ not in ("PROPN", "ADP", "NOUN") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _capitalised_common(tok: Token, cues: Cues) -> bool:
    """A capitalised word the parser took for a common noun or an adjective where a place
    name stands ("the countryside of Homs", "Aleppo city"): it may be a name."""
    # is_title is a lexeme flag: the cheap test first, as this runs for every token.
    if not tok.is_title or tok.i == 0 or tok.pos_ not in ("NOUN", "ADJ"):
        return False
    if tok.dep_ == "pobj" and tok.head.lower_ in cues.locative_preps:
        # "the countryside of Homs"; "kills 6 in Homs" when the word is no English word
        # (the small model reads "Homs" as the plural of "hom"), but not "in Turn" (the
        # recaser capitalises place names that are also common words).
        if tok.head.head.lemma_.lower() in cues.place_nouns:
            return True
        # An adjective too ("explosions of Tartous"): the small model tags some names so.
        return not is_english_word(tok.lower_)
    return tok.dep_ in ("amod", "compound", "nmod") and tok.head.lemma_.lower() in cues.place_nouns


def _quantity_for(head: Token | None, text_offset: int, sentence: Sentence) -> int | None:
    """The count of a victim phrase ("more than 200 people" -> 200), if it states one."""
    if head is None:
        return None
    start, end = _np_range(head)
    phrase = sentence.text[start - text_offset : end - text_offset]
    quantities = find_quantities(phrase)
    return quantities[0].value if quantities else None


@dataclass(frozen=True)
class _Toll:
    """A sentence's killed and injured counts; `update`: a toll brought up to date ("the
    death toll rises to 20"); `single`: the one dead of "a soldier was killed", no number."""

    killed: int | None
    injured: int | None
    update: bool = False
    single: bool = False


def _casualties(
    doc: Doc,
    sentence: Sentence,
    cues: Cues,
    tokens: Sequence[int] | None = None,
    named: Callable[[Token], bool] = lambda tok: False,
) -> _Toll:
    """Killed and injured counts stated in a sentence (or in some of its tokens), read from
    kill/injure words' arguments, else from a toll brought up to date, else one dead when a
    kill word's victim is one person (`named`: a token ends a person's name)."""
    killed: int | None = None
    injured: int | None = None
    single = False
    for tok in doc if tokens is None else (doc[i] for i in tokens):
        lemma = tok.lemma_.lower()
        is_kill = lemma in cues.kill or (tok.pos_ == "NOUN" and lemma in cues.dead_count)
        is_injure = lemma in cues.injure
        if not (is_kill or is_injure):
            continue
        value: int | None = None
        if _read_as_verb(tok):
            roles = _roles(tok)
            roles.patient = roles.patient or _of_object(tok)
            value = _conjunct_sum(roles.patient, cues, named)
            if value is None:
                value = _quantity_for(roles.patient, doc[0].idx, sentence)
            if value is None and tok.dep_ in ("acl", "relcl", "amod"):
                value = _quantity_for(tok.head, doc[0].idx, sentence)
                if value is None:
                    value = _count_of_whole(tok.head)
            if value is None and lemma in cues.subject_dies:
                value = _quantity_for(_subject_of(tok), doc[0].idx, sentence)
        elif lemma not in cues.kill:
            # "7 casualties in an air strike", "dozens of casualties": only a count written
            # on the noun itself ("more casualties raise the toll to 15" is a toll update).
            if _with_injured(tok, cues) or cues.toll_span.search(doc.text) is not None:
                continue  # "40 casualties and wounded", "340 casualties in 25 days"
            value = _quantity_for(tok, doc[0].idx, sentence)
            if value is None:
                value = _count_of_whole(tok)
            if value is None:
                continue
        elif tok.dep_ == "pobj" and tok.head.lower_ in cues.timing:
            continue  # "after the killing of 30 of their members, the army attacks"
        else:
            # "12 dead", "the death toll rose to 15", "15 deaths"
            value = _quantity_for(tok, doc[0].idx, sentence)
            if value is None and tok.dep_ in ("nsubj",):
                for sib in tok.head.subtree:
                    if sib.like_num and sib.i > tok.i:
                        quantities = find_quantities(sib.text)
                        value = quantities[0].value if quantities else None
                        break
            if value is None and tok.dep_ == "amod":
                value = _quantity_for(tok.head, doc[0].idx, sentence)
            if (
                value is None
                and tok.dep_ == "dobj"
                and tok.head.lemma_.lower() in lives_lost_verbs()
                and any(c.dep_ == "poss" for c in tok.children)
            ):
                # "31 people lost their lives": the dead are the verb's subject.
                value = _quantity_for(_subject_of(tok.head), doc[0].idx, sentence)
        if value is None and tok.dep_ in ("conj", "ROOT", "acl", "amod"):
            # "... and more than 200 wounded", "2 Syrian children killed": the count stands
            # right before the word or its people noun (not "Tens of air raids kill ...",
            # which counts the raids).
            value = _count_before(doc, tok, cues)
        if value is None:
            single = single or (is_kill and _one_dead(tok, cues, named))
            continue
        if _shared_count(tok, cues):
            # "kill and injure more than 40 persons", "20 killed and wounded": one figure
            # for the dead and the hurt together counts neither.
            continue
        if is_kill and killed is None:
            killed = value
        elif is_injure and injured is None:
            injured = value
    if killed is None and injured is None:
        killed, injured = _toll_update(doc, cues, tokens)
        if killed is not None or injured is not None:
            return _Toll(killed, injured, update=True)
    if killed is None and single:
        # A stated count, even one for a toll, outranks this reading: "a soldier was
        # killed, raising the toll to 20" gives 20.
        return _Toll(1, injured, single=True)
    return _Toll(killed, injured)


def _with_injured(noun: Token, cues: Cues) -> bool:
    """Is a casualty noun written together with the injured ("40 casualties and wounded",
    "casualties or injuries"), however the parser attached the second word?"""
    rest = noun.doc[noun.i + 1 : noun.i + 3]
    return (
        len(rest) == 2 and rest[0].lower_ in ("and", "or") and rest[1].lemma_.lower() in cues.injure
    )


def _count_of_whole(noun: Token) -> int | None:
    """The count of the noun an "of"/"from" phrase hangs from, when a participle attaches
    to that phrase's object ("13 members of the guard killed", "dozens of fighters
    killed"): the dead are the counted members, not the group that names them."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in ("of", "from") or prep.head.pos_ != "NOUN":
        return None
    whole = prep.head
    quantities = find_quantities(whole.doc[whole.left_edge.i : whole.i + 1].text)
    return quantities[-1].value if quantities else None


def _conjunct_sum(head: Token | None, cues: Cues, named: Callable[[Token], bool]) -> int | None:
    """The dead of coordinated victims, added up as distinct people ("a man, his wife and
    four of their children" -> 6, "two children and an old woman" -> 3); None unless every
    conjunct is counted or is one person (an uncounted plural leaves the total unknown)."""
    if head is None or not any(c.dep_ == "conj" for c in head.children):
        return None
    total = 0
    stack = [head]
    while stack:
        part = stack.pop()
        stack.extend(c for c in part.children if c.dep_ == "conj")
        own = part.doc[part.left_edge.i : part.i + 1]
        quantities = find_quantities(own.text)
        if quantities and not any(t.dep_ == "conj" for t in own if t.i != part.i):
            total += quantities[-1].value
        elif _one_person_alone(part, cues, named):
            total += 1
        else:
            return None
    return total


def _one_person_alone(part: Token, cues: Cues, named: Callable[[Token], bool]) -> bool:
    """Is one conjunct of a coordination one person ("his wife", "an old woman")?"""
    if part.pos_ == "PROPN":
        return named(part)
    if part.tag_ != "NN" or part.lemma_.lower() not in cues.persons:
        return False
    return all(
        c.lower_ in cues.single_determiners or c.dep_ == "poss"
        for c in part.children
        if c.dep_ in ("det", "predet", "poss")
    )


def _one_dead(tok: Token, cues: Cues, named: Callable[[Token], bool]) -> bool:
    """Does a kill word tell the death of one person, uncounted ("a brigadier is killed",
    "claims the life of a child", "Ahmed al-Ali was killed"), as an act told once (not
    "a child dies every hour", "will be killed") with nobody hurt alongside ("killed and
    injured a man" counts neither)?"""
    victim = _victim_of(tok, cues)
    if victim is None or not _one_person(victim, cues, named):
        return False
    if any(c.lemma_.lower() in cues.plan or c.lower_ in cues.near_miss for c in tok.children):
        return False  # "attempted murder of a judge", "was almost killed"
    verb = tok if _read_as_verb(tok) else tok.head
    for child in (*verb.children, *victim.children):
        # "will be killed", "not killed", "to kill a commander" (an attempt, a threat)
        if child.dep_ == "neg" or child.tag_ in ("MD", "TO"):
            return False
        if child.dep_ in ("npadvmod", "advmod", "prep", "tmod") and any(
            w.lower_ in cues.habitual for w in child.subtree
        ):
            return False
        if (
            child.dep_ == "prep"
            and child.lower_ in cues.company
            and any(g.lemma_.lower() in cues.persons for g in child.subtree)
        ):
            return False
    return not _shares_victim(tok, cues)


# Where a death noun tells a death ("the death of a soldier" as what an act caused or
# claimed, or as a headline's head), not a death mourned or investigated.
_TOLD_DEATH_DEPS = frozenset(
    {"ROOT", "nsubj", "nsubjpass", "dobj", "obj", "attr", "appos", "conj", "dep"}
)


def _victim_of(tok: Token, cues: Cues) -> Token | None:
    """Head of the phrase naming who died by a kill word: a verb's patient or the noun its
    participle modifies, a predicate's ("a citizen was shot dead"), the subject of "lost
    his life", the "of" phrase of a death noun ("claims the life of a child")."""
    if _read_as_verb(tok):
        patient = _roles(tok).patient or _of_object(tok)
        if (patient is None or patient.tag_ in ("WP", "WDT")) and tok.dep_ in ("acl", "relcl"):
            return tok.head  # "a man who was killed", "a commander killed in an ambush"
        return patient
    if tok.dep_ in ("oprd", "acomp", "xcomp", "advcl", "advmod") and _read_as_verb(tok.head):
        patient = _roles(tok.head).patient
        if patient is None and not any(c.dep_ in ("dobj", "obj") for c in tok.head.children):
            # "Man shot dead in Daraa": with no object, who was shot dead is the subject
            # of a headline's reduced passive.
            return _subject_of(tok.head)
        return patient
    if tok.dep_ == "amod":
        return tok.head  # "a dead soldier"
    if any(c.dep_ == "det" and c.lower_ not in cues.single_determiners for c in tok.children):
        return None  # "no death", "any loss of life"
    if (
        tok.dep_ in ("dobj", "obj")
        and tok.head.lemma_.lower() in lives_lost_verbs()
        and any(c.dep_ == "poss" for c in tok.children)
    ):
        return _subject_of(tok.head)  # "a man lost his life"
    told = tok.dep_ in _TOLD_DEATH_DEPS or (
        tok.dep_ == "pobj" and tok.head.lower_ in ("in", "to")  # "led to the death of"
    )
    if not told:
        return None
    return _prep_object(tok, ("of",))


def _of_object(tok: Token) -> Token | None:
    """The "of" phrase of a gerund told as a noun ("Killing of 5 civilians"): its patient;
    none where the gerund only times or explains another act ("after the killing of")."""
    if tok.tag_ != "VBG" or tok.dep_ not in _TOLD_DEATH_DEPS:
        return None
    return _prep_object(tok, ("of",))


def _read_as_verb(tok: Token) -> bool:
    """Is a kill word read as a verb by _casualties (its victim is its patient)?"""
    return tok.pos_ in ("VERB", "AUX") or tok.tag_ in ("VBN", "VBD", "VBG")


def _one_person(head: Token, cues: Cues, named: Callable[[Token], bool]) -> bool:
    """Does a noun phrase name one person: a singular person noun with no other count,
    conjunct or quantifier ("a policeman", "the commander of the faction", "his son"), or
    a person's name?"""
    if any(c.dep_ in ("conj", "nummod") for c in head.children):
        return False  # "a man and his son": more than one, uncounted
    if head.pos_ == "PROPN":
        return named(head)
    if head.tag_ != "NN" or head.lemma_.lower() not in cues.one_person:
        return False
    return all(
        c.lower_ in cues.single_determiners for c in head.children if c.dep_ in ("det", "predet")
    )


def _person_name(tok: Token, matches: Sequence[ActorMatch], ctx: ExtractContext) -> bool:
    """Does a proper noun end a person's name: two or more capitalised words ("Ahmed
    al-Ali") that are no actor's name and no place the gazetteer knows?"""
    first = tok.i
    while first > 0 and tok.doc[first - 1].pos_ == "PROPN":
        first -= 1
    name = tok.doc[first : tok.i + 1]
    if sum(t.is_alpha for t in name) < 2:
        return False
    rules = load_org_rules()
    if tok.lower_ in rules.name_heads or tok.lower_ in rules.group_heads:
        return False  # "the Communist Party", an organisation's name
    if tok.lemma_.lower() in ctx.cues.persons:
        return False  # "Syrian Soldier" in a capitalised headline: a noun, not a name
    start, end = name.start_char, name.end_char
    # An organisation's name the dictionary or org_phrases knows; generic group phrases
    # ("the victims") name no one in particular and do not make a name a group's.
    if any(m.start < end and start < m.end for m in matches if not m.generic):
        return False
    return not (ctx.is_place(name.text) or ctx.is_place(tok.text))


def _shares_victim(tok: Token, cues: Cues) -> bool:
    """Is a kill word coordinated with an injure word that has no victim of its own, so
    the victim may be either's ("killed and injured a man")?"""
    return any(
        p.lemma_.lower() in cues.injure
        and not any(c.dep_ in ("nsubj", "nsubjpass", "dobj", "obj") for c in p.children)
        for p in _conjoined(tok)
    )


def _count_before(doc: Doc, tok: Token, cues: Cues) -> int | None:
    """The count written just before a casualty word, alone or on a people noun ("200
    wounded", "one person dies", "2 Syrian children killed"); None when other words come
    between (the count of something else)."""
    first = tok.left_edge.i
    left = doc[first : tok.i].text
    quantities = find_quantities(left) if left else []
    if not quantities:
        return None
    last = quantities[-1]
    end = doc[first].idx + last.end
    # "... were killed": the passive's auxiliaries are not words between.
    rest = [t for t in doc[first : tok.i] if t.idx >= end and t.pos_ != "AUX"]
    if rest and rest[0].lower_ == "of":
        # "at least 18 of ISIS were killed", "20 of the regime forces"
        rest = [t for t in rest[1:] if t.pos_ != "DET"]
        if not rest or (rest[-1].pos_ != "PROPN" and rest[-1].lemma_.lower() not in cues.armed):
            return None
    if rest and (
        (rest[-1].pos_ != "PROPN" and rest[-1].lemma_.lower() not in cues.people | cues.armed)
        or any(t.pos_ not in ("ADJ", "NOUN", "PROPN") for t in rest)
        or len(rest) > 3
    ):
        return None
    return last.value


def _shared_count(tok: Token, cues: Cues) -> bool:
    """Whether a kill or injure word is coordinated with the other kind with nothing
    counted between them, so one figure stands for both ("killed and wounded 20"); not
    when each has an object of its own ("killed a man and injured 3 others")."""
    lemma = tok.lemma_.lower()
    other = cues.kill | cues.dead_count if lemma in cues.injure else cues.injure
    own = any(c.dep_ in ("dobj", "obj") for c in tok.children)
    for partner in _conjoined(tok):
        if partner.lemma_.lower() not in other or (
            own and any(c.dep_ in ("dobj", "obj") for c in partner.children)
        ):
            continue
        lo, hi = sorted((tok.i, partner.i))
        if not any(t.like_num or find_quantities(t.text) for t in tok.doc[lo + 1 : hi]):
            return True
    return False


def _toll_update(
    doc: Doc, cues: Cues, tokens: Sequence[int] | None = None
) -> tuple[int | None, int | None]:
    """A toll brought up to date ("the number of casualties of the massacre rises to 37",
    "more casualties raise the death toll to 34"): the total its "to" phrase gives, as the
    killed or the injured by what the verb's subject or object counts; nothing when that
    counts both ("the number of people killed and injured") or neither."""
    for tok in doc if tokens is None else (doc[i] for i in tokens):
        if tok.lemma_.lower() not in cues.toll_verbs:
            continue
        to = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "to"), None)
        if to is None or cues.toll_span.search(doc[tok.i :].text) is not None:
            continue  # no new total, or one over days ("raise it to 823 in 83 days")
        counted: set[str] = set()
        for child in tok.children:
            # "raise to 15, the number of people killed": the total's noun set apart.
            if child.dep_ in ("nsubj", "nsubjpass", "dobj", "obj", "npadvmod", "appos"):
                counted |= _counted_words(child, cues)
        dead = bool(counted & (cues.kill | cues.toll_nouns))
        hurt = bool(counted & cues.injure)
        if dead == hurt:
            continue
        quantities = find_quantities(doc_text(to))
        if quantities:
            value = quantities[0].value
            return (value, None) if dead else (None, value)
    return None, None


def _counted_words(head: Token, cues: Cues) -> set[str]:
    """Lemmas telling what a noun phrase counts: its head, modifiers and the verbs of its
    clauses ("civilian martyrs", "people who were killed"), through "the number of"."""
    heads = [head]
    if head.lemma_.lower() in cues.count_nouns:
        pobj = _prep_object(head, ("of",))
        if pobj is None:
            return set()
        # "the number of people killed": the clause may hang off either noun.
        heads = [pobj, head]
    words = {heads[0].lemma_.lower()}
    for noun in heads:
        for child in noun.children:
            if child.dep_ in ("compound", "amod", "conj", "acl", "relcl") and child.i != noun.i:
                words.add(child.lemma_.lower())
            if child.dep_ in ("acl", "relcl"):
                words |= {g.lemma_.lower() for g in child.children if g.dep_ == "conj"}
    return words


def _refine(
    classes: set[str],
    main: _Trigger,
    actor2_kind: str | None,
    actor1_kind: str | None,
    text: str,
    cues: Cues,
    lexicon: Lexicon,
) -> tuple[str, str]:
    """Turn the trigger classes of one mention into an ACLED type and sub-type."""
    name = main.cls.name
    if "chemical" in classes and name in ("shelling", "airstrike", "ied", "attack", "die"):
        # "rockets filled with Sarin gas": ACLED codes the agent, whatever carried it.
        chemical = next(c for c in lexicon.classes if c.name == "chemical")
        return chemical.event_type, chemical.sub_event_type
    if name == "ied" and _with_gunfire(main.token, lexicon):
        name = "attack"  # "a bomb and gun attack": told by its shooting, not its bomb
    crowd = _crowd_event(classes, actor1_kind, actor2_kind, text, cues)
    if crowd is not None:
        return crowd
    if name == "capture":
        if actor1_kind == "State forces":
            return "Battles", "Government regains territory"
        return "Battles", "Non-state actor overtakes territory"
    if name in ("attack", "die"):
        armed = {"State forces", "Rebel group", "Political militia", "Identity militia"}
        if actor2_kind in armed or "clash" in classes:
            return "Battles", "Armed clash"
        return "Violence against civilians", "Attack"
    if name == "ied" and _dropped_from_air(main.token, actor1_kind, cues):
        return "Explosions/Remote violence", "Air/drone strike"
    return main.cls.event_type, main.cls.sub_event_type


def _with_gunfire(tok: Token, lexicon: Lexicon) -> bool:
    """Is an explosive trigger coordinated with a shooting word ("a bomb and gun attack",
    "bombs and gunfire")? ACLED codes a remote explosive when the bomb is the means, and
    an attack made with both by its other features (clash or attack)."""
    partners = [c for c in tok.children if c.dep_ == "conj"]
    if tok.dep_ == "conj":
        partners.append(tok.head)
    return any(
        any(c.name == "attack" for c in lexicon.by_lemma.get(p.lemma_.lower(), ()))
        for p in partners
    )


def _dropped_from_air(tok: Token, actor1_kind: str | None, cues: Cues) -> bool:
    """Is a "bomb" trigger told of aircraft in its clause ("helicopters bombed the town",
    "planes dropped bombs") or, as the verb or the noun "bombing", of a state's forces
    ("the army bombed the camps", "the bombing of Aleppo by Syrian and Russian jets")?
    Such bombs fall from the air (ACLED's air strike); others were planted."""
    lemma = tok.lemma_.lower()
    if lemma not in ("bomb", "bombing"):
        return False
    if actor1_kind == "State forces" and (tok.pos_ == "VERB" or lemma == "bombing"):
        return True
    return any(t.lemma_.lower() in cues.aircraft for t in tok.head.subtree)


_CROWDS = frozenset({"Protesters", "Rioters"})
_NON_STATE_ARMED = frozenset({"Rebel group", "Political militia", "Identity militia"})


def _crowd_event(
    classes: set[str],
    actor1_kind: str | None,
    actor2_kind: str | None,
    text: str,
    cues: Cues,
) -> tuple[str, str] | None:
    """ACLED's demonstration sub-types: a crowd that acts violently riots; force against
    protesters is excessive when lethal ("shot dead", "killing"), an intervention when it
    disperses or detains; a protest nobody acted against is peaceful. None: no crowd."""
    violent = bool(classes - {"protest", "arrest", "agreement", "withdraw", "change", "base"})
    if "riot" in classes or {"loot", "protest"} <= classes:
        mob = "mob" in text.lower() or "lynch" in text.lower()
        return ("Riots", "Mob violence") if mob else ("Riots", "Violent demonstration")
    if actor1_kind in _CROWDS and violent:
        return "Riots", "Violent demonstration"
    at_protest = actor1_kind == "State forces" and cues.crowd.search(text) is not None
    if "protest" not in classes and actor2_kind != "Protesters" and not at_protest:
        return None
    lethal = cues.excessive.search(text) is not None or "die" in classes
    if lethal and violent and actor1_kind in _NON_STATE_ARMED:
        # ACLED codes an armed group's deadly attack on a crowd as an attack on civilians.
        return "Violence against civilians", "Attack"
    if lethal and violent:
        return "Protests", "Excessive force against protesters"
    lowered = text.lower()
    if violent or "arrest" in classes or any(w in lowered for w in cues.intervention):
        return "Protests", "Protest with intervention"
    return "Protests", "Peaceful protest"


def _modality(tok: Token, speech: Token | None, cues: Cues) -> Modality | None:
    """How the report holds the event: asserted, claimed, denied, threatened, planned;
    None when it is only hypothetical (could, might)."""
    chain = [tok]
    node = tok
    while node.dep_ in ("xcomp", "ccomp", "conj", "pobj", "prep", "dobj") and node.head.i != node.i:
        node = node.head
        chain.append(node)
    for node in chain:
        if any(c.dep_ == "neg" for c in node.children):
            return "denied"
        lemma = node.lemma_.lower()
        if lemma in cues.threat:
            return "threatened"
        if lemma in cues.plan and node.i != tok.i:
            return "planned"
        if lemma in cues.stop and node.i != tok.i and node.tag_ in ("VB", "VBP", "VBZ", "VBG"):
            # "stop the repression, kidnapping, and torture": a demand; "stopped an
            # attack" in the past tells of one that was tried.
            return None
        if any(c.dep_ == "aux" and c.lower_ in ("will", "shall") for c in node.children):
            return "planned"
        if any(c.dep_ == "aux" and c.lower_ in cues.modal for c in node.children):
            return None
    if speech is not None:
        lemma = speech.lemma_.lower()
        if lemma in cues.deny:
            return "denied"
        if lemma in cues.claim:
            return "claimed"
    return "asserted"


def _ranked_period_start(doc: Doc, time: TimeExpression, ctx: ExtractContext) -> bool:
    """A date long past after a "since" (`period_starts`) that ranks the event ("the
    largest massacre since late 2014"): it bounds the comparison, it does not date the
    event. ("Since last August, the BLA has claimed several attacks" stays a period.)"""
    before = [t for t in doc if t.idx < time.start][-2:]
    since = next((t for t in reversed(before) if t.lower_ in ctx.cues.period_starts), None)
    if since is None or not ranks_one_event(doc, since.i, ctx.cues.aggregate):
        return False
    last = time.value.date_end or time.value.date
    return (
        ctx.anchor is not None
        and last is not None
        and dt.date.fromisoformat(last) < ctx.anchor - dt.timedelta(days=_BACKGROUND_DAYS)
    )


def _is_background(
    triggers: Sequence[_Trigger],
    times: Sequence[TimeExpression],
    anchor: dt.date | None,
    cues: Cues,
    narrative: bool,
) -> bool:
    """An earlier event recalled: dated well before publication, marked by "once" /
    "previously", or told in the historical present of a timeline (only in body text:
    headlines use the present tense for news)."""
    if anchor is not None:
        for t in times:
            last = t.value.date_end or t.value.date
            if last and dt.date.fromisoformat(last) < anchor - dt.timedelta(days=_BACKGROUND_DAYS):
                return True
    for trig in triggers:
        tok = trig.token
        near = [*tok.children, *tok.head.children]
        if any(t.lower_ in cues.background_adverbs for t in near):
            return True
    if not narrative:
        return False
    current = anchor is not None and any(
        t.value.date and dt.date.fromisoformat(t.value.date_end or t.value.date) >= anchor
        for t in times
    )
    return not current and _historical_present(triggers[0].token.sent, cues)


def _historical_present(sent: Span, cues: Cues) -> bool:
    """A sentence told in the simple present with no past verb: in a news body that is
    a timeline entry or a generic statement ("Then its fighters slaughter ..."), not news.
    Present perfect and progressive ("has been battling", "are advancing") are news."""
    present = False
    for tok in sent:
        if tok.tag_ == "VBD":
            return False
        lemma = tok.lemma_.lower()
        if tok.dep_ == "aux" and (
            (lemma == "have" and tok.head.tag_ == "VBN")
            or (lemma == "be" and tok.head.tag_ == "VBG")
        ):
            return False
        finite = tok.tag_ in ("VBP", "VBZ") and tok.dep_ not in ("aux", "auxpass")
        if finite and lemma not in cues.speech and lemma != "be":
            present = True
        if tok.tag_ == "VBN" and any(
            c.dep_ == "auxpass" and c.tag_ in ("VBP", "VBZ") for c in tok.children
        ):
            present = True
    return present


def _in_relative_clause(tok: Token) -> bool:
    return tok.dep_ == "relcl" or any(a.dep_ == "relcl" for a in tok.ancestors)


def _headline_head(tok: Token) -> bool:
    """The head of a verbless headline ("Casualties in Idlib") or the subject of its main
    verb ("Clashes continue in Aleppo"): in a headline, what it reports."""
    if tok.pos_ != "NOUN":
        return False
    if tok.dep_ == "ROOT":
        return True
    return tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "ROOT"


def _reported(triggers: Sequence[_Trigger]) -> bool:
    """Does a trigger verb tell an act as happened ("warplanes kill", "3 killed")?"""
    return any(t.token.tag_ in ("VBD", "VBZ", "VBP", "VBN") for t in triggers)


def _generic(tok: Token) -> bool:
    """A bare or plural trigger noun naming a kind of act, not one act ("massacres")."""
    if tok.pos_ != "NOUN":
        return False
    determined = any(c.dep_ in ("det", "poss", "nummod") for c in tok.children)
    return not determined and (tok.tag_ == "NNS" or tok.dep_ in ("conj", "pobj"))


def _mention_for(
    sentence: Sentence,
    article_id: str,
    triggers: list[_Trigger],
    ctx: ExtractContext,
    actor_matches: list[ActorMatch],
    narrative: bool,
    surnames: frozenset[str],
    told: dt.date | None = None,
    part: _Part | None = None,
    countries: tuple[str, ...] = (),
    spans: Sequence[Span] | None = None,
    previous: str = "",
) -> Mention | None:
    doc = sentence.doc
    assert doc is not None
    cues = ctx.cues
    classes = {t.cls.name for t in triggers}
    # A trigger in a relative clause ("a tribe it has been battling") describes a
    # participant, not the reported event: it yields to the main clause's triggers.
    ordered = sorted(
        triggers,
        key=lambda t: (
            _in_relative_clause(t.token),
            _PRIORITY.index(t.cls.name) if t.cls.name in _PRIORITY else len(_PRIORITY),
        ),
    )
    main = ordered[0]

    def named(tok: Token) -> bool:
        return _person_name(tok, actor_matches, ctx)

    found = _casualties(doc, sentence, cues, part.tokens if part else None, named)
    killed, injured, toll = found.killed, found.injured, found.update
    if part is not None and part.copy:
        # A count told for several coordinated places is not each place's own.
        killed = injured = None
    family = ctx.lexicon.family(main.cls.event_type)
    if family == "strategic":
        # Agreements, arrests and the like carry no death toll of their own.
        killed = injured = None
    # "Casualties in Idlib countryside": a verbless headline made of a casualty noun
    # reports deaths; elsewhere a bare casualty word only adds to another event.
    headed = not narrative and (
        any(_headline_head(t.token) for t in triggers) or (part is not None and part.headed)
    )
    # One dead read off "a soldier was killed" fills the toll of an event told otherwise;
    # alone it makes no event of a weak word ("the death of a man was caused by ...").
    counted = (killed is not None and not found.single) or injured is not None
    if not any(t.cls.strong for t in triggers) and not counted and not headed:
        return None
    scope = aggregate_scope(doc, sentence.text, cues.aggregate)
    aggregate = scope is not None and main.token.i in scope
    if scope is not None and not aggregate:
        # "Shelling kills 10 in Douma and raises the toll since the start of the campaign
        # to 230": the total is told in its own clause; the event and its count stand.
        own = range(len(doc)) if part is None else part.tokens
        keep = [i for i in own if i not in scope]
        found = _casualties(doc, sentence, cues, keep, named)
        killed, injured, toll = found.killed, found.injured, found.update
    times = find_time_expressions(sentence.text, ctx.anchor, "past", told=told)
    # "the largest massacre since late 2014": a date long past that bounds a ranking is
    # no date of the event told.
    times = [t for t in times if not _ranked_period_start(doc, t, ctx)]
    dated = any(t.value.precision == "day" for t in times)
    mass = _MASS_FATALITIES if dated else _MASS_FATALITIES // 5
    if aggregate or (killed or 0) >= mass or (injured or 0) >= mass:
        # A toll in the thousands is a war's or a campaign's total, not one event's.
        killed = injured = None
        if main.cls.name != "capture":
            return None
    # "26 were killed yesterday including 6 members of the regime forces ...": a monitor's
    # count of the day's dead across the country, no one event's toll.
    daily_total = cues.daily_toll.search(sentence.text) is not None
    if daily_total:
        killed = injured = None
        toll = False
    speech = _speech_frame(main.token, cues)
    modality = _modality(main.token, speech, cues)
    if modality is None:
        return None
    excluded: set[int] = set()
    claimed_by: str | None = None
    if speech is not None:
        # Only the reported clause tells the event: the speaker ("Damascus said") and
        # where the speaker spoke from ("said by telephone from Britain") are not its
        # actors or place.
        reported = {t.i for t in main.token.subtree} | {a.i for a in main.token.ancestors}
        for child in speech.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                claimed_by = doc[child.left_edge.i : child.right_edge.i + 1].text
            if child.i not in reported and child.dep_ not in ("aux", "auxpass", "neg"):
                excluded.update(t.i for t in child.subtree)
    trigger_ids = {t.i for t in main.token.subtree}
    for tok in doc:
        # Any speech verb's own "from"/"in" phrase ("told AFP by phone from Britain").
        # (A name is not a speech verb: "the Islamic State in Raqqa".)
        if tok.lemma_.lower() in cues.speech and tok.i not in trigger_ids and tok.pos_ != "PROPN":
            for child in tok.children:
                if child.dep_ == "prep" and child.i not in trigger_ids:
                    excluded.update(t.i for t in child.subtree)
                elif (
                    child.dep_ == "nsubj"
                    and any(c.dep_ == "prep" and main.token in c.subtree for c in tok.children)
                    and not any(t.lemma_.lower() in ctx.lexicon.by_lemma for t in child.subtree)
                ):
                    # An event that only times the speaking ("an official in Quetta told VOA
                    # soon after the attack"): where the speaker was is not its place. A
                    # subject telling an event ("a massacre in Douma claims ...") is no one.
                    for grand in child.children:
                        if grand.dep_ == "prep":
                            excluded.update(t.i for t in grand.subtree)
    offset = doc[0].idx

    trigger_tokens = {t.token.i for t in triggers}
    if spans is None:
        spans = find_place_spans(doc, ctx, actor_matches, set(), surnames)
    place_tokens = {t.i for s in spans for t in s}

    def actor_surface(tok: Token | None) -> tuple[str | None, ActorMatch | None]:
        # An event noun is never its own actor ("Massacre ... kills 16 people"), nor is a
        # place the gazetteer knows ("airstrikes target Der Ezzor").
        if tok is None or tok.i in trigger_tokens or tok.lower_ in ctx.lexicon.by_lemma:
            return None, None
        match = _actor_in(_np_range(tok), actor_matches) or _member_of(tok, actor_matches, cues)
        if match is not None:
            return match.surface, match
        if tok.i in place_tokens or (
            tok.lower_ in cues.place_suffixes and tok.i - 1 in place_tokens
        ):
            return None, None  # "Douma", "Douma City": the place, not who was hit
        return _group_surface(tok, ctx), None

    trigger_chars = [t.token.idx - doc[0].idx for t in triggers]

    def armed_with(m: ActorMatch) -> bool:
        # A state's weapon named with an event word inside it ("Turkish shelling").
        return m.actor.kind == "State forces" and any(m.start <= c < m.end for c in trigger_chars)

    # Each role takes the first trigger (in priority order) whose argument names an
    # actor: "an air strike on Idlib" gives a place, "civilians were killed" the victims.
    actor1: str | None = None
    actor2: str | None = None
    m1: ActorMatch | None = None
    m2: ActorMatch | None = None
    patient_tok: Token | None = None
    thing: Token | None = None  # a physical target ("the national guard post")
    sufferers: list[Token] = []  # who underwent the acts, however many they name
    dying: set[str] = set()  # classes of the triggers that told only who died
    for trig in ordered:
        if trig is not main and modality in _DONE_MODALITIES:
            # An act asked for or planned beside the one told ("asked Congress to authorize
            # strikes in response to an attack by the government"): its doer did not do it.
            held_as = _modality(trig.token, None, cues)
            if held_as not in _DONE_MODALITIES and held_as != "denied":
                continue
        roles = _roles(trig.token, trig.cls.name == "clash", cues.agent_verbs)
        if trig.cls.name == "die" and roles.agent is not None and roles.agent.dep_ == "poss":
            # "the civilians' death toll", "the regime's losses": who suffered them.
            roles.patient, roles.agent = roles.patient or roles.agent, None
        if actor2 is None and roles.patient is None and trig.cls.name == "die":
            # "losses in the rebels", "casualties in the ranks of IS": who suffered them
            # (not a place: "casualties in Idlib" names none).
            among = _suffered_in(trig.token, cues)
            sufferers.extend(t for t in (_suffering_in(trig.token, cues),) if t is not None)
            surface, match = actor_surface(among) if among is not None else (None, None)
            # An unknown name there is more often a place the gazetteer lacks ("Sermin").
            if (
                among is not None
                and surface is not None
                and (match is not None or among.pos_ != "PROPN")
            ):
                actor2, m2, patient_tok = surface, match, among
        if actor1 is None and roles.agent is not None and roles.agent.i not in excluded:
            actor1, m1 = actor_surface(roles.agent)
        if actor2 is None and roles.patient is not None:
            actor2, m2 = actor_surface(roles.patient)
            if m2 is not None and armed_with(m2):
                # "Russian missile shelling" is who attacked, never who suffered it.
                actor2, m2 = None, None
            if actor2 is not None:
                patient_tok = roles.patient
        if thing is None and roles.patient is not None and roles.patient.pos_ == "NOUN":
            thing = roles.patient
        died = trig.cls.name == "die" or (
            # "30 of A and B were killed" tells, like "died", who died and not who killed.
            roles.agent is None
            and trig.token.lemma_.lower() in cues.death_verbs
            and _passive(trig.token)
        )
        if roles.patient is not None and died:
            # A clash's other side ("against the Turkish forces and their allies") lists
            # one side's allies, not both sides: only a death's sufferers may be both.
            sufferers.append(roles.patient)
            dying.add(trig.cls.name)
    if actor1 is None and cues.pairs is not None and classes <= _MUTUAL_CLASSES | dying:
        # "casualties in the ranks of A and B": two armed sides who both suffered it
        # fought each other, one a side, unless they fight on one side ("the bodies of
        # members of Hezbollah and the regime forces"); an attacker named apart keeps its
        # role, and a one-sided act ("an air strike killed members of A and B") had an
        # unnamed one.
        for tok in sufferers:
            two = _coordinated_sides(tok, actor_matches, cues.pairs.armed, cues.allies)
            if two is not None:
                (m1, m2), patient_tok = two, tok
                actor1, actor2 = m1.surface, m2.surface
                break
    if actor1 is None and actor2 is None:
        # "clashes in the vicinity of Manbij between IS and the SDF": the sides hang off
        # the place, not the trigger.
        sides = _Roles()
        for tok in doc if part is None else doc[part.side_tokens.start : part.side_tokens.stop]:
            if tok.lower_ == "between" and tok.dep_ == "prep":
                _between(tok, sides)
        if sides.agent is not None and sides.patient is not None:
            actor1, m1 = actor_surface(sides.agent)
            actor2, m2 = actor_surface(sides.patient)
            patient_tok = sides.patient if actor2 is not None else None
    # The speaker's words, in the actor matches' coordinates (relative to the sentence).
    speech_chars = [(doc[i].idx - offset, doc[i].idx + len(doc[i]) - offset) for i in excluded]
    # A name the dictionary lacks ("fighters") stands for a side only until one is named.
    named1 = m1 if m1 is not None and m1.actor.known else None
    named2 = m2 if m2 is not None and m2.actor.known else None
    if (
        (named1 is None or named2 is None)
        and family == "violence"
        and cues.pairs is not None
        and cues.pairs.mutual.search(sentence.text)
    ):
        # "12 were killed on both sides", "they shelled each other": the two sides named
        # before in the sentence, or in the one before it (not parsed: read off the
        # dictionary only when the phrase is there).
        earlier = ctx.actors.find(previous, ActorContext(countries=countries)) if previous else []
        mutual = mutual_sides(sentence.text, actor_matches, cues.pairs, earlier, speech_chars)
        if mutual is not None:
            first, second = mutual
            names = (first.actor.name, second.actor.name)
            if named1 is None and named2 is None and _kind_of(actor2, ctx) != "Civilians":
                # A bare noun ("fighters") for who suffered gives way to the two sides.
                actor1, m1, actor2, m2 = first.surface, first, second.surface, second
            elif named1 is not None and named2 is None and named1.actor.name in names:
                other = second if named1.actor.name == first.actor.name else first
                if _kind_of(actor2, ctx) != "Civilians":
                    actor2, m2 = other.surface, other
            elif named2 is not None and named1 is None and named2.actor.name in names:
                other = second if named2.actor.name == first.actor.name else first
                actor1, m1 = other.surface, other
    if (actor1 is None or actor2 is None) and cues.pairs is not None:
        # Headlines the parser misreads still write both sides out: "between SDF and IS".
        window = None
        if part is not None and len(part.side_tokens):
            reach = part.side_tokens
            last = doc[reach.stop - 1]
            window = (doc[reach.start].idx - offset, last.idx + len(last) - offset)
        pair = paired_sides(
            sentence.text, actor_matches, cues.pairs, window, opposed=family == "violence"
        )
        if pair is not None and not any(
            m.start < e and s < m.end for m in pair for s, e in speech_chars
        ):
            first, second = pair
            if actor1 is None and actor2 is None:
                actor1, m1, actor2, m2 = first.surface, first, second.surface, second
            elif m1 is not None and m1.actor.name == first.actor.name and actor2 is None:
                actor2, m2 = second.surface, second
            elif m2 is not None and m2.actor.name == second.actor.name and actor1 is None:
                actor1, m1 = first.surface, first
        if actor2 is None and family != "demonstration":
            # "shelling on areas controlled by A", "advance at the expense of A": A's ground
            # or ranks were hit; A is the target when the parse named none.
            held = held_side(sentence.text, actor_matches, cues.pairs, window)
            if (
                held is not None
                and not held.generic
                and (m1 is None or held.actor.name != m1.actor.name)
                and not any(held.start < e and s < held.end for s, e in speech_chars)
            ):
                actor2, m2 = held.surface, held
    usable = [
        m
        for m in actor_matches
        if m is not m2
        and not m.generic
        and not any(m.start < e and s < m.end for s, e in speech_chars)
    ]

    def near(m: ActorMatch) -> bool:
        span = doc.char_span(m.start + offset, m.end + offset, alignment_mode="expand")
        return span is not None and _tree_distance(span.root, main.token) <= 4

    usable = [m for m in usable if near(m) and (m2 is None or m.actor.name != m2.actor.name)]
    if actor1 is None:
        trig_char = main.token.idx - offset
        # "Turkish shelling", "Russian air strikes": a state's weapon names the attacker.
        armed_by = [
            m
            for m in actor_matches
            if m.start <= trig_char < m.end and m.actor.kind == "State forces" and m is not m2
        ]
        if armed_by:
            actor1, m1 = armed_by[0].surface, armed_by[0]
    if actor1 is None:
        trig_char = main.token.idx - offset
        before = [m for m in usable if m.end <= trig_char and m is not m2]
        # Named after the trigger, civilians are its victims, never the attacker.
        after = [
            m
            for m in usable
            if m.start >= trig_char and m is not m2 and m.actor.kind != "Civilians"
        ]
        pick = before[-1] if before else (after[0] if after and actor2 is not None else None)
        if pick is not None and pick.actor.kind == "Civilians":
            # Civilians named before the trigger are not the attacker a nearby name
            # suggests but who suffered it ("civilian casualties", "journalists are
            # still held hostage").
            if actor2 is None:
                actor2, m2 = pick.surface, pick
        elif pick is not None:
            actor1, m1 = pick.surface, pick
    if actor2 is None and m1 is not None:
        trig_char = main.token.idx - offset
        rest = [
            m
            for m in usable
            if m.start >= trig_char and m.actor.name != m1.actor.name and not armed_with(m)
        ]
        if rest:
            actor2, m2 = rest[0].surface, rest[0]
    if actor1 == actor2:
        actor2, m2 = None, None
    implied: Actor | None = None
    if m1 is None and family == "violence" and ctx.cues.implied:
        implied = _implied_attacker(sentence.text, countries, ctx)
        # Only a generic or unknown name ("helicopters") gives way to an implied attacker.
        if implied is not None and _known_actor(actor1, ctx):
            implied = None
        if implied is not None:
            actor1 = implied.name
    # The sentence's place spans, less those inside the speaker's words (as
    # find_place_spans with `excluded` gives them).
    places = [s for s in spans if not any(t.i in excluded for t in s)]
    if part is not None:
        places = [p for p in places if p.start in part.places]
    # "traveling from Quetta when it came under attack", "150 km from Quetta": only
    # reference points, not where the event was.
    places = [p for p in places if not is_reference(p.root)]
    places = [p for p in places if not _venue_elsewhere(p.root, triggers, cues)]
    places.sort(key=lambda s: (_tree_distance(s.root, main.token), abs(s.start - main.token.i)))
    # The event's own time is the expression attached to its trigger in the parse
    # ("killed on Friday, a week after Tuesday's talks"), then the nearest one.
    times.sort(
        key=lambda t: (
            _time_distance(doc, t, offset, main.token),
            abs(t.start - (main.token.idx - offset)),
        )
    )
    # A headline tells its news in a verb ("warplanes kill") or as its head noun
    # ("Clashes in Aleppo", "Clashes continue in ..."); in a story's body a bare plural
    # without place, time or toll more often names a kind of act.
    told_as_event = not narrative and (
        _reported(triggers) or any(_headline_head(t.token) for t in triggers)
    )
    stated = None if found.single else killed
    if _generic(main.token) and not told_as_event and not (places or times or stated):
        return None
    if not places and stated is None and not any(t.cls.strong for t in triggers):
        return None  # "More human losses in Hezbollah": neither where nor how many
    if actor1 is None and actor2 is None and not places and stated is None:
        return None
    if toll and not places:
        # A toll brought up to date without a place is a running total, not an event one
        # could place or merge.
        return None
    if daily_total and all(ctx.country_for(p.text) is not None for p in places):
        # The day's roundup where it names no place below a country ("... in Syria") is
        # no event; a part naming a town keeps its event ("and 3 civilians were killed
        # in explosions in al-Raqqah city").
        return None
    status: Status = (
        "background" if _is_background(triggers, times, ctx.anchor, cues, narrative) else "new"
    )
    kind1 = m1.actor.kind if m1 else implied.kind if implied else _kind_of(actor1, ctx)
    kind2 = m2.actor.kind if m2 else _kind_of(actor2, ctx)
    if kind2 is None and patient_tok is not None and patient_tok.lemma_.lower() in cues.people:
        kind2 = "Civilians"
    if kind2 is None and patient_tok is not None and patient_tok.lemma_.lower() in cues.armed:
        kind2 = "Rebel group"
    event_type, sub_type = _refine(classes, main, kind2, kind1, sentence.text, cues, ctx.lexicon)
    arguments: dict[str, tuple[str, ...]] = {}
    if actor1 and implied is None:
        # An implied attacker is not written in the sentence: no argument string for it.
        arguments["perpetrator"] = (m1.surface if m1 else actor1,)
    if actor2:
        role = "victim" if kind2 == "Civilians" else "target"
        arguments[role] = (m2.surface if m2 else actor2,)
    elif thing is not None and thing.lemma_.lower() not in cues.people | cues.armed:
        start, end = _np_range(thing)
        target = sentence.text[start - offset : end - offset]
        if not find_quantities(target):
            arguments["target"] = (_strip_the(target),)
    weapons = tuple(dict.fromkeys(t.text for t in triggers if t.cls.means))
    if weapons:
        arguments["weapon"] = weapons
    if places:
        arguments["place"] = tuple(dict.fromkeys(s.text for s in places))
    if times:
        arguments["time"] = tuple(t.text for t in times)
    if family == "violence":
        # Perpetrators, targets, victims and weapons from every noun phrase (roles.py).
        actors = [(m.start, m.end, m.actor.kind) for m in actor_matches]
        arguments = refine_roles(
            doc,
            [t.token for t in ordered],
            sub_type,
            arguments,
            actors,
            places=_place_heads(doc, place_tokens, cues, ordered),
        )
    mention = Mention(
        article_id=article_id,
        sentence=sentence.text,
        sentence_start=sentence.start,
        sentence_end=sentence.end,
        trigger=main.text,
        event_type=event_type,
        sub_event_type=sub_type,
        arguments=arguments,
        # Dictionary matches were resolved in context (anaphora such as "its fighters");
        # the mention carries their canonical name, the arguments keep what was written.
        actor1=m1.actor.name if m1 else actor1,
        actor2=m2.actor.name if m2 else _victims_name(actor2, kind2, ctx),
        places=tuple(dict.fromkeys(_strip_the(s.text) for s in places)),
        times=tuple(times),
        killed=killed,
        injured=injured,
        status=status,
        modality=modality,
        claimed_by=claimed_by,
    )
    return replace(mention, confidence=mention_confidence(mention))


def _with_neighbour_roles(
    article: AnalysedArticle, mentions: Sequence[Mention], ctx: ExtractContext
) -> tuple[Mention, ...]:
    """Violent mentions with the role fillers of the sentences after their own (roles.py):
    each sentence that tells no violent event itself, up to the model's reach of sentences
    after one that does, is read for the nearest such one before it."""
    reach = neighbour_reach()
    if reach == 0:
        return tuple(mentions)
    starts = [s.start for s in article.sentences]
    violent: dict[int, list[int]] = {}  # sentence index -> its violent mentions
    for n, m in enumerate(mentions):
        if ctx.lexicon.family(m.event_type) == "violence":
            index = max(0, bisect.bisect_right(starts, m.sentence_start) - 1)
            violent.setdefault(index, []).append(n)
    # Only sentences analyse parsed (they hold a trigger word) are read: parsing others
    # here cost more than the rest of the pass (docs/roles.md).
    reads: list[tuple[Doc, int, int]] = []  # (parse, distance, event sentence)
    last: int | None = None
    for sentence in article.sentences:
        if sentence.index in violent:
            last = sentence.index
        elif last is not None and sentence.index - last <= reach and sentence.doc is not None:
            reads.append((sentence.doc, sentence.index - last, last))
    out = list(mentions)
    for doc, distance, event_index in reads:
        # Read once, for the sentence's first violent event; what it finds joins each.
        first = out[violent[event_index][0]]
        found = neighbour_roles(
            doc, distance, first.sub_event_type, first.arguments, is_place=ctx.is_place
        )
        added = {r: v for r, v in found.items() if v != first.arguments.get(r)}
        for n in violent[event_index] if added else ():
            m = out[n]
            arguments = dict(m.arguments)
            for role, values in added.items():
                arguments[role] = tuple(dict.fromkeys([*arguments.get(role, ()), *values]))
            m = replace(m, arguments=arguments)
            out[n] = replace(m, confidence=mention_confidence(m))
    return tuple(out)


@dataclass(frozen=True)
class _Part:
    """One event of a headline that reports several: its triggers, the start tokens of
    its place spans, the tokens it spans, and whether it repeats the part before it at a
    coordinated place ("in Idlib and Hama")."""

    triggers: list[_Trigger]
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
    triggers: list[_Trigger]
    places: list[int]
    headed: bool = False


def _segments(
    doc: Doc, triggers: list[_Trigger], places: Sequence[Span], cues: Cues
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
            trig.cls.strong or current.triggers or opening or _headline_head(trig.token)
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
    if doc[i].pos_ != "NOUN" and not (doc[i].pos_ == "PROPN" and _lone_capital(doc[i])):
        return False
    return all(doc[k].pos_ in ("DET", "NUM", "ADJ") for k in range(start, i))


def _joins(doc: Doc, i: int, triggers: dict[int, _Trigger]) -> bool:
    """Does the comma at token i join parts: does "and" or a trigger word follow it?"""
    return any(t.i in triggers or t.lower_ == "and" for t in doc[i + 1 :])


def _coordinator_width(lowers: list[str], i: int, cues: Cues) -> int:
    """How many words a coordinator starting at word i takes (0: none)."""
    for phrase in cues.coordinators:
        if phrase[0] == lowers[i] and tuple(lowers[i : i + len(phrase)]) == phrase:
            return len(phrase)
    return 0


def split_parts(
    doc: Doc, triggers: list[_Trigger], places: Sequence[Span], cues: Cues
) -> list[_Part | None]:
    """The events of a roundup headline, one per coordinated part that names its own
    place: "shells hit Aleppo and clashes in Homs" tells two events, and "clashes in Idlib
    and Hama" one at each place (ACLED and UCDP code one event per location). A part with
    a trigger but no place gives its triggers to the part after it ("2 killed and 5
    wounded in X", "clashes between the SDF and IS in Manbij"), or at the end to the one
    before it. [None] when the sentence tells one event."""
    if len(places) < 2:
        return [None]
    parts: list[_Part] = []
    carry: _Segment | None = None
    for seg in _segments(doc, triggers, places, cues):
        if carry is not None:
            seg = _Segment(
                carry.start, seg.end, carry.triggers + seg.triggers, seg.places, carry.headed
            )
            carry = None
        rng = range(seg.start, seg.end)
        if seg.triggers and seg.places:
            parts.append(_Part(seg.triggers, frozenset(seg.places), rng, headed=seg.headed))
        elif seg.triggers:
            carry = seg
        elif seg.places and parts:
            last = parts[-1]
            sides = range(last.side_tokens.start, seg.end)
            parts.append(_Part(last.triggers, frozenset(seg.places), rng, True, last.headed, sides))
    if carry is not None and parts:
        last = parts[-1]
        tokens = range(last.tokens.start, carry.end)
        parts[-1] = _Part(last.triggers + carry.triggers, last.places, tokens, last.copy)
    if len(parts) < 2:
        return [None]
    return list(parts)


def _part_offsets(found: list[tuple[Mention, _Part | None]], sentence: Sentence) -> list[Mention]:
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


def _known_actor(surface: str | None, ctx: ExtractContext) -> bool:
    actor = ctx.actors.resolve(surface) if surface else None
    return actor is not None and actor.known


def _implied_attacker(text: str, countries: tuple[str, ...], ctx: ExtractContext) -> Actor | None:
    """The attacker a weapon implies in the article's country (extract_cues.yaml
    `implied_attackers`), when the sentence names none."""
    for rule in ctx.cues.implied:
        if not rule.countries.intersection(countries[:1]):
            continue
        if rule.until is not None and (ctx.anchor is None or ctx.anchor >= rule.until):
            continue
        if rule.words.search(text):
            return ctx.actors.lookup(rule.actor)
    return None


def _kind_of(surface: str | None, ctx: ExtractContext) -> str | None:
    """The ACLED kind of a generic actor phrase ("government forces", "gunmen")."""
    if surface is None:
        return None
    actor = ctx.actors.resolve(surface)
    return actor.kind if actor is not None else None


def _place_heads(
    doc: Doc, place_tokens: set[int], cues: Cues, triggers: Sequence[_Trigger]
) -> set[int]:
    """Tokens that head a place name where an act hit ground, not people ("shelled
    Kabbaneh and Jabal al-Akrad"): its own words, and a place noun it modifies
    ("al-Qaryatayn city"). None where people were killed, hurt or taken: there a name the
    gazetteer knows is as often a person's ("Garcia Alvarado was killed")."""
    people = cues.kill | cues.injure
    if any(t.cls.name in ("abduct", "sexual") for t in triggers) or any(
        t.lemma_.lower() in people or t.lower_ in people for t in doc
    ):
        return set()
    heads = set(place_tokens)
    for i in place_tokens:
        head = doc[i].head
        if doc[i].dep_ in ("compound", "amod", "nmod") and head.lemma_.lower() in cues.place_nouns:
            heads.add(head.i)
    return heads


def _venue_elsewhere(place: Token, triggers: Sequence[_Trigger], cues: Cues) -> bool:
    """Whether a place names where a gathering was ("an emergency meeting of the Security
    Council in New York") and no trigger governs that gathering: the place is the
    meeting's, not the event's."""
    prep = place.head
    if place.dep_ != "pobj" or prep.lower_ not in ("in", "at"):
        return False
    venue = prep.head
    # "a meeting of the Security Council in New York": the phrase may hang off the
    # gathering's "of" phrase.
    for _ in range(2):
        if venue.lemma_.lower() in cues.venue_nouns:
            break
        if venue.dep_ != "pobj" or venue.head.lower_ != "of":
            return False
        venue = venue.head.head
    if venue.lemma_.lower() not in cues.venue_nouns:
        return False
    governing = {t.i for t in venue.ancestors} | {venue.i}
    return not any(t.token.i in governing for t in triggers)


def _victims_name(surface: str | None, kind: str | None, ctx: ExtractContext) -> str | None:
    """The actor of unarmed victims named by a common noun ("two men", "a child"): the
    canonical Civilians, as ACLED codes them; the argument keeps the words."""
    if surface is None or kind != "Civilians":
        return surface
    civilians = ctx.actors.lookup("Civilians")
    return civilians.name if civilians is not None else surface


def _strip_the(text: str) -> str:
    return text[4:] if text.lower().startswith("the ") else text


def _article_countries(
    article: AnalysedArticle,
    ctx: ExtractContext,
    surnames: frozenset[str],
    runs: dict[int, list[tuple[int, int]]] | None = None,
) -> tuple[str, ...]:
    """The article's countries, most mentioned first, from its unambiguous actor names and
    the places its event sentences name (`runs`: place_runs by sentence index, if known)."""
    counts: dict[str, int] = {}
    # A state's forces often act abroad ("Russian jets pound Idlib"): the places an article
    # names rank its countries first, its actors' home countries only break ties, so
    # "the regime" next to Russian jets over Idlib stays Syria's.
    named: dict[str, int] = {}
    for match in ctx.actors.find(article.clean.text):
        if match.actor.country:
            named[match.actor.country] = named.get(match.actor.country, 0) + 1
    for sentence in article.sentences:
        if sentence.doc is None:
            continue
        known = runs.get(sentence.index) if runs is not None else None
        for span in find_place_spans(sentence.doc, ctx, (), set(), surnames, runs=known):
            iso3 = ctx.place_country(span.text)
            if iso3:
                counts[iso3] = counts.get(iso3, 0) + 1
    every = list(dict.fromkeys([*named, *counts]))
    return tuple(sorted(every, key=lambda c: (-counts.get(c, 0), -named.get(c, 0))))


def _absorb_strategic(by_family: dict[str, list[_Trigger]]) -> None:
    """One event per crowd: arrests and looting at a protest are its intervention or its
    rioting, not events of their own; a bomb defused is a disrupted weapon, not a blast."""
    strategic = by_family.get("strategic", [])
    if "demonstration" in by_family:
        joining = [t for t in strategic if t.cls.name in ("arrest", "loot")]
        by_family["demonstration"].extend(joining)
        strategic = [t for t in strategic if t not in joining]
    defused = {i for t in strategic if t.cls.name == "disrupt" for i in _subtree_ids(t.token)}
    if defused and "violence" in by_family:
        by_family["violence"] = [t for t in by_family["violence"] if t.token.i not in defused]
    for family in ("strategic", "violence"):
        if family in by_family:
            kept = strategic if family == "strategic" else by_family[family]
            if kept:
                by_family[family] = kept
            else:
                del by_family[family]


def _subtree_ids(tok: Token) -> set[int]:
    return {t.i for t in tok.subtree}


# Answers of the context's gazetteer predicates, per predicate (a bound method of one
# gazetteer, or any other callable): bounded, as names keep coming in a long run.
_MEMO_LIMIT = 200_000
_MEMOS: dict[Callable[[str], Any], dict[str, Any]] = {}


def _answers(predicate: Callable[[str], Any]) -> dict[str, Any]:
    """The memo of one predicate's answers, by name."""
    memo = _MEMOS.get(predicate)
    if memo is None:
        if len(_MEMOS) >= 8:
            _MEMOS.clear()
        memo = _MEMOS[predicate] = {}
    elif len(memo) >= _MEMO_LIMIT:
        memo.clear()
    return memo


def _memoised(ctx: ExtractContext) -> ExtractContext:
    """The context with its gazetteer questions answered once per name: articles ask
    about the same names in every sentence, in several passes, and again in the next
    article. `is_place` and `place_country` must answer from the name alone (as the
    gazetteer's do, which is what makes remembering their answers safe)."""
    places: dict[str, bool] = _answers(ctx.is_place)
    countries: dict[str, str | None] = _answers(ctx.place_country)
    is_place, place_country = ctx.is_place, ctx.place_country

    def memo_is_place(name: str) -> bool:
        known = places.get(name)
        if known is None:
            known = places[name] = is_place(name)
        return known

    def memo_place_country(name: str) -> str | None:
        if name not in countries:
            countries[name] = place_country(name)
        return countries[name]

    return replace(ctx, is_place=memo_is_place, place_country=memo_place_country)


def extract(article: AnalysedArticle, ctx: ExtractContext) -> tuple[Mention, ...]:
    """All event mentions of one analysed article, in sentence order."""
    mentions: list[Mention] = []
    ctx = _memoised(ctx)
    parsed = [s for s in article.sentences if s.doc is not None]
    views = [token_view(s.doc) for s in parsed if s.doc is not None]
    surnames = person_surnames([v.doc for v in views], ctx, views)
    # Where place names stand does not depend on a mention's actors: read once a sentence.
    runs = {s.index: place_runs(v, ctx, surnames) for s, v in zip(parsed, views, strict=True)}
    countries = _article_countries(article, ctx, surnames, runs)
    # Body text of several sentences can use a timeline's historical present; a headline
    # or a one-line report uses the present tense for news.
    narrative = len(article.sentences) >= 3
    recent: list[Actor] = []
    previous = ""  # the sentence before, whose sides "both sides" may point back to
    first = True
    for sentence in article.sentences:
        doc = sentence.doc
        if doc is None or sentence.text.rstrip().endswith("?"):
            previous = sentence.text
            first = False
            continue
        # Dictionary names, and the organisation phrases of the parse it lacks.
        actor_matches = sentence_actors(
            doc,
            sentence.text,
            ctx.actors,
            ActorContext(countries=countries, recent=tuple(recent[-5:])),
            ctx.is_place,
        )
        recent.extend(m.actor for m in actor_matches if m.actor.known)
        blocked: set[int] = set()
        for m in actor_matches:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None:
                blocked.update(range(span.start, span.end))
        triggers = _find_triggers(doc, ctx.lexicon, blocked, ctx.cues, not narrative or first)
        by_family: dict[str, list[_Trigger]] = {}
        for trig in triggers:
            by_family.setdefault(ctx.lexicon.family(trig.cls.event_type), []).append(trig)
        if "demonstration" in by_family and "violence" in by_family:
            by_family["demonstration"].extend(by_family.pop("violence"))
        _absorb_strategic(by_family)
        # "The next day ..." counts from the last day the preceding sentences told.
        told = None
        if by_family and mentions_narrated_day(sentence.text):
            before = article.clean.text[max(0, sentence.start - _TOLD_WINDOW) : sentence.start]
            told = last_told_day(before, ctx.anchor)
        # Headlines and short reports join a day's events with "and"; in a story's
        # sentences, the lede included, the clauses of one sentence mostly tell one event
        # ("abducted and killed", "exploded, killing 23"): those are not cut.
        headline = not narrative or (first and article.clean.article.title is not None)
        spans = (
            find_place_spans(doc, ctx, actor_matches, set(), surnames, runs=runs[sentence.index])
            if by_family
            else []
        )
        found: list[tuple[Mention, _Part | None]] = []
        for family_triggers in by_family.values():
            parts = split_parts(doc, family_triggers, spans, ctx.cues) if headline else [None]
            for part in parts:
                mention = _mention_for(
                    sentence,
                    article.clean.article.id,
                    part.triggers if part is not None else family_triggers,
                    ctx,
                    actor_matches,
                    narrative and not first,
                    surnames,
                    told,
                    part,
                    countries,
                    spans,
                    previous,
                )
                if mention is not None:
                    found.append((mention, part))
        mentions.extend(_part_offsets(found, sentence))
        previous = sentence.text
        first = False
    return _with_neighbour_roles(article, mentions, ctx)
