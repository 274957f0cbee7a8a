"""Who acted and who underwent it: a mention's two actors, read off the parse of its
sentence (extract_syntax's roles of each trigger), the dictionary's actor matches and the
phrases that pair two sides (actor_pairs), with an attacker implied by the weapon where the
sentence names none (extract_cues.yaml `implied_attackers`).

The extractor (extractor.py) decides whether a sentence tells an event and of what type;
this module fills its actor1 and actor2, in ACLED's sense: actor1 did it, actor2 suffered
it or fought back.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsevents.actor_pairs import held_side, mutual_sides, paired_sides
from newsevents.extract_context import Cues, ExtractContext, Trigger
from newsevents.extract_parts import Part
from newsevents.extract_syntax import (
    Roles,
    a_count,
    actor_in,
    by_phrase,
    coordinated_sides,
    group_surface,
    is_passive,
    member_of,
    np_range,
    prep_object,
    read_between,
    read_roles,
    suffered_in,
    suffering_in,
    tree_distance,
)
from newsevents.extract_tolls import counts_the_hurt
from newsevents.records import Actor
from newsevents.resolve.actors import ActorContext, ActorMatch
from newsevents.tokenview import token_view

# Trigger classes that tell deaths or a fight without a one-sided act: who suffered them
# may be both sides ("casualties among A and B").
_MUTUAL_CLASSES = frozenset({"die", "clash"})


# Kinds of actor that can tell their own acts of violence ("the army said it had killed").
_ARMED_KINDS = frozenset({"State forces", "Rebel group", "Political militia", "Identity militia"})


@dataclass(frozen=True)
class ActorChoice:
    """A mention's actors: each as written or named by kind (`actor1`, `actor2`), the
    dictionary match behind it where there is one, and its ACLED kind; the token of who
    underwent the act (`patient`), a physical target (`thing`: "the national guard post"),
    and the attacker the weapon implies when the sentence names none (`implied`, whose
    name is then `actor1`)."""

    actor1: str | None
    actor2: str | None
    match1: ActorMatch | None
    match2: ActorMatch | None
    kind1: str | None
    kind2: str | None
    patient: Token | None
    thing: Token | None
    implied: Actor | None


def _owner_of_weapon(weapon: Token, patient: Token | None, cues: Cues) -> bool:
    """Whether `patient` is the object of a weapon noun's "of" (cues `owned_weapons`):
    "shells of the regime forces", "warplanes of the International Coalition"."""
    return (
        patient is not None
        and weapon.pos_ == "NOUN"
        and weapon.lemma_.lower() in cues.owned_weapons
        and patient.dep_ == "pobj"
        and patient.head.lower_ == "of"
        and patient.head.head.i == weapon.i
    )


def _weapon_user(weapon: Token, verbs: Collection[str]) -> Token | None:
    """Who a verb of `verbs` says used a weapon noun: the object of the "by" of its
    participle on the noun ("a missile fired by the army", "barrel bombs dropped by
    helicopters"), or the subject of the verb whose object the noun is ("the terrorist
    organizations fired 28 rocket shells")."""
    for part in weapon.children:
        if part.dep_ != "acl" or part.tag_ != "VBN" or part.lemma_.lower() not in verbs:
            continue
        for by in part.children:
            if by.dep_ == "agent":
                return next((c for c in by.children if c.dep_ == "pobj"), None)
    head = weapon
    while head.dep_ == "compound" and head.head.i != head.i:
        head = head.head  # "rocket" of "28 rocket shells"
    verb = head.head
    if head.dep_ in ("dobj", "obj") and verb.pos_ == "VERB" and verb.lemma_.lower() in verbs:
        return next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return None


def _place_of_event_word(
    tok: Token, match: ActorMatch, trigger_tokens: set[int], ctx: ExtractContext
) -> bool:
    """Whether a country's name stands right before an event word it governs ("Syria
    fighting kills 132"): the name says where the fighting was, not who fought."""
    return (
        tok.pos_ == "PROPN"
        and any(c.i == tok.i + 1 and c.i in trigger_tokens for c in tok.children)
        and ctx.is_place(match.surface)
    )


def choose_actors(
    doc: Doc,
    text: str,
    ctx: ExtractContext,
    *,
    triggers: Sequence[Trigger],
    acting: Sequence[Trigger],
    family: str,
    actor_matches: Sequence[ActorMatch],
    place_tokens: set[int],
    excluded: set[int],
    speaker: Token | None,
    part: Part | None,
    countries: tuple[str, ...],
    previous: str,
) -> ActorChoice:
    """The actors of the event a sentence tells. `triggers` are the sentence's words for
    it; `acting` those whose act is told as the event is (not an act asked for beside
    one done), in priority order, the main trigger first; `place_tokens` the tokens of its
    place names; `excluded` the speaker's words ("Damascus said ..."), `speaker` the head
    of who said it; `previous` the sentence before (for "both sides")."""
    cues = ctx.cues
    main = acting[0]
    classes = {t.cls.name for t in triggers}
    view = token_view(doc)
    offset = doc[0].idx
    trigger_tokens = {t.token.i for t in triggers}
    craft_tokens = {
        t.token.i for t in triggers if t.cls.means and t.token.lemma_.lower() in cues.aircraft_doers
    }

    def actor_surface(tok: Token | None) -> tuple[str | None, ActorMatch | None]:
        # An event noun is never its own actor ("Massacre ... kills 16 people"), nor is a
        # place the gazetteer knows ("airstrikes target Der Ezzor"); an aircraft stands
        # for the actor named on it ("strikes by the International Coalition warplanes",
        # "shot down a Russian helicopter").
        if tok is not None and tok.i in craft_tokens:
            # Only the words before the craft name its owner ("Russian warplanes").
            owner = (doc[tok.left_edge.i].idx, tok.idx + len(tok))
            match = actor_in(owner, actor_matches) if tok.left_edge.i < tok.i else None
            return (match.surface, match) if match is not None else (None, None)
        if tok is None or tok.i in trigger_tokens or tok.lower_ in ctx.lexicon.by_lemma:
            return None, None
        match = actor_in(np_range(tok), actor_matches) or member_of(tok, actor_matches, cues)
        if match is not None and _place_of_event_word(tok, match, trigger_tokens, ctx):
            return None, None  # "Syria fighting kills 132 IS fighters": fighting in Syria
        if match is not None:
            return match.surface, match
        if tok.i in place_tokens or (
            tok.lower_ in cues.place_suffixes and tok.i - 1 in place_tokens
        ):
            return None, None  # "Douma", "Douma City": the place, not who was hit
        return group_surface(tok, ctx), None

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
    for trig in acting:
        roles = read_roles(trig.token, trig.cls.name == "clash", cues.agent_verbs)
        if roles.agent is None and _owner_of_weapon(trig.token, roles.patient, cues):
            # "killed by shells of the regime forces": who fired them, not who was hit.
            roles.agent, roles.patient = roles.patient, None
        if counts_the_hurt(roles.patient, cues):
            # "25 YPG Fighters Killed 110 Injured by Turkey": the subject died, and the
            # "by" of the hurt names who did it.
            hurt = roles.patient
            roles.patient = roles.agent
            roles.agent = _agent_of_hurt(hurt) if hurt is not None else None
        if (
            roles.agent is not None
            and roles.agent.dep_ == "nsubj"
            and roles.agent.head.lemma_.lower() in cues.sufferers
        ):
            # "The terrorist group suffered a heavy death toll in the air raids": who
            # suffered the act underwent it.
            roles.patient, roles.agent = roles.patient or roles.agent, None
        if roles.agent is None and trig.cls.means:
            # "A missile fired by Syrian government forces hit ...": who fired the weapon.
            roles.agent = _weapon_user(trig.token, cues.weapon_users)
        if trig.cls.name == "die" and roles.agent is not None and roles.agent.dep_ == "poss":
            # "the civilians' death toll", "the regime's losses": who suffered them.
            roles.patient, roles.agent = roles.patient or roles.agent, None
        if actor2 is None and roles.patient is None and trig.cls.name == "die":
            # "losses in the rebels", "casualties in the ranks of IS": who suffered them
            # (not a place: "casualties in Idlib" names none).
            among = suffered_in(trig.token, cues)
            sufferers.extend(t for t in (suffering_in(trig.token, cues),) if t is not None)
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
            if speaker is not None and _self_reference(roles.agent, cues.self_pronouns):
                # "The SDF said it had captured ...", "Turkey said its troops shelled ...":
                # an armed speaker telling its own act.
                said1, said_m1 = actor_surface(speaker)
                if said_m1 is not None and said_m1.actor.kind in _ARMED_KINDS:
                    actor1, m1 = said1, said_m1
        if actor1 is None:
            # "killed by rebel rocket fire", "a rebel mortar attack", "a jihadist suicide
            # bombing": fighters named by the word before the act or its weapon did it.
            for act in (roles.agent, trig.token):
                armed = _armed_modifier(act, cues.fighter_words) if act is not None else None
                if armed is not None and armed.i not in excluded:
                    actor1, m1 = _group_of(armed), None
                    break
        if actor2 is None and roles.patient is not None:
            # "killed dozens of militants": the militants, not the count, underwent it (a
            # crowd never underwent its own protest: "Thousands of people protested", its
            # verb misread as a passive, keeps no patient).
            crowd_act = ctx.lexicon.family(trig.cls.event_type) == "demonstration"
            counted = a_count(roles.patient) and not crowd_act
            patient = (prep_object(roles.patient, ("of",)) if counted else None) or roles.patient
            actor2, m2 = actor_surface(patient)
            if (
                m2 is None
                and patient is not roles.patient
                and not any(t.lower_ == "by" for t in roles.patient.subtree)
            ):
                # "a number of operatives tied to Jabhat Fath al-Sham": the whole phrase
                # names the group its bare noun does not ("15 of the hostages taken by
                # ISIS" names who took them).
                whole, whole_m = actor_surface(roles.patient)
                if whole_m is not None:
                    actor2, m2, patient = whole, whole_m, roles.patient
            if (
                actor2 is None
                and patient.pos_ == "NOUN"
                and patient.lemma_.lower() not in cues.inhabited_places
            ):
                # "ambushed a rebel convoy", "shelled militant positions": the fighters
                # whose thing it was.
                owner = _armed_modifier(patient, cues.hit_fighter_words)
                if owner is not None:
                    actor2, m2, patient = _group_of(owner), None, owner
            if m2 is not None and armed_with(m2):
                # "Russian missile shelling" is who attacked, never who suffered it.
                actor2, m2 = None, None
            if actor2 is not None:
                patient_tok = patient
        if thing is None and roles.patient is not None and roles.patient.pos_ == "NOUN":
            thing = roles.patient
        died = trig.cls.name == "die" or (
            # "30 of A and B were killed" tells, like "died", who died and not who killed.
            roles.agent is None
            and trig.token.lemma_.lower() in cues.death_verbs
            and is_passive(trig.token)
        )
        if roles.patient is not None and died:
            # A clash's other side ("against the Turkish forces and their allies") lists
            # one side's allies, not both sides: only a death's sufferers may be both.
            sufferers.append(roles.patient)
            dying.add(trig.cls.name)
    fended = _repelled(main.token, cues.repel_verbs)
    if fended is not None:
        # "Kurdish forces repelled an IS attack on Kobani, killing 20 militants": the
        # attackers fought the repellers; an attacker not named stays unnamed.
        attacker, defender = fended
        said, said_m = actor_surface(defender)
        if said is not None:
            actor2, m2, patient_tok = said, said_m, defender
            actor1, m1 = actor_surface(attacker) if attacker is not None else (None, None)
            if (
                m1 is None
                and attacker is not None
                and attacker.lemma_.lower() in cues.fighter_words
            ):
                actor1 = _group_of(attacker)  # "a rebel offensive": the rebels'
            if actor1 is not None and actor1 == actor2:
                actor1, m1 = None, None
    if actor1 is None and cues.pairs is not None and classes <= _MUTUAL_CLASSES | dying:
        # "casualties in the ranks of A and B": two armed sides who both suffered it
        # fought each other, one a side, unless they fight on one side ("the bodies of
        # members of Hezbollah and the regime forces"); an attacker named apart keeps its
        # role, and a one-sided act ("an air strike killed members of A and B") had an
        # unnamed one.
        for tok in sufferers:
            two = coordinated_sides(tok, actor_matches, cues.pairs.armed, cues.allies)
            if two is not None:
                (m1, m2), patient_tok = two, tok
                actor1, actor2 = m1.surface, m2.surface
                break
    if actor1 is None and actor2 is None:
        # "clashes in the vicinity of Manbij between IS and the SDF": the sides hang off
        # the place, not the trigger.
        sides = Roles()
        read = (
            view.tokens
            if part is None
            else view.tokens[part.side_tokens.start : part.side_tokens.stop]
        )
        for tok in read:
            if tok.lower_ == "between" and tok.dep_ == "prep":
                read_between(tok, sides)
        if sides.agent is not None and sides.patient is not None:
            actor1, m1 = actor_surface(sides.agent)
            actor2, m2 = actor_surface(sides.patient)
            patient_tok = sides.patient if actor2 is not None else None
    # The speaker's words, in the actor matches' coordinates (relative to the sentence).
    speech_chars = [(view.idx[i] - offset, view.end[i] - offset) for i in excluded]
    # A name the dictionary lacks ("fighters") stands for a side only until one is named.
    named1 = m1 if m1 is not None and m1.actor.known else None
    named2 = m2 if m2 is not None and m2.actor.known else None
    if (
        (named1 is None or named2 is None)
        and family == "violence"
        and cues.pairs is not None
        and cues.pairs.mutual.search(text)
    ):
        # "12 were killed on both sides", "they shelled each other": the two sides named
        # before in the sentence, or in the one before it (not parsed: read off the
        # dictionary only when the phrase is there).
        earlier = ctx.actors.find(previous, ActorContext(countries=countries)) if previous else []
        mutual = mutual_sides(text, actor_matches, cues.pairs, earlier, speech_chars)
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
        pair = paired_sides(text, actor_matches, cues.pairs, window, opposed=family == "violence")
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
            held = held_side(text, actor_matches, cues.pairs, window)
            if (
                held is not None
                and not held.generic
                and (m1 is None or held.actor.name != m1.actor.name)
                and not any(held.start < e and s < held.end for s, e in speech_chars)
            ):
                actor2, m2 = held.surface, held

    def event_place(m: ActorMatch) -> bool:
        span = doc.char_span(m.start + offset, m.end + offset, alignment_mode="expand")
        return span is not None and _place_of_event_word(span.root, m, trigger_tokens, ctx)

    usable = [
        m
        for m in actor_matches
        if m is not m2
        and not m.generic
        and not any(m.start < e and s < m.end for s, e in speech_chars)
        and not event_place(m)
    ]

    def near(m: ActorMatch) -> bool:
        span = doc.char_span(m.start + offset, m.end + offset, alignment_mode="expand")
        return span is not None and tree_distance(span.root, main.token) <= 4

    def owns_a_thing(m: ActorMatch) -> bool:
        # "a police station", "an army checkpoint": the name says whose the place or
        # thing hit was, not who acted ("police officers" are people).
        span = doc.char_span(m.start + offset, m.end + offset, alignment_mode="expand")
        if span is None or span.root.dep_ not in ("compound", "amod"):
            return False
        head = span.root.head
        # "Syrian government air strikes": up a chain of compounds to the phrase's head.
        while head.dep_ == "compound" and head.head.i != head.i:
            head = head.head
        by_lemma = ctx.lexicon.by_lemma
        return (
            head.pos_ == "NOUN"
            and head.lemma_.lower() not in cues.people_or_armed
            and head.i not in trigger_tokens
            and head.lemma_.lower() not in by_lemma
            and head.lower_ not in by_lemma
        )

    # "fought alongside Syrian troops": an ally of the actor, not the other side.
    allied = [
        (t.idx - offset, t.idx + len(t) - offset)
        for p in view.tokens
        if view.lower[p.i] in cues.ally_preps and p.dep_ == "prep"
        for t in p.subtree
    ]
    usable = [
        m
        for m in usable
        if near(m)
        and (m2 is None or m.actor.name != m2.actor.name)
        and not any(m.start < e and s < m.end for s, e in allied)
    ]
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
        # (Before the trigger, a headline's "the regime forces target areas" reads as a
        # compound: only names after it are tested for owning a thing.)
        before = [m for m in usable if m.end <= trig_char and m is not m2]
        # Named after the trigger, civilians are its victims, never the attacker; nor
        # is a name among the victims ("killed 15 civilians as well as three Daesh
        # fighters": the victim's conjuncts).
        victims = [np_range(t) for t in _with_conjuncts(patient_tok)]
        victims += _among_the_victims(patient_tok, cues)
        after = [
            m
            for m in usable
            if m.start >= trig_char
            and m is not m2
            and m.actor.kind != "Civilians"
            and not any(a - offset <= m.start < b - offset for a, b in victims)
            and not owns_a_thing(m)
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
        implied = _implied_attacker(text, countries, ctx)
        # Only a generic or unknown name ("helicopters") gives way to an implied attacker.
        if implied is not None and _known_actor(actor1, ctx):
            implied = None
        if implied is not None:
            actor1 = implied.name
    kind1 = m1.actor.kind if m1 else implied.kind if implied else _kind_of(actor1, ctx)
    kind2 = m2.actor.kind if m2 else _kind_of(actor2, ctx)
    if kind2 is None and patient_tok is not None:
        lemma = patient_tok.lemma_.lower()
        if lemma in cues.people or _of_a_civil_body(patient_tok, cues):
            kind2 = "Civilians"  # "a local council member": not a group's fighter
        elif lemma in cues.armed:
            kind2 = "Rebel group"
    twice = _named_for_context(m1, m2, ctx)
    if twice == 1:
        actor1, m1, kind1 = None, None, None
    elif twice == 2:
        actor2, m2, kind2 = None, None, None
    return ActorChoice(actor1, actor2, m1, m2, kind1, kind2, patient_tok, thing, implied)


def _among_the_victims(patient: Token | None, cues: Cues) -> list[tuple[int, int]]:
    """Character ranges that tell who was among the victims: an inclusion phrase on the
    victims ("killing 20 people, including five soldiers") and a phrase whose subject is
    a share of them ("killing 59 worshippers, most of them policemen")."""
    if patient is None:
        return []
    ranges = [
        _subtree_range(c)
        for c in patient.rights
        if c.dep_ == "prep" and c.lower_ in cues.victim_inclusion
    ]
    for tok in patient.doc[patient.i + 1 :]:
        if any(_share_of_them(c, cues) for c in tok.children):
            ranges.append(_subtree_range(tok))
    return ranges


def _share_of_them(tok: Token, cues: Cues) -> bool:
    """'most of them', 'all of whom': a share of people named before."""
    return tok.lower_ in cues.victim_shares and any(
        c.lower_ == "of" and any(g.lower_ in ("them", "whom") for g in c.children)
        for c in tok.children
    )


def _subtree_range(tok: Token) -> tuple[int, int]:
    first, last = tok.left_edge, tok.right_edge
    return first.idx, last.idx + len(last)


def _agent_of_hurt(count: Token) -> Token | None:
    """Who a headline's hurt were hurt by ("110 Injured by Turkey"): the "by" of the
    participle that describes their count."""
    for participle in count.children:
        if participle.dep_ in ("acl", "amod"):
            return by_phrase(participle)
    return None


def _of_a_civil_body(tok: Token, cues: Cues) -> bool:
    """A member of a civil body ("a local council member", "members of the city council"):
    a civilian, though "member" alone names an armed group's man."""
    if tok.lemma_.lower() not in cues.armed:
        return False
    body = prep_object(tok, ("of",))
    words = [c for c in tok.children if c.dep_ in ("compound", "amod")]
    if body is not None:
        words += [body, *(c for c in body.children if c.dep_ in ("compound", "amod"))]
    return any(w.lemma_.lower() in cues.civil_bodies for w in words)


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


def _with_conjuncts(tok: Token | None) -> list[Token]:
    """A token and the tokens coordinated after it ("civilians ... as well as fighters")."""
    out: list[Token] = []
    todo = [tok] if tok is not None else []
    while todo:
        node = todo.pop()
        out.append(node)
        todo.extend(c for c in node.children if c.dep_ == "conj")
    return out


def _self_reference(tok: Token, pronouns: frozenset[str]) -> bool:
    """A pronoun, or a noun a pronoun possesses, by which a speaker names itself in what
    it says ("it had captured", "its troops", "their fighters", "our forces")."""
    if tok.lower_ in pronouns and tok.pos_ == "PRON":
        return True
    return any(c.dep_ == "poss" and c.lower_ in pronouns for c in tok.children)


def _repelled(tok: Token, verbs: frozenset[str]) -> tuple[Token | None, Token] | None:
    """An attack noun that a verb of `verbs` says was fought off ("the army repelled an IS
    attack", "the attack was foiled by the SDF", "fended off an offensive by rebels"): who
    attacked (its possessor, a name modifying it, or its "by" phrase; None when unnamed) and
    who fought it off."""
    verb = tok.head
    if tok.pos_ != "NOUN" or tok.dep_ not in ("dobj", "nsubjpass") or verb.i == tok.i:
        return None
    if verb.lemma_.lower() not in verbs:
        return None
    if tok.dep_ == "dobj":
        defender = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    else:
        defender = by_phrase(verb)
    if defender is None:
        return None
    attacker: Token | None = None
    for child in tok.children:
        if child.dep_ in ("poss", "compound", "amod") and child.pos_ in ("PROPN", "NOUN", "ADJ"):
            attacker = child
        elif child.dep_ == "prep" and child.lower_ == "by":
            attacker = next((g for g in child.children if g.dep_ == "pobj"), attacker)
        elif child.dep_ == "acl":
            # "an attack launched by al-Nusra terrorists"
            attacker = by_phrase(child) or attacker
    return attacker, defender


def _armed_modifier(tok: Token, armed: frozenset[str]) -> Token | None:
    """A word for fighters that modifies a noun phrase ("rebel rocket fire", "a rebel
    mortar attack"): it, found on the phrase's head, above a chain of compounds."""
    if tok.pos_ != "NOUN":
        return None
    head = tok
    while head.dep_ == "compound" and head.head.i != head.i:
        head = head.head
    for child in head.children:
        if (
            child.dep_ in ("amod", "compound")
            and child.i < head.i
            and child.lemma_.lower() in armed
            and child.pos_ in ("NOUN", "ADJ")
        ):
            return child
    return None


def _group_of(word: Token) -> str:
    """The group a fighters' word names, as its plural: "rebel" -> "rebels"."""
    return f"{word.text}s"


def _named_for_context(m1: ActorMatch | None, m2: ActorMatch | None, ctx: ExtractContext) -> int:
    """Which side, 1 or 2 (0 for neither), is the same actor as the other only through
    the article's context: "an Israeli air strike killed five soldiers" in a story that
    names no other country read "soldiers" as Israel's, so Israel fought itself. A name
    the dictionary knows as written ("Israeli air strike") outranks a generic one
    ("soldiers", "troops", "the group"); two names as written are left as they are."""
    if m1 is None or m2 is None or not m1.actor.known or m1.actor.name != m2.actor.name:
        return 0
    written1 = ctx.actors.lookup(m1.surface) is not None
    written2 = ctx.actors.lookup(m2.surface) is not None
    if written1 == written2:
        return 0
    return 2 if written1 else 1
