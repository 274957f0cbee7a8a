"""Sub-types refined from the sentence: gunfire, air-dropped weapons, a crowd met with
lethal force.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsevents.extract_context import Cues, Trigger
from newsevents.extract_syntax import noun_lemma, read_roles
from newsevents.lexicon import Lexicon


def refine(
    classes: set[str],
    main: Trigger,
    actor2_kind: str | None,
    actor1_kind: str | None,
    text: str,
    cues: Cues,
    lexicon: Lexicon,
    actor1_known: bool = False,
) -> tuple[str, str]:
    """Turn the trigger classes of one mention into an ACLED type and sub-type;
    `actor1_known`: the dictionary knows actor1 by name."""
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
        if _person_taken(main.token, cues):
            # "Guerrillas seized the mayor", "took over the train": people taken.
            abduct = next(c for c in lexicon.classes if c.name == "abduct")
            return abduct.event_type, abduct.sub_event_type
        if actor2_kind == "Civilians" and "attack" in classes:
            # "Armed men stormed a village, killing 30 people": no side lost ground; the
            # killing of its people is the event.
            return "Violence against civilians", "Attack"
        if actor1_kind == "State forces":
            return "Battles", "Government regains territory"
        return "Battles", "Non-state actor overtakes territory"
    if name == "attack" and _state_strike(main.token, actor1_kind, actor1_known, cues, lexicon):
        # "Israeli strikes on a school", "the army carried out strikes": ACLED codes a
        # state's strikes as air strikes.
        return "Explosions/Remote violence", "Air/drone strike"
    if name == "attack" and _by_aircraft(main.token, cues):
        # "Russian jets struck a hospital", "helicopters targeted the town": whatever they
        # hit, ACLED codes what aircraft do as an air strike.
        return "Explosions/Remote violence", "Air/drone strike"
    if name == "attack" and main.token.lemma_.lower() in cues.executions:
        # The executed were held, whoever they fought for.
        return "Violence against civilians", "Attack"
    if name in ("attack", "die"):
        armed = {"State forces", "Rebel group", "Political militia", "Identity militia"}
        if actor2_kind in armed or "clash" in classes:
            return "Battles", "Armed clash"
        return "Violence against civilians", "Attack"
    if name == "ied" and _dropped_from_air(main.token, actor1_kind, cues):
        return "Explosions/Remote violence", "Air/drone strike"
    return main.cls.event_type, main.cls.sub_event_type


def _person_taken(tok: Token, cues: Cues) -> bool:
    """Whether a capture verb's object is a civilian person ("seized the mayor",
    "captured three engineers") or a vehicle with its passengers ("took over the Jaffar
    Express"), not a place or a combatant."""
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    patient = read_roles(tok).patient
    return patient is not None and patient.lemma_.lower() in cues.captives


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


def _state_strike(
    tok: Token, actor1_kind: str | None, actor1_known: bool, cues: Cues, lexicon: Lexicon
) -> bool:
    """Is the attack word a strike noun (`strike_nouns`) told of a state's forces, or a
    strike noun or verb told of forces states send abroad together that the dictionary
    knows ("US-led strikes", "the coalition struck the SDF": the US-led coalition; a name
    it does not know is External/Other too)?"""
    noun = tok.pos_ in ("NOUN", "PROPN")  # a headline's "Israeli Strike on ..." too
    if noun:
        lemma = noun_lemma(tok.lower_, lexicon)
    elif tok.pos_ == "VERB":
        lemma = tok.lemma_.lower()
    else:
        return False
    if lemma not in cues.strike_nouns:
        return False
    if actor1_kind == "External/Other" and actor1_known:
        return True
    return actor1_kind == "State forces" and noun


def _by_aircraft(tok: Token, cues: Cues) -> bool:
    """Is an attack word's doer an aircraft ("jets struck", "a hospital hit by warplanes",
    "drones targeted a car")? A "bomber" may be a person: it does not count."""
    agent = read_roles(tok).agent
    return agent is not None and agent.lemma_.lower() in cues.aircraft_doers


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
