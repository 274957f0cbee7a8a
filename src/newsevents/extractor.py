"""Extract: event mentions from parsed sentences — type, trigger, roles, time, counts.

One mention per sentence and event family (violence, demonstration, strategic): news
sentences that pile up several words for one event ("killed in an air strike on the
village") then give one mention, not three. Roles come from the dependency parse
(subject / passive agent / object / prepositions), with dictionary actor matches and
gazetteer place names as the spans that can fill them.

This module finds the triggers and builds each mention; its parts live beside it:
`extract_context` (cue words, context, the trigger record), `extract_syntax` (roles from
the parse), `extract_actors` (the mention's actor1 and actor2), `extract_persons` and
`extract_places` (names in a sentence), `extract_tolls` (the dead and injured),
`extract_subtypes` (sub-types refined from the sentence) and `extract_parts` (sentences
that join two events).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial
from itertools import islice
from typing import Any

from spacy.tokens import Doc, Span, Token

from newsevents.aggregates import (
    aggregate_scope,
    ranks_one_event,
    running_toll_scope,
    told_as_pattern,
)
from newsevents.analyse import AnalysedArticle, Sentence
from newsevents.confidence import mention_confidence
from newsevents.extract_actors import choose_actors
from newsevents.extract_context import Cues, ExtractContext, Trigger
from newsevents.extract_parts import Part, part_offsets, split_parts
from newsevents.extract_persons import person_surnames
from newsevents.extract_places import find_place_spans, place_runs
from newsevents.extract_subtypes import refine
from newsevents.extract_syntax import (
    accused,
    describes_party,
    headed_by,
    headline_head,
    in_relative_clause,
    in_where_clause,
    lone_capital,
    mass_count,
    noun_lemma,
    np_range,
    object_of,
    occasioned_verb,
    responding_verb,
    speech_frame,
    subject_of,
    time_distance,
    tree_distance,
    verb_like,
)
from newsevents.extract_tolls import casualties, person_name, told_as_outcome
from newsevents.full_names import Name, NameRules, article_names, fullest
from newsevents.lexicon import Lexicon, TriggerClass
from newsevents.org_phrases import sentence_actors
from newsevents.records import (
    DONE_MODALITIES,
    Actor,
    Mention,
    Modality,
    Status,
    TimeExpression,
)
from newsevents.reference_places import is_reference
from newsevents.resolve.actors import ActorContext, ActorMatch
from newsevents.resolve.dates import find_time_expressions, last_told_day, mentions_narrated_day
from newsevents.resolve.numbers import find_quantities
from newsevents.roles import neighbour_reach, neighbour_roles, refine_roles
from newsevents.title_case import caseless, headline_cased, is_title
from newsevents.tokenview import TokenView, token_view
from newsevents.trigger_filters import (
    credited_source,
    disarms_no_weapon,
    hands_over_no_ground,
    held_weapon,
    names_a_date,
    names_a_thing,
    names_a_victim,
    natural_cause,
    opens_other_sense,
    raid_to_arrest,
    tells_a_state,
    used_with_object,
)

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


_MASS_FATALITIES = 5000


def _find_triggers(
    doc: Doc,
    lexicon: Lexicon,
    blocked: set[int],
    cues: Cues | None = None,
    present_is_news: bool = True,
) -> list[Trigger]:
    """Every trigger word or phrase in a parsed sentence; inside actor names ("Islamic
    State fighters", "Russian warplanes") only weapon words and strikes that end them
    count; none that names a thing ("kidnapping ring"), a source credited ("..., the air
    force said"), a weapon held ("confiscated 2 grenades"), a disarming of no weapon
    ("intercepted four suspects") or a state ("areas controlled by IS"; a present tense is
    news only in headlines: `present_is_news`)."""
    found = _all_triggers(doc, lexicon, blocked, cues.strike_nouns if cues else frozenset())
    if cues is None:
        return found
    return [
        t
        for t in found
        if not names_a_thing(t.token, cues.thing_heads)
        and not (t.cls.means and held_weapon(t.token, cues.holding, cues.doing_particles))
        and not disarms_no_weapon(t.token, cues.disarm, cues.disarmed)
        and not opens_other_sense(t.token, cues.other_senses)
        and not names_a_date(t.token, cues.month_triggers, cues.month_leads)
        and not names_a_victim(t.token, t.cls.name, lexicon.by_lemma)
        and not (t.cls.name == "attack" and raid_to_arrest(t.token, cues.raids, lexicon.by_lemma))
        and not used_with_object(t.token, cues.intransitive, cues.country_place_preps)
        # A phrase ("restore control over two villages") tells the change itself.
        and not (" " not in t.text and tells_a_state(t.token, cues.object_verbs, present_is_news))
        and not natural_cause(t.token, cues.natural_causes)
        and not (t.cls.means and credited_source(t.token, cues.speech))
        and not hands_over_no_ground(t.token, cues.handover, cues.ground)
    ]


def _all_triggers(
    doc: Doc, lexicon: Lexicon, blocked: set[int], name_final: frozenset[str] = frozenset()
) -> list[Trigger]:
    found: list[Trigger] = []
    view = token_view(doc)
    lemmas, lowers = view.lemma, view.lower
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
                found.append(Trigger(span.root, cls, span.text))
                covered.update(range(i, i + n))
                claimed.update((j, cls.name) for j in range(i, i + n))
    found += _split_phrases(view, lexicon, blocked, claimed)
    covered.update(t.token.i for t in found)
    for tok in view.tokens:
        # A headline's first word is capitalised and often tagged as a name ("Bombing
        # al-Marj ..."): there it may still be a trigger.
        name = view.pos[tok.i] == "PROPN" and not (tok.i == 0 and view.is_title[0])
        lemma = lemmas[tok.i]
        if name and lone_capital(tok):
            # "3 Casualties in al-Rastan": a capitalised common word standing alone, which
            # the parser took for a name.
            lemma = noun_lemma(lowers[tok.i], lexicon)
            name = lemma not in lexicon.by_lemma
        elif name and any(c.name == "chemical" for c in lexicon.by_lemma.get(lowers[tok.i], ())):
            # Agents are often capitalised ("Sarin gas") and tagged as names.
            name, lemma = False, lowers[tok.i]
        if tok.i in covered or name or view.pos[tok.i] in ("ADP", "DET"):
            continue
        classes = lexicon.by_lemma.get(lemma) or lexicon.by_lemma.get(lowers[tok.i])
        if classes and mass_count(tok):
            continue
        if classes and any(c.object_of for c in classes):
            classes = _object_classes(tok, classes)
        for cls in classes or ():
            # Inside an actor's name only a weapon word or a strike that ends it counts
            # ("Russian warplanes", "Israeli strikes").
            ends_name = cls.means or lemma in name_final
            if tok.i in blocked and (not ends_name or tok.i + 1 in blocked):
                continue
            if cls.heads and tok.pos_ == "NOUN" and not headed_by(tok, cls.heads):
                continue
            if lemmas[tok.i] in cls.verbs_only and not verb_like(tok):
                continue  # "target" tells of an act only as a verb ("shells target Daraa")
            found.append(Trigger(tok, cls, tok.text))
    return found


_PARTICLE_DEPS = frozenset({"prt", "prep", "advmod"})


def _split_phrases(
    view: TokenView, lexicon: Lexicon, blocked: set[int], claimed: set[tuple[int, str]]
) -> list[Trigger]:
    """Phrasal verbs of two words written apart ("drove Islamic State out of Tabqa",
    "shot the helicopter down"): the verb with its particle among its dependents."""
    found: list[Trigger] = []
    for tok in view.tokens:
        i = tok.i
        if i in blocked or view.pos[i] not in ("VERB", "AUX"):
            continue
        for phrase, cls in lexicon.by_first_word.get(view.lemma[i], ()):
            if len(phrase) != 2 or (i, cls.name) in claimed:
                continue
            particle = next(
                (
                    c
                    for c in tok.children
                    if c.i > i + 1 and c.dep_ in _PARTICLE_DEPS and view.lower[c.i] == phrase[1]
                ),
                None,
            )
            if particle is not None:
                found.append(Trigger(tok, cls, f"{tok.text} {particle.text}"))
                claimed.add((i, cls.name))
    return found


def _object_classes(tok: Token, classes: Sequence[TriggerClass]) -> tuple[TriggerClass, ...]:
    """A word's trigger classes given what acts on it: a class with `object_of` verbs takes
    the word alone when one of them acts on it ("freed 12 hostages": a rescue, not a
    hostage-taking) and has no part in it otherwise."""
    acted_on = tuple(c for c in classes if c.object_of and object_of(tok, c.object_of))
    return acted_on or tuple(c for c in classes if not c.object_of)


def _purpose(tok: Token) -> bool:
    """A verb in an infinitive of purpose: "to recapture" after a noun ("an operation to
    recapture") or beside another verb's clause ("launched an offensive to recapture")."""
    # The parser also hangs it on a participle that names the operation ("Ankara's
    # offensive dubbed Euphrates Shield to push out the terrorist group").
    on_participle = tok.dep_ == "xcomp" and tok.head.dep_ == "acl" and tok.head.tag_ == "VBN"
    return (
        tok.tag_ == "VB"
        and (tok.dep_ in ("advcl", "acl") or on_participle)
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    )


def _assembled_to_protest(tok: Token, cues: Cues) -> bool:
    """A protest word in the purpose of a crowd's assembling told as done ("gathered in
    Beirut to protest", "blocked roads to protest fuel prices"): the protest happened."""
    head = tok.head
    return (
        tok.lemma_.lower() in cues.purpose_protests
        and head.tag_ in ("VBD", "VBN")
        and head.lemma_.lower() in cues.assembly
    )


_TOLD_WINDOW = 600  # characters before a sentence searched for the day it counts from


# A noun's dependencies that make its head verb the clause it is told in.
_CLAUSE_ARGS = frozenset({"nsubj", "nsubjpass", "dobj"})


def _asked_for(tok: Token, demands: frozenset[str]) -> bool:
    """An act that a verb of `demands` asks for ("called for protests and strikes"): not
    done yet. Not an act named further inside what is asked ("called for an inquiry into
    the air strike")."""
    node = tok
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    prep = node.head
    return (
        node.dep_ == "pobj"
        and prep.lower_ == "for"
        and prep.dep_ == "prep"
        and prep.head.lemma_.lower() in demands
    )


def _aimed_at(tok: Token, plan: frozenset[str]) -> bool:
    """An act in a gerund that a plan word's preposition governs ("a campaign aimed at
    recapturing east Aleppo", "with the aim of recapturing Tabqa"): what it is for."""
    prep = tok.head
    return (
        tok.dep_ == "pcomp"
        and tok.tag_ == "VBG"
        and prep.dep_ == "prep"
        and prep.head.lemma_.lower() in plan
    )


def _modality(tok: Token, speech: Token | None, cues: Cues) -> Modality | None:
    """How the report holds the event: asserted, claimed, denied, threatened, planned;
    None when it is only hypothetical (could, might)."""
    clause = tok.head if tok.dep_ in _CLAUSE_ARGS else tok
    if any(c.dep_ == "mark" and c.lower_ in cues.conditions for c in clause.children):
        return None  # "if the siege continues": a condition, nothing told as done
    asked = _asked_for(tok, cues.demands)  # "called for protests": not yet done
    if _aimed_at(tok, cues.plan):
        return "planned"
    if tok.dep_ in ("nsubj", "nsubjpass") and any(
        c.dep_ == "aux" and c.lower_ in cues.modal for c in tok.head.children
    ):
        return None  # "where American missiles might strike": the doer of a hypothetical act
    chain = [tok]
    node = tok
    while node.dep_ in ("xcomp", "ccomp", "conj", "pobj", "prep", "dobj") and node.head.i != node.i:
        node = node.head
        chain.append(node)
    for node in chain:
        if any(c.dep_ == "neg" for c in node.children):
            return "denied"
        if (node.i == tok.i or node.lemma_.lower() in cues.absence) and any(
            c.dep_ == "det" and c.lower_ == "no" for c in node.children
        ):
            return "denied"  # "No air strikes hit Douma", "no mention of any strikes"
        lemma = node.lemma_.lower()
        if lemma in cues.threat:
            return "threatened"
        if lemma in cues.plan and node.i != tok.i:
            return "planned"
        if asked and node.lower_ == "for":
            return "planned"
        if lemma in cues.stop and node.i != tok.i and node.tag_ in ("VB", "VBP", "VBZ", "VBG"):
            # "stop the repression, kidnapping, and torture": a demand; "stopped an
            # attack" in the past tells of one that was tried.
            return None
        if any(c.dep_ == "aux" and c.lower_ in ("will", "shall") for c in node.children):
            return "planned"
        if _purpose(node) and not _assembled_to_protest(node, cues):
            # "an operation to recapture the east", "launched an offensive to retake
            # Palmyra": what the act is for, not yet done.
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


def _told_alike(trig: Trigger, modality: Modality, cues: Cues) -> bool:
    """Whether a trigger beside the main one is told as the event is: an act asked for or
    planned beside one told as done ("asked Congress to authorize strikes in response to an
    attack by the government") did not happen, and its doer is none of the event's."""
    if modality not in DONE_MODALITIES:
        return True
    held_as = _modality(trig.token, None, cues)
    return held_as in DONE_MODALITIES or held_as == "denied"


def _ranked_period_start(doc: Doc, time: TimeExpression, ctx: ExtractContext) -> bool:
    """A date long past after a "since" (`period_starts`) that ranks the event ("the
    largest massacre since late 2014"): it bounds the comparison, it does not date the
    event. ("Since last August, the BLA has claimed several attacks" stays a period.)"""
    view = token_view(doc)
    told_at = bisect.bisect_left(view.idx, time.start)  # the tokens before the time's
    before = view.tokens[max(0, told_at - 2) : told_at]
    since = next((t for t in reversed(before) if t.lower_ in ctx.cues.period_starts), None)
    if since is None or not ranks_one_event(doc, since.i, ctx.cues.aggregate):
        return False
    return _long_past(time, ctx.anchor)


def _dates_another_clause(
    doc: Doc, time: TimeExpression, triggers: Sequence[Trigger], ctx: ExtractContext
) -> bool:
    """Whether a time expression dates a clause other than the event's own: a running toll
    told as what the event brought about ("killing 12 and raising the toll since January
    to 300"), or a date long past in a relative clause on none of the event's words and
    with none in it, which tells a place's or another act's history ("hit Douma, which
    has been besieged since 2013", "recaptured Al Qaryatain, which regime forces took in
    April 2016"). (A recent date there is left to date the event, as the parse of such
    clauses is unsure: "a series of blasts that rocked the capital on Wednesday".)"""
    view = token_view(doc)
    at = bisect.bisect_right(view.idx, time.start) - 1
    if at < 0:
        return False
    own = {t.token.i for t in triggers}
    for up in view.tokens[at].ancestors:
        if up.i in own:
            return False
        if up.dep_ == "relcl":
            # "the air strikes which began Saturday": a clause on the event word dates it.
            elsewhere = up.head.i not in own and not any(t.i in own for t in up.subtree)
            return elsewhere and _long_past(time, ctx.anchor)
        if up.lemma_.lower() in ctx.cues.toll_verbs and told_as_outcome(up):
            return True
    return False


def _long_past(time: TimeExpression, anchor: dt.date | None) -> bool:
    """Whether a time ends well before the article's anchor (an earlier event's date)."""
    last = time.value.date_end or time.value.date
    return (
        anchor is not None
        and last is not None
        and dt.date.fromisoformat(last) < anchor - dt.timedelta(days=_BACKGROUND_DAYS)
    )


# Words of a named event's name before its event word ("the Eastern Ghouta Massacre").
_NAME_WORDS = 3
# Parse steps from an event word up to a word of remembrance ("protests" -> "of" ->
# "start" -> "of" -> "anniversary").
_RECALL_STEPS = 5


def _is_background(
    triggers: Sequence[Trigger],
    times: Sequence[TimeExpression],
    anchor: dt.date | None,
    cues: Cues,
    narrative: bool,
) -> bool:
    """An earlier event recalled: dated well before publication, marked by "once" /
    "previously", remembered ("the anniversary of the massacre"), or, in body text only
    (headlines name the news they bring), named ("the Ghouta Massacre") or told in the
    historical present of a timeline (headlines use the present tense for news)."""
    if any(_long_past(t, anchor) for t in times):
        return True
    for trig in triggers:
        tok = trig.token
        near = [*tok.children, *tok.head.children]
        if any(t.lower_ in cues.background_adverbs for t in near):
            return True
        if any(a.lemma_.lower() in cues.recall_words for a in islice(tok.ancestors, _RECALL_STEPS)):
            return True
        if _past_habit(tok, cues):
            return True
    if all(_long_after(trig.token, cues) for trig in triggers):
        return True  # (not "the protest came two years after the massacre": the protest)
    if not narrative:
        return False
    if any(_named_event(trig.token, cues) for trig in triggers):
        return True
    current = anchor is not None and any(
        t.value.date and dt.date.fromisoformat(t.value.date_end or t.value.date) >= anchor
        for t in times
    )
    return not current and _historical_present(triggers[0].token.sent, cues)


def _long_after(tok: Token, cues: Cues) -> bool:
    """Whether an event word is what something came long after ("three months after the
    fall of Assad", "two years after the massacre"): the time measured from it, in
    `elapsed_units`, passes _BACKGROUND_DAYS."""
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ not in ("after", "since"):
        return False
    for measure in prep.children:
        days = cues.elapsed_units.get(measure.lemma_.lower())
        if measure.dep_ != "npadvmod" or days is None:
            continue
        counts = [c for c in measure.children if c.dep_ == "nummod"]
        found = find_quantities(counts[0].text) if counts else []
        count = found[0].value if found else 1
        if count * days > _BACKGROUND_DAYS:
            return True
    return False


def _named_event(tok: Token, cues: Cues) -> bool:
    """Whether an event word is part of the name of a known event in running text ("blamed
    France for the Ghouta Massacre"): a capitalised `named_event_words` word after one to
    three other capitalised words that "the" introduces, in a sentence not written in
    title case (a scraped tag list, "Tags Syria Kurds Suicide Attack SDF", names none)."""
    if tok.lower_ not in cues.named_events or not is_title(tok.text):
        return False
    doc, sent = tok.doc, tok.sent
    start = tok.i
    while start > sent.start and tok.i - start < _NAME_WORDS and is_title(doc[start - 1].text):
        start -= 1
    return (
        start < tok.i
        and start > sent.start
        and doc[start - 1].lower_ == "the"
        and not headline_cased(sent.text)
    )


def _past_habit(tok: Token, cues: Cues) -> bool:
    """Whether an event word tells a past habit ("Daesh used to control wide parts of
    Syria"): the "to" clause of a past-tense `past_habit_verbs` verb with no object of
    its own ("used tanks to attack Douma" is an act), or that clause's object."""
    verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head
    head = verb.head
    return (
        verb.dep_ == "xcomp"
        and head.tag_ == "VBD"
        and head.lemma_.lower() in cues.past_habits
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        and not any(c.dep_ in ("dobj", "obj") for c in head.children)
    )


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


def _reported(triggers: Sequence[Trigger]) -> bool:
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
    triggers: list[Trigger],
    ctx: ExtractContext,
    actor_matches: list[ActorMatch],
    narrative: bool,
    surnames: frozenset[str],
    told: dt.date | None = None,
    part: Part | None = None,
    countries: tuple[str, ...] = (),
    spans: Sequence[Span] | None = None,
    previous: str = "",
) -> Mention | None:
    doc = sentence.doc
    assert doc is not None
    cues = ctx.cues
    # A trigger in a relative clause ("a tribe it has been battling") or a participle of
    # allegiance describes a participant, not the reported event: it yields to the main
    # clause's triggers.
    aside = {
        t.token.i
        for t in triggers
        if in_relative_clause(t.token) or describes_party(t.token, cues.allegiance)
    }
    ordered = sorted(
        triggers,
        key=lambda t: (
            t.token.i in aside,
            _PRIORITY.index(t.cls.name) if t.cls.name in _PRIORITY else len(_PRIORITY),
        ),
    )
    main = ordered[0]
    if main.token.dep_ == "acl" and describes_party(main.token, cues.allegiance):
        # "the myriad of armed groups fighting in Syria", "the coalition fighting IS": the
        # sentence's only event word says whose side someone is on. (Air support told of
        # a party, "army units backed by the air force destroyed ...", is still its act.)
        return None
    classes = {t.cls.name for t in triggers}
    # Fighting told only in such an aside: an act on civilians stays one ("children
    # killed fleeing areas where the regime is fighting IS"); its chemical agent or
    # lethal force would still describe the event ("an air strike which released gas").
    aside_clash = main.token.i not in aside and all(
        t.token.i in aside for t in triggers if t.cls.name == "clash"
    )

    def named(tok: Token) -> bool:
        return person_name(tok, actor_matches, ctx)

    found = casualties(doc, sentence, cues, part.tokens if part else None, named)
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
        any(headline_head(t.token) for t in triggers) or (part is not None and part.headed)
    )
    # One dead read off "a soldier was killed" fills the toll of an event told otherwise;
    # alone it makes no event of a weak word ("the death of a man was caused by ...").
    counted = (killed is not None and not found.single) or injured is not None
    if not any(t.cls.strong for t in triggers) and not counted and not headed:
        return None
    scope = aggregate_scope(doc, sentence.text, cues.aggregate)
    aggregate = scope is not None and main.token.i in scope
    running = running_toll_scope(doc, sentence.text, cues.aggregate)
    if running is not None and main.token.i in running:
        # "4 new raids target the city and raise the toll to 190 within 27 days": the
        # raids stand, with no count of their own. One person told dead is no total
        # ("killed a policeman on Monday in the fifth attack in two weeks").
        if not found.single:
            killed = injured = None
            toll = False
    elif (scope is not None and not aggregate) or running is not None:
        # "Shelling kills 10 in Douma and raises the toll since the start of the campaign
        # to 230": the total is told in its own clause; the event and its count stand.
        total = (scope or set()) | (running or set())
        own = range(len(doc)) if part is None else part.tokens
        keep = [i for i in own if i not in total]
        found = casualties(doc, sentence, cues, keep, named)
        killed, injured, toll = found.killed, found.injured, found.update
    times = find_time_expressions(sentence.text, ctx.anchor, "past", told=told)
    # "the largest massacre since late 2014": a date long past that bounds a ranking is
    # no date of the event told.
    times = [t for t in times if not _ranked_period_start(doc, t, ctx)]
    times = [t for t in times if not _dates_another_clause(doc, t, triggers, ctx)]
    dated = any(t.value.precision == "day" for t in times)
    if not dated and told_as_pattern(main.token, cues.aggregate):
        return None  # "regime jets often bomb markets": a habit, no one event
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
    speech = speech_frame(main.token, cues)
    modality = _modality(main.token, speech, cues)
    if modality is None:
        return None
    excluded: set[int] = set()
    claimed_by: str | None = None
    speaker: Token | None = None
    if speech is not None:
        # Only the reported clause tells the event: the speaker ("Damascus said") and
        # where the speaker spoke from ("said by telephone from Britain") are not its
        # actors or place.
        reported = {t.i for t in main.token.subtree} | {a.i for a in main.token.ancestors}
        # Whom an accusation names did the act it tells of ("accused rebels of ...").
        doer = accused(speech, cues)
        if doer is not None:
            reported.update(t.i for t in doer.subtree)
        for child in speech.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                claimed_by = doc[child.left_edge.i : child.right_edge.i + 1].text
                speaker = child
            if child.i not in reported and child.dep_ not in ("aux", "auxpass", "neg"):
                excluded.update(t.i for t in child.subtree)
    trigger_ids = {t.i for t in main.token.subtree}
    # "Kerry condemned the chemical attack", "France reacted to the massacre", "the US
    # imposed sanctions in response to a gas attack": who responds to an act, or acts
    # because of it, did not do it and is not where it happened.
    for apart in (responding_verb(main.token, cues), occasioned_verb(main.token, cues)):
        for child in apart.children if apart is not None else ():
            if child.dep_ in ("nsubj", "nsubjpass") and child.i not in trigger_ids:
                excluded.update(t.i for t in child.subtree)
        # Or the subject it shares with the verbs it hangs off ("calling on the State
        # Department to release statements condemning the murder of civilians").
        responder = subject_of(apart) if apart is not None else None
        if responder is not None and responder.i not in trigger_ids:
            excluded.update(t.i for t in responder.subtree)
    view = token_view(doc)
    speaking = not cues.speech.isdisjoint(view.lemma)
    for i, lemma in enumerate(view.lemma if speaking else ()):
        # Any speech verb's own "from"/"in" phrase ("told AFP by phone from Britain").
        # (A name is not a speech verb: "the Islamic State in Raqqa".)
        if lemma in cues.speech and i not in trigger_ids and view.pos[i] != "PROPN":
            tok = view.tokens[i]
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

    if spans is None:
        spans = find_place_spans(doc, ctx, actor_matches, set(), surnames)
    place_tokens = {t.i for s in spans for t in s}
    who = choose_actors(
        doc,
        sentence.text,
        ctx,
        triggers=triggers,
        # An event word in a clause that describes a place ("an air raid amid violence in
        # Daraa province where rebels have been advancing") names who fights there, not
        # who used the weapon; fighting told so is still the fighting of those named.
        acting=[
            t
            for t in ordered
            if t is main
            or (
                _told_alike(t, modality, cues)
                and not (
                    main.cls.means and in_where_clause(t.token) and not in_where_clause(main.token)
                )
            )
        ],
        family=family,
        actor_matches=actor_matches,
        place_tokens=place_tokens,
        excluded=excluded,
        speaker=speaker,
        part=part,
        countries=countries,
        previous=previous,
    )
    actor1, actor2, m1, m2 = who.actor1, who.actor2, who.match1, who.match2
    implied, thing, kind1, kind2 = who.implied, who.thing, who.kind1, who.kind2
    # The sentence's place spans, less those inside the speaker's words (as
    # find_place_spans with `excluded` gives them).
    places = [s for s in spans if not any(t.i in excluded for t in s)]
    if part is not None:
        places = [p for p in places if p.start in part.places]
    # "traveling from Quetta when it came under attack", "150 km from Quetta": only
    # reference points, not where the event was.
    places = [p for p in places if not is_reference(p.root)]
    places = [p for p in places if not _venue_elsewhere(p.root, triggers, cues)]
    named_places = tuple(places)
    places.sort(
        key=lambda s: (
            _locates_place_before(s, named_places, cues),
            tree_distance(s.root, main.token),
            abs(s.start - main.token.i),
        )
    )
    # The event's own time is the expression attached to its trigger in the parse
    # ("killed on Friday, a week after Tuesday's talks"), then the nearest one.
    times.sort(
        key=lambda t: (
            time_distance(doc, t, offset, main.token),
            abs(t.start - (main.token.idx - offset)),
        )
    )
    # A headline tells its news in a verb ("warplanes kill") or as its head noun
    # ("Clashes in Aleppo", "Clashes continue in ..."); in a story's body a bare plural
    # without place, time or toll more often names a kind of act.
    told_as_event = not narrative and (
        _reported(triggers) or any(headline_head(t.token) for t in triggers)
    )
    stated = None if found.single else killed
    if _generic(main.token) and not told_as_event and not (places or times or stated):
        return None
    if not places and stated is None and not any(t.cls.strong for t in triggers):
        return None  # "More human losses in Hezbollah": neither where nor how many
    if actor1 is None and actor2 is None and not places and stated is None:
        return None
    restated = found.stated and (main.token.lemma_.lower() in cues.dead_words)
    if (toll or restated) and not places:
        # A toll brought up to date without a place is a running total, not an event one
        # could place or merge; a toll stated alone ("The agency put the death toll at
        # 12") restates one of an event told elsewhere.
        return None
    if daily_total and all(ctx.country_for(p.text) is not None for p in places):
        # The day's roundup where it names no place below a country ("... in Syria") is
        # no event; a part naming a town keeps its event ("and 3 civilians were killed
        # in explosions in al-Raqqah city").
        return None
    status: Status = (
        "background" if _is_background(triggers, times, ctx.anchor, cues, narrative) else "new"
    )
    event_type, sub_type = refine(
        classes - {"clash"} if aside_clash and kind2 == "Civilians" else classes,
        main,
        kind2,
        kind1,
        sentence.text,
        cues,
        ctx.lexicon,
        actor1_known=m1 is not None and m1.actor.known,
    )
    crowd = cues.crowd_actors.get(sub_type)
    written1 = m1.surface if m1 else actor1
    unnamed = actor1 is None or kind1 == "Civilians"
    if unnamed and crowd is not None and (actor2 or "").lower() != crowd.lower():
        # ACLED's convention: whoever protests or riots is coded as the crowd ("Thousands of
        # people protested in Beirut", "residents demonstrated": Protesters), named by
        # their trade or not; the argument keeps the words.
        actor1, m1 = crowd, None
    arguments: dict[str, tuple[str, ...]] = {}
    if actor1 and implied is None:
        # An implied attacker is not written in the sentence: no argument string for it.
        arguments["perpetrator"] = (written1 or actor1,)
    if actor2:
        role = "victim" if kind2 == "Civilians" else "target"
        arguments[role] = (m2.surface if m2 else actor2,)
    elif thing is not None and thing.lemma_.lower() not in cues.people_or_armed:
        start, end = np_range(thing)
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
        actor2=m2.actor.name if m2 and m2.actor.known else _victims_name(actor2, kind2, ctx),
        places=tuple(dict.fromkeys(_strip_the(s.text) for s in places)),
        times=tuple(times),
        killed=killed,
        injured=injured,
        status=status,
        modality=modality,
        claimed_by=claimed_by,
    )
    return replace(mention, confidence=mention_confidence(mention))


def _where_apart(triggers: list[Trigger]) -> list[list[Trigger]]:
    """A sentence's event words, with those of a clause that "where" opens told apart when
    that clause tells a past act with its own subject, of another type ("fighting is
    centred in the neighbourhoods where the rebels blew up electricity poles": a clash and
    a bombing). Otherwise the clause describes the place and its words stay with the
    sentence's (`_mention_for` lets them yield to the main clause's)."""
    inside = [t for t in triggers if in_where_clause(t.token)]
    outside = [t for t in triggers if not in_where_clause(t.token)]
    if not inside or not outside:
        return [triggers]
    types = {t.cls.event_type for t in outside}
    # A past act with its own subject; "where rebels are battling the army" describes.
    own_act = any(
        t.token.tag_ == "VBD" and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.token.children)
        for t in inside
    )
    if not own_act or any(t.cls.event_type in types for t in inside):
        return [triggers]
    return [outside, inside]


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


def _region_of(match: ActorMatch, text: str, ctx: ExtractContext) -> bool:
    """Whether an actor name opens with a country's name written after a direction word
    ("northern Syria air strikes", "east Syria forces"): that names a region of the
    country, where the event was, not the country's forces."""
    before = text[: match.start].rstrip().rpartition(" ")[2].lower()
    if before not in ctx.cues.directions:
        return False
    words = match.surface.split()
    return any(ctx.country_for(" ".join(words[:n])) is not None for n in range(1, len(words) + 1))


_BASED = re.compile(r"[\s\-\u2010\u2011]+([A-Za-z]+)\s+([A-Za-z]+)")
# Words after "backed", "based" that make it a verb of the name before ("forces backed by
# Russia", "a group affiliated with al-Qaeda"): that name is the one who acts.
_BASED_VERB_WORDS = frozenset({"by", "with", "to", "in", "on", "at"})


def _base_of(match: ActorMatch, text: str, ctx: ExtractContext) -> bool:
    """Whether an actor name modifies the next one through "based", "backed" or
    "affiliated" (with or without the hyphen: "the UK based Syrian Observatory",
    "Iran-backed militias", "al-Qaeda-affiliated al-Nusra Front"): it says where someone
    is based or who backs them, not who acted ("forces backed by Russia" do act)."""
    after = _BASED.match(text, match.end)
    return (
        after is not None
        and after.group(1).lower() in ctx.cues.based_words
        and after.group(2).lower() not in _BASED_VERB_WORDS
    )


def _place_heads(
    doc: Doc, place_tokens: set[int], cues: Cues, triggers: Sequence[Trigger]
) -> set[int]:
    """Tokens that head a place name where an act hit ground, not people ("shelled
    Kabbaneh and Jabal al-Akrad"): its own words, and a place noun it modifies
    ("al-Qaryatayn city"). None where people were killed, hurt or taken: there a name the
    gazetteer knows is as often a person's ("Garcia Alvarado was killed")."""
    people = cues.kill | cues.injure
    view = token_view(doc)
    if (
        any(t.cls.name in ("abduct", "sexual") for t in triggers)
        or not people.isdisjoint(view.lemma)
        or not people.isdisjoint(view.lower)
    ):
        return set()
    heads = set(place_tokens)
    for i in place_tokens:
        head = doc[i].head
        if doc[i].dep_ in ("compound", "amod", "nmod") and head.lemma_.lower() in cues.place_nouns:
            heads.add(head.i)
    return heads


# Words between a place and a direction phrase that locates it ("Zabadani, some 45 km to
# the west of Damascus").
_LOCATING_GAP = frozenset({",", "to", "the", "some", "about", "around", "nearly", "km"})


def _locates_place_before(span: Span, spans: Sequence[Span], cues: Cues) -> bool:
    """Whether a place span is a direction from another place ("west of Damascus") that
    says where the place named right before it lies ("the town of Zabadani to the west of
    Damascus"): that place is the event's, the direction phrase only locates it."""
    doc = span.doc
    at = span.start
    if doc[at].lower_ not in cues.directions:
        return False
    if at + 1 >= len(doc) or doc[at + 1].lower_ != "of":
        return False
    before = at - 1
    while before >= 0 and (doc[before].lower_ in _LOCATING_GAP or doc[before].like_num):
        before -= 1
    return any(other.end - 1 == before for other in spans if other is not span)


def _venue_elsewhere(place: Token, triggers: Sequence[Trigger], cues: Cues) -> bool:
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
    # Words that say the country ("regime forces") are the context of its place names: a
    # one-line report of "regime forces" in "Palmyra desert" is not about Pennsylvania.
    cues = ctx.cue_countries([article.clean.text])
    for sentence in article.sentences:
        if sentence.doc is None:
            continue
        known = runs.get(sentence.index) if runs is not None else None
        for span in find_place_spans(sentence.doc, ctx, (), set(), surnames, runs=known):
            iso3 = ctx.place_country_in(span.text, cues) if cues else ctx.place_country(span.text)
            if iso3:
                counts[iso3] = counts.get(iso3, 0) + 1
    every = list(dict.fromkeys([*named, *counts]))
    return tuple(sorted(every, key=lambda c: (-counts.get(c, 0), -named.get(c, 0))))


def _absorb_strategic(by_family: dict[str, list[Trigger]], cues: Cues) -> None:
    """One event per crowd: arrests and looting at a protest are its intervention or its
    rioting, not events of their own, and what it demands ("demanding a deal to free the
    hostages": `protest_demands`) is none; a bomb defused is a disrupted weapon, not a
    blast."""
    strategic = by_family.get("strategic", [])
    if "demonstration" in by_family:
        strategic = [t for t in strategic if not _demanded(t.token, cues)]
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


def _demanded(tok: Token, cues: Cues) -> bool:
    """Whether a word lies in the clause of a verb of demand (`protest_demands`), within
    six steps up the parse ("calling for the release of detained activists")."""
    return any(a.lemma_.lower() in cues.protest_demands for a in islice(tok.ancestors, 6))


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
        actor_matches = [
            m
            for m in actor_matches
            if not _region_of(m, sentence.text, ctx) and not _base_of(m, sentence.text, ctx)
        ]
        recent.extend(m.actor for m in actor_matches if m.actor.known)
        blocked: set[int] = set()
        for m in actor_matches:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None:
                blocked.update(range(span.start, span.end))
        triggers = _find_triggers(doc, ctx.lexicon, blocked, ctx.cues, not narrative or first)
        by_family: dict[str, list[Trigger]] = {}
        for trig in triggers:
            by_family.setdefault(ctx.lexicon.family(trig.cls.event_type), []).append(trig)
        if "demonstration" in by_family and "violence" in by_family:
            by_family["demonstration"].extend(by_family.pop("violence"))
        _absorb_strategic(by_family, ctx.cues)
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
        found: list[tuple[Mention, Part | None]] = []
        tell = partial(
            _mention_for,
            sentence,
            article.clean.article.id,
            ctx=ctx,
            actor_matches=actor_matches,
            narrative=narrative and not first,
            surnames=surnames,
            told=told,
            countries=countries,
            spans=spans,
            previous=previous,
        )
        for family_triggers in by_family.values():
            parts = split_parts(doc, family_triggers, spans, ctx.cues) if headline else [None]
            for part in parts:
                groups = [part.triggers] if part is not None else _where_apart(family_triggers)
                told_here = [tell(group, part=part) for group in groups]
                kinds = [m.event_type for m in told_here if m is not None]
                if len(kinds) != len(set(kinds)):
                    # Two of one type in one sentence would be one report (merge keys a
                    # mention by its offsets and type): the sentence's words together.
                    told_here = [tell(family_triggers, part=part)]
                found.extend((m, part) for m in told_here if m is not None)
        mentions.extend(part_offsets(found, sentence))
        previous = sentence.text
        first = False
    # The case as written (the recaser restores some capitals of a caseless text only).
    rules = NameRules(cased=not caseless(article.clean.article.text), is_place=ctx.is_place)
    names = article_names(views, article.clean.text if rules.cased else None)
    return _written_out(_with_neighbour_roles(article, mentions, ctx), names, rules, ctx)


# The roles whose fillers are written out as the article's fullest name for them.
_NAMED_ROLES = ("victim", "perpetrator")


def _written_out(
    mentions: tuple[Mention, ...], names: Sequence[Name], rules: NameRules, ctx: ExtractContext
) -> tuple[Mention, ...]:
    """Each mention with its victims and perpetrators written as the article's fullest
    name for them ("Jaramillo Ossa" -> "Bernardo Jaramillo Ossa", full_names.fullest); a
    name the actor dictionary knows ("ISIL", "Assad") stays as written."""
    if not names:
        return mentions

    def written_out(surface: str) -> str:
        if ctx.actors.lookup(surface) is not None:
            return surface
        return fullest(surface, names, rules) or surface

    out = []
    for m in mentions:
        arguments = m.arguments
        for role in _NAMED_ROLES:
            surfaces = arguments.get(role, ())
            written = tuple(dict.fromkeys(written_out(s) for s in surfaces))
            if written != surfaces:
                arguments = {**arguments, role: written}
        out.append(m if arguments is m.arguments else replace(m, arguments=arguments))
    return tuple(out)
