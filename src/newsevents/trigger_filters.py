"""Trigger words that name a thing rather than tell of an act.

"members of the kidnapping ring", "4 m-79 grenade launchers", "a murder case": an event
word that only modifies another noun names a kind of thing. "confiscated 13 rifles, 2
grenades and explosives": weapons held, seized or found are an inventory, not an attack.
"a patrol intercepted four suspects": a verb of disarming whose object is no weapon tells
of no disrupted weapon. "this crime demonstrates the regime's nature": a verb that tells of
an act only without an object means something else with one. The word lists come from
extract_cues.yaml (`thing_heads`, `holding_verbs`, `disarm_verbs`, `disarmed_objects`,
`intransitive_verbs`).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from spacy.tokens import Token

from newsevents.extract_syntax import OBJECT_DEPS, conjoined
from newsevents.lexicon import TriggerClass
from newsevents.tokenview import token_view

_INVENTORY_DEPS = frozenset({"dobj", "obj", "conj", "appos", "nsubjpass", "attr"})
# Prepositions inside an inventory ("weapons including grenades", "a cache of explosives",
# "launchers with 40 grenades"); others ("found after the bombing") lead out of it.
_INVENTORY_PREPS = frozenset({"of", "including", "like", "with"})
_MAX_UP = 5
# A cause phrase: "died of cold", "killed in a car accident", "died from hunger", "struck
# by lightning"; and the links from a consequence to the act that caused it ("lightning
# struck a house, killing two children", "the storm hit Latakia and killed two").
_CAUSE_PREPS = frozenset({"of", "from", "in", "by"})
_CONSEQUENCE_DEPS = frozenset({"advcl", "conj", "xcomp"})
_MAX_CAUSE_UP = 3


def opens_other_sense(tok: Token, phrases: Collection[tuple[str, ...]]) -> bool:
    """A trigger word that opens a fixed phrase in which it means something else:
    "according to" (lemmatised as the verb "accord"), "deal with"."""
    lower = token_view(tok.doc).lower
    first = lower[tok.i]
    for words in phrases:
        if words and words[0] != first:
            continue  # the cheap test: most phrases open with another word
        end = tok.i + len(words)
        if end <= len(lower) and all(lower[tok.i + k] == w for k, w in enumerate(words)):
            return True
    return False


_COMPLEMENT_DEPS = frozenset({"dobj", "obj", "ccomp"})


def names_a_date(tok: Token, months: Collection[str], leads: Collection[str] = ()) -> bool:
    """A capitalised month name next to a day of the month or a year, or after a word
    that leads a date (`leads`): a date ("March 11th-12th 2017", "5 March", "March
    2019", "in late March"), not the event word it spells ("march")."""
    view = token_view(tok.doc)
    i = tok.i
    if view.lower[i] not in months or not tok.text[:1].isupper():
        return False
    after = view.lower[i + 1] if i + 1 < len(view.lower) else ""
    before = view.lower[i - 1] if i > 0 else ""
    return after[:1].isdigit() or before[:1].isdigit() or before in leads


def names_a_victim(
    tok: Token, cls_name: str, classes_of: Mapping[str, Collection[TriggerClass]]
) -> bool:
    """A captive's noun that is what a violent verb acted on ("beheaded a hostage", "the
    hostages were executed"): the victim of that act, not a taking of hostages."""
    return (
        cls_name == "abduct"
        and tok.pos_ == "NOUN"
        and tok.dep_ in OBJECT_DEPS
        and _of_class(tok.head, "attack", classes_of)
    )


def raid_to_arrest(
    tok: Token, raids: Collection[str], classes_of: Mapping[str, Collection[TriggerClass]]
) -> bool:
    """A raid joined to an arrest ("raided a house in Mosul and detained two suspects"),
    or the raids an arrest was made in ("arrested 15 Palestinians in raids across the
    West Bank"): the operation that made the arrest, not an attack of its own."""
    if tok.lemma_.lower() not in raids:
        return False
    if any(_of_class(p, "arrest", classes_of) for p in conjoined(tok)):
        return True
    prep = tok.head if tok.dep_ == "pobj" else None
    if prep is None or prep.lower_ not in ("in", "during"):
        return False
    # ... attached to the arrest verb or to who it took ("detained dozens of suspected
    # members in raids in Deir ez-Zor").
    held = prep.head
    return _of_class(held, "arrest", classes_of) or (
        held.dep_ in OBJECT_DEPS and _of_class(held.head, "arrest", classes_of)
    )


def _of_class(tok: Token, name: str, classes_of: Mapping[str, Collection[TriggerClass]]) -> bool:
    """Whether a word's lemma is a trigger of the class `name`."""
    return any(c.name == name for c in classes_of.get(tok.lemma_.lower(), ()))


def used_with_object(
    tok: Token, intransitive: Collection[str], place_preps: Collection[str]
) -> bool:
    """A verb of `intransitive` with an object or a clause ("demonstrates its nature",
    "demonstrated that ...", "rallied support"): another sense than a protest's. An
    "object" that opens with a preposition of place is the parser's misreading of where
    ("rallied outside parliament")."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in intransitive:
        return False
    return any(
        c.dep_ in _COMPLEMENT_DEPS and c.doc[c.left_edge.i].lower_ not in place_preps
        for c in tok.children
    )


def natural_cause(tok: Token, causes: Collection[str]) -> bool:
    """An act word whose cause is no one's act ("an earthquake killed 40", "died of cold",
    "killed in a car accident", "was struck by lightning"), or an act word told as the
    consequence of such a one ("lightning struck a house, killing two children"): the
    subject, "by" agent or cause phrase of the word or of the verbs it hangs off."""
    if not causes:
        return False
    node = tok
    for _ in range(_MAX_CAUSE_UP):
        for child in node.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                if child.i < node.i and child.i != tok.i and child.lemma_.lower() in causes:
                    return True
            elif (
                child.dep_ in ("agent", "prep")
                and child.lower_ in _CAUSE_PREPS
                and any(g.dep_ == "pobj" and g.lemma_.lower() in causes for g in child.children)
            ):
                return True
        if node.dep_ not in _CONSEQUENCE_DEPS or node.head.i == node.i:
            return False
        node = node.head
    return False


def names_a_thing(tok: Token, thing_heads: Collection[str]) -> bool:
    """A trigger noun that modifies one of `thing_heads` ("kidnapping ring", "grenade
    launchers", "murder case"): the phrase names a thing, not an event."""
    if tok.dep_ != "compound" or tok.pos_ not in ("NOUN", "PROPN"):
        return False
    head = tok.head
    # "m-79 grenade launchers": walk up a chain of compounds to the phrase's head.
    while head.dep_ == "compound" and head.head.i != head.i:
        head = head.head
    return head.lemma_.lower() in thing_heads or head.lower_ in thing_heads


def held_weapon(
    tok: Token, holding: Collection[str], doing_particles: Collection[str] = ()
) -> bool:
    """A weapon noun in what someone seized, found or carried ("confiscated 2 grenades",
    "captured 46 rifles and 40 grenades", "the weapons -- rifles, grenades ..."): its
    chain of objects, list items and appositions reaches one of `holding` lemmas, unless a
    particle of `doing_particles` makes that verb one of doing ("carried out airstrikes")."""
    if tok.pos_ not in ("NOUN", "PROPN") or tok.lower_.endswith("ing"):
        return False  # "bombing", "shelling" tell of an act
    node = tok
    steps = 0
    while steps < _MAX_UP and node.head.i != node.i:
        inside = node.dep_ == "pobj" or (node.dep_ == "prep" and node.lower_ in _INVENTORY_PREPS)
        if node.dep_ not in _INVENTORY_DEPS and not inside:
            return False
        # A long list ("348 rifles, 118 pistols, ..., grenades") is one step, however many
        # items come before the weapon.
        steps += node.dep_ != "conj"
        node = node.head
        if node.lemma_.lower() in holding or node.lower_ in holding:
            return not any(c.dep_ == "prt" and c.lower_ in doing_particles for c in node.children)
    return False


def disarms_no_weapon(tok: Token, verbs: Collection[str], weapons: Collection[str]) -> bool:
    """A verb or noun of disarming (`verbs`: "intercept", "defuse") whose object names no
    weapon ("intercepted four suspects", "the interception of a call"): no weapon was
    disrupted. Without an object, or with a pronoun for one, the trigger stands."""
    if tok.lemma_.lower() not in verbs and tok.lower_ not in verbs:
        return False
    objects = [c for c in tok.children if c.dep_ in OBJECT_DEPS]
    # "the interception of two missiles": a noun's object is its "of" phrase.
    objects += [
        g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
    ]
    if tok.dep_ == "acl" and tok.tag_ == "VBN":
        objects.append(tok.head)  # "the rockets defused by the police"
    if not objects or any(o.pos_ == "PRON" for o in objects):
        return False
    return not any(
        t.lemma_.lower() in weapons or t.lower_ in weapons for o in objects for t in o.subtree
    )


_STATE_DEPS = frozenset({"amod", "acl", "relcl", "compound"})


def tells_a_state(tok: Token, object_verbs: Collection[str], present_is_news: bool = True) -> bool:
    """A verb of `object_verbs` ("control") that describes who holds what rather than
    a change: a participle or relative clause modifying a noun ("areas controlled by
    IS", "the town it controls"), a passive, a verb without a direct object, or a
    present tense outside a headline ("the government controls the city"). "The SDF
    control al-Mansoura" in a headline, or "rebels controlled the town" in a story, tells
    of taking it."""
    if tok.lemma_.lower() not in object_verbs and tok.lower_ not in object_verbs:
        return False
    if tok.dep_ in _STATE_DEPS or tok.pos_ not in ("VERB", "NOUN"):
        return True
    if not present_is_news and tok.tag_ in ("VBZ", "VBP"):
        return True
    children = list(tok.children)
    # "no longer controls territory": who does not hold it, no change told; "said that
    # the group controls ...": a present tense in a reported clause describes.
    negated = any(c.dep_ == "neg" or any(g.dep_ == "neg" for g in c.children) for c in children)
    reported = tok.tag_ in ("VBZ", "VBP") and any(c.dep_ == "mark" for c in children)
    if negated or reported or any(c.dep_ in ("auxpass", "nsubjpass") for c in children):
        return True
    return not any(c.dep_ in ("dobj", "obj") for c in children) and not _name_follows(tok)


def _name_follows(tok: Token) -> bool:
    """A proper name right after the verb (past a "the") and inside its clause: the
    object the parser hung elsewhere ("forces control al-Tabaqa city west of Raqqa",
    read with the town as a modifier of "west")."""
    doc = tok.doc
    i = tok.i + 1
    while i < len(doc) and doc[i].pos_ == "DET":
        i += 1
    if i >= len(doc) or doc[i].pos_ != "PROPN":
        return False
    return any(a.i == tok.i for a in doc[i].ancestors)


def hands_over_no_ground(tok: Token, handover: Collection[str], ground: Collection[str]) -> bool:
    """A handover (`handover`: "hand over", "the handover") of something that is no
    ground: weapons, bodies, prisoners, information ("agreed to hand over their weapons",
    "information handed over to the centre"). Ground is a word of `ground` ("the town",
    "positions") or a name ("handed over Jarabulus"); without an object the trigger
    stands ("the army handed over")."""
    if tok.lemma_.lower() not in handover:
        return False
    if tok.pos_ == "NOUN":
        handed = [g for c in tok.children if c.lower_ == "of" for g in c.children]
    else:
        handed = [c for c in tok.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    if not handed:
        return tok.dep_ == "acl" and tok.tag_ == "VBN"  # "information handed over to"
    return not any(
        h.pos_ == "PROPN" or h.lemma_.lower() in ground or h.lower_ in ground for h in handed
    )


def credited_source(tok: Token, speech: Collection[str]) -> bool:
    """Whether a weapon word is the one credited after what it tells ("Ukrainian forces
    shot down 25 drones, the air force said"): a source, not an act. ("The air force said
    it had struck ..." tells its own act; a weapon word heading its own clause, which a lost
    comma hung on the speech verb, is one: "a coalition air strike killed 18 civilians a
    war monitor said".)"""
    verb = tok.head
    return (
        tok.dep_ == "nsubj"
        and verb.lemma_.lower() in speech
        and any(c.dep_ in ("ccomp", "parataxis") and c.i < tok.i for c in verb.children)
        and not any(c.dep_ in ("acl", "relcl") for c in tok.children)
    )
