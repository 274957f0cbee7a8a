"""Reading the dependency parse for extraction: noun phrases, who did what to whom
(subject, passive agent, object, prepositions), and distances in the tree and the text.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsevents.extract_context import Cues, ExtractContext
from newsevents.lexicon import Lexicon
from newsevents.records import TimeExpression
from newsevents.resolve.actors import ActorMatch
from newsevents.resolve.numbers import find_quantities

_UNDERGOER_VERBS = frozenset({"die", "perish", "drown", "succumb"})


# Which dependents of a verb trigger undergo it, by (passive, reduced passive): the
# object in the active voice, the passive subject, and the plain subject of a headline's
# participle ("Turkish soldier killed").
_PATIENT_DEPS = {
    (False, False): frozenset({"nsubjpass", "dobj", "obj"}),
    (True, False): frozenset({"nsubjpass"}),
    (True, True): frozenset({"nsubjpass", "nsubj"}),
}


_MASS = 1000


def lone_capital(tok: Token) -> bool:
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


def noun_lemma(lower: str, lexicon: Lexicon) -> str:
    """The singular of a plural noun the lexicon lists ("casualties" -> "casualty"), else
    the word itself."""
    if lower in lexicon.by_lemma:
        return lower
    for cut, add in (("ies", "y"), ("es", ""), ("s", "")):
        if lower.endswith(cut) and lower[: -len(cut)] + add in lexicon.by_lemma:
            return lower[: -len(cut)] + add
    return lower


def verb_like(tok: Token) -> bool:
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


def headed_by(tok: Token, heads: frozenset[str]) -> bool:
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


# What a verb acts on: its object, or its subject in the passive.
OBJECT_DEPS = frozenset({"dobj", "obj", "nsubjpass"})


def object_of(tok: Token, verbs: frozenset[str]) -> bool:
    """Is a noun what one of these verbs acts on: its object or passive subject ("freed 12
    hostages and two captives", "hostages were released"), the subject of a headline's
    verb with no object ("Hostages freed in Idlib"), or the noun a participle of it
    qualifies ("12 hostages freed by the army")?"""
    node = tok
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    verb = node.head
    if verb.lemma_.lower() in verbs and verb.i != node.i:
        if node.dep_ in OBJECT_DEPS:
            return True
        if node.dep_ == "nsubj" and not any(c.dep_ in ("dobj", "obj") for c in verb.children):
            return True
    return any(c.dep_ == "acl" and c.lemma_.lower() in verbs for c in tok.children)


def mass_count(tok: Token) -> bool:
    """A trigger noun counted in thousands ("100,000 strikes") names a campaign's total. A
    singular noun counted in words is not: in "Thousands march in Raqqa" the parser took
    the verb for a noun and the crowd for its count."""
    for child in tok.children:
        if child.dep_ == "nummod":
            if tok.tag_ == "NN" and not any(c.isdigit() for c in child.text):
                continue
            quantities = find_quantities(doc_text(child))
            if quantities and quantities[0].value >= _MASS:
                return True
    return False


def doc_text(tok: Token) -> str:
    """The text of a token's subtree."""
    return tok.doc[tok.left_edge.i : tok.right_edge.i + 1].text


def np_range(head: Token) -> tuple[int, int]:
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


def actor_in(rng: tuple[int, int], matches: Sequence[ActorMatch]) -> ActorMatch | None:
    for m in matches:
        # A generic group phrase leaves the role to group_surface, as without it.
        if m.start < rng[1] and rng[0] < m.end and not m.generic:
            return m
    return None


def group_surface(head: Token, ctx: ExtractContext) -> str | None:
    """A generic actor phrase ("gunmen", "Russian warplanes", "civilians") or an unknown
    proper name headed by a token; None for places and for possessed nouns ("its
    fighters"), which only an antecedent can resolve."""
    cues = ctx.cues
    if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in head.children):
        return None
    if head.pos_ == "PROPN":
        if ctx.is_place(head.text) or head.lower_ in cues.not_actors:
            return None
    elif head.lemma_.lower() not in cues.people_or_armed:
        # "the terrorist organizations", "militant factions": the fighters they are, one
        # name whatever the body is called ("armed groups" keep theirs).
        return _armed_body(head, cues)
    words = [
        t.text
        for t in head.lefts
        if t.dep_ in ("amod", "compound", "nmod")
        and not t.like_num
        and t.pos_ != "NUM"
        # "Turkey-backed militants": who backs them is no part of their name ("armed men"
        # names no backer: "armed" stays).
        and not (t.lower_ in cues.patron_words and t.n_lefts + t.n_rights > 0)
    ]
    name = " ".join([*words, head.text])
    # "the Army of Conquest": a name goes on through "of" and a name ("Army" alone would
    # read as a state's army).
    owner = prep_object(head, ("of",)) if head.pos_ == "PROPN" else None
    if owner is not None and owner.pos_ == "PROPN":
        name += " of " + " ".join(t.text for t in owner.subtree if t.pos_ == "PROPN")
    return name


def _armed_body(head: Token, cues: Cues) -> str | None:
    """The fighters a group noun names when a fighter word qualifies it ("the terrorist
    organizations" -> "terrorists", "militant factions" -> "militants") or "armed" does
    ("armed groups"); None for any other group noun or none."""
    if head.lemma_.lower() not in cues.armed_bodies:
        return None
    qualifiers = [t for t in head.lefts if t.dep_ in ("amod", "compound")]
    fighter = next((t for t in qualifiers if t.lemma_.lower() in cues.hit_fighter_words), None)
    if fighter is not None:
        return fighter.lemma_.lower() + "s"  # "an armed terrorist group": terrorists
    if any(t.lower_ == "armed" for t in qualifiers):
        return f"armed {head.lower_}"
    return None


def member_of(tok: Token, matches: Sequence[ActorMatch], cues: Cues) -> ActorMatch | None:
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
            match = actor_in(rng, matches)
            if match is not None:
                return match
    return None


@dataclass
class Roles:
    agent: Token | None = None
    patient: Token | None = None


def subject_of(tok: Token) -> Token | None:
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
            return subject_of(tok.head)
        # "fighters attacking a base" did it; "fighters killed in shelling" underwent it.
        return None if _reduced_passive(tok) else tok.head
    return None


def _swallowed_subject(tok: Token) -> Token | None:
    """The subject an opening phrase of place swallowed: in "In the province of Idlib
    Nusra Front members kidnapped a priest" the parser makes "members" the object of
    "of", and the finite verb right after it has no subject. The phrase must hold a
    proper name besides its last word."""
    if tok.tag_ not in ("VBD", "VBZ", "VBP") or tok.i == 0:
        return None
    before = tok.doc[tok.i - 1]
    if before.pos_ not in ("NOUN", "PROPN") or before.dep_ != "pobj":
        return None
    opening = [c for c in tok.children if c.dep_ == "prep" and c.i < tok.i]
    phrase = next((c for c in opening if c.right_edge.i == before.i), None)
    # The phrase holds a name besides its last word ("of Idlib Nusra Front members");
    # "In the hours leading up to Saturdays attacks" holds none, "Saturdays" no subject.
    if phrase is None or not any(t.pos_ == "PROPN" and t.i != before.i for t in phrase.subtree):
        return None
    return before


def is_passive(tok: Token) -> bool:
    """A verb told in the passive ("were killed", headlines' "3 killed")."""
    return _reduced_passive(tok) or any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)


def _reduced_passive(tok: Token) -> bool:
    """A past participle without "have" or an object: headlines' passive ("Turkish soldier
    killed", "civilians killed in Idlib"), whose subject or head noun is the victim."""
    if tok.tag_ != "VBN" or tok.dep_ not in ("ROOT", "acl", "conj", "advcl"):
        return False
    return not any(
        c.dep_ in ("dobj", "obj", "auxpass") or (c.dep_ == "aux" and c.lemma_.lower() == "have")
        for c in tok.children
    )


def by_phrase(verb: Token) -> Token | None:
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
        agent = by_phrase(verb) if verb.lemma_.lower() in agent_verbs else None
        # "carried out by A or B": a guess between doers names none of them.
        if agent is not None and not any(
            t.dep_ == "cc" and t.lower_ in ("or", "nor") for t in agent.subtree
        ):
            return agent
    return None


def read_roles(
    tok: Token, mutual: bool = False, agent_verbs: frozenset[str] = frozenset()
) -> Roles:
    """Agent and patient of a trigger token from the dependency parse; for a mutual act
    (a clash) also the other side of "with" ("clashed with rebels"); for an event noun
    the "by" phrase of one of `agent_verbs` attached to it ("an attack carried out by A")."""
    roles = Roles()
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
        elif reduced and roles.patient is None and tok.dep_ == "advcl":
            # "Injured in the attack, the driver died": the main clause's subject did.
            roles.patient = subject_of(tok.head)
        if roles.agent is None and not passive:
            roles.agent = subject_of(tok) or _swallowed_subject(tok)
        for child in tok.children:
            # "X clashed with Y", "fighting broke out between X and Y"
            if child.dep_ == "prep" and child.lower_ in sides:
                read_between(child, roles)
        if tok.lemma_.lower() in _UNDERGOER_VERBS:
            # "A child dies": the subject of an unaccusative verb is the victim.
            roles.patient, roles.agent = roles.agent, None
    else:
        for child in tok.children:
            if child.dep_ == "poss":
                roles.agent = child
                if child.pos_ == "PRON" and tok.dep_ in ("dobj", "obj") and tok.head.pos_ == "VERB":
                    # "The regime forces continued their attacks": the pronoun is the
                    # subject of the verb the act is the object of.
                    roles.agent = subject_of(tok.head) or child
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
                read_between(child, roles)
        head = tok.head
        if roles.agent is None:
            # "killed in an attack carried out by A": A sits too far up the parse for the
            # nearest-name fallback, yet the verb of doing says A did the act.
            roles.agent = _done_by(tok, agent_verbs)
        # The phrase the verb governs: the act itself, or the count whose "of" phrase it
        # is ("Hamas militants fired dozens of rockets": "dozens" is the verb's object).
        phrase = tok
        if tok.dep_ == "pobj" and head.lower_ == "of" and a_count(head.head):
            phrase = head.head
        verb = phrase.head
        if roles.agent is None and phrase.dep_ in ("dobj", "obj") and verb.pos_ == "VERB":
            roles.agent = subject_of(verb)
        if roles.agent is None and phrase.dep_ in ("nsubj", "nsubjpass"):
            for sib in verb.children:
                if sib.dep_ in ("dobj", "obj") and roles.patient is None:
                    roles.patient = sib
    return roles


def a_count(tok: Token) -> bool:
    """A number or a word of number standing as a noun ("dozens of", "30 of", "a number
    of": read with the words before it and its "of")."""
    if tok.like_num:
        return True
    if tok.pos_ != "NOUN":
        return False
    if find_quantities(tok.text):
        return True
    doc = tok.doc
    if tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "of":
        return False
    # The quantity must be the noun's own ("a number of"), not a number before it ("Seven
    # field commanders of various levels").
    first = doc[tok.left_edge.i]
    at = tok.idx - first.idx
    phrase = doc[first.i : tok.i + 2].text
    return any(q.start <= at < q.end for q in find_quantities(phrase))


def read_between(prep: Token, roles: Roles) -> None:
    """The sides of "between X and Y" or "between X against Y" (agent X, patient Y), or the
    other side of "with Y"."""
    pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
    if pobj is None:
        return
    other = next((g for g in pobj.children if g.dep_ == "conj"), None)
    if prep.lower_ == "between" and other is None:
        # "fighting between al-Zenki against Tahrir al-Sham": monitors' "between ...
        # against" names the two sides too.
        other = prep_object(pobj, ("against",))
    if prep.lower_ == "between" and other is not None:
        roles.agent = roles.agent or pobj
        roles.patient = roles.patient or other
    elif prep.lower_ == "with" and roles.patient is None:
        roles.patient = pobj


def prep_object(tok: Token, preps: tuple[str, ...]) -> Token | None:
    """The object of the first of a token's prepositions that is one of `preps` ("the
    death of a child": child)."""
    prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in preps), None)
    return None if prep is None else next((g for g in prep.children if g.dep_ == "pobj"), None)


def conjoined(tok: Token) -> list[Token]:
    """The words a token is coordinated with: its conjuncts, and its head if it is one."""
    partners = [c for c in tok.children if c.dep_ == "conj"]
    if tok.dep_ == "conj":
        partners.append(tok.head)
    return partners


def suffered_in(tok: Token, cues: Cues) -> Token | None:
    """The object of a casualty noun's "in" / "among" ("losses in the rebels"); none
    when it names several ("among both soldiers and civilians")."""
    if tok.lemma_.lower() not in cues.toll_nouns:
        return None
    pobj = prep_object(tok, ("in", "among"))
    if pobj is None or any(g.dep_ == "conj" for g in pobj.children):
        return None
    return pobj


def suffering_in(tok: Token, cues: Cues) -> Token | None:
    """The object of a casualty noun's "in" / "among", however many it names; a death
    noun's is on the noun it modifies ("the death toll in the ranks of A and B")."""
    lemma = tok.lemma_.lower()
    if tok.pos_ != "NOUN" or lemma not in cues.toll_nouns | cues.kill:
        return None
    return prep_object(tok.head if tok.dep_ == "compound" else tok, ("in", "among"))


def _own_range(tok: Token) -> tuple[int, int]:
    """Character range of a noun and its modifiers, without its "of" phrase or conjuncts."""
    toks = [tok]
    for child in tok.lefts:
        toks.extend(child.subtree)
    for child in tok.rights:
        if child.dep_ in ("compound", "flat", "appos"):
            toks.extend(child.subtree)
    return min(t.idx for t in toks), max(t.idx + len(t) for t in toks)


def coordinated_sides(
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
        match = actor_in((start - offset, end - offset), matches)
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


def speech_frame(tok: Token, cues: Cues) -> Token | None:
    """The speech verb ("said", "claimed") whose reported clause contains the token."""
    node = tok
    while node.head.i != node.i:
        parent = node.head
        if parent.lemma_.lower() in cues.speech and node.dep_ in ("ccomp", "parataxis", "xcomp"):
            return parent
        accuser = _accusing_verb(node, cues)
        if accuser is not None:
            # "accused rebels of launching the chemical attacks", "blamed IS for the
            # bombing": what the accusation says was done.
            return accuser
        node = parent
    return None


def _accusing_verb(node: Token, cues: Cues) -> Token | None:
    """The verb of `cues.accuse` whose "of" or "for" phrase holds `node` ("accused rebels
    of launching", "blamed IS for the bombing"), the phrase hung on the verb or on its
    object, as the parser may hang it. ("IS claimed responsibility for the attack" is no
    accusation: who claims it did it.)"""
    prep = node.head
    if node.dep_ not in ("pcomp", "pobj") or prep.lower_ not in ("of", "for"):
        return None
    verb = prep.head
    if verb.dep_ in ("dobj", "obj") and verb.head.lemma_.lower() in cues.accuse:
        verb = verb.head
    return verb if verb.lemma_.lower() in cues.accuse else None


def accused(speech: Token, cues: Cues) -> Token | None:
    """Whom an accusation names as the doer: the object of a verb of `cues.accuse`
    ("accused rebels of launching ...", "blamed IS for the bombing")."""
    if speech.lemma_.lower() not in cues.accuse:
        return None
    return next((c for c in speech.children if c.dep_ in ("dobj", "obj")), None)


def responding_verb(tok: Token, cues: Cues) -> Token | None:
    """The verb whose subject responds to the act an event noun names ("condemned the
    attack", "reacted to the massacre"), if the noun is its object or the object of one of
    its response prepositions."""
    if tok.pos_ in ("VERB", "AUX"):
        return None
    tok = _phrase_head(tok)
    head = tok.head
    if tok.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in cues.respond_preps:
        head = head.head
    elif tok.dep_ not in ("dobj", "obj"):
        return None
    if head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in cues.respond:
        return head
    return None


def _phrase_head(tok: Token) -> Token:
    """The noun a trigger word modifies, if it does ("gas" in "a poison gas attack")."""
    while tok.dep_ in ("compound", "amod") and tok.head.pos_ in ("NOUN", "PROPN"):
        tok = tok.head
    return tok


def occasioned_verb(tok: Token, cues: Cues) -> Token | None:
    """The verb whose act an event noun only occasions: the noun's phrase says why it was
    done ("imposed sanctions in response to a gas attack", "moved warships over an
    alleged attack"). A phrase of time ("advance after clashes") is not one: in news the
    same side often did both."""
    tok = _phrase_head(tok)
    if tok.pos_ in ("VERB", "AUX") or tok.dep_ != "pobj" or tok.head.dep_ != "prep":
        return None
    prep = tok.head
    before = tok.doc[prep.i - 1] if prep.i > 0 else None
    # "in response to", "in retaliation for": the noun before the preposition says why,
    # wherever the parser attached the preposition.
    if not (
        prep.lower_ in cues.reason_preps
        or (before is not None and before.lemma_.lower() in cues.reason_nouns)
    ):
        return None
    head = prep.head
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    return head if head.pos_ in ("VERB", "AUX") else None


def tree_distance(a: Token, b: Token) -> int:
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


def time_distance(doc: Doc, expr: TimeExpression, offset: int, trigger: Token) -> int:
    """Parse-tree distance from a time expression to the trigger (99 when unknown)."""
    span = doc.char_span(expr.start + offset, expr.end + offset, alignment_mode="expand")
    return tree_distance(span.root, trigger) if span is not None else 99


def in_relative_clause(tok: Token) -> bool:
    return tok.dep_ == "relcl" or any(a.dep_ == "relcl" for a in tok.ancestors)


def in_where_clause(tok: Token) -> bool:
    """A word in a relative clause that "where" opens: one that describes a place
    ("Daraa province, where rebels have been advancing")."""
    for node in (tok, *tok.ancestors):
        if node.dep_ == "relcl":
            return any(c.lower_ == "where" for c in node.children)
    return False


def describes_party(tok: Token, participles: Collection[str]) -> bool:
    """A word in a participle of `participles` on a noun ("18 rebels fighting against
    Daesh", "Kurdish fighters backed by air strikes"): the participle says whose side the
    noun's people are on or who helps them, not what happened."""
    return any(
        t.dep_ == "acl"
        and t.tag_ in ("VBG", "VBN")
        and t.head.pos_ in ("NOUN", "PROPN")
        and t.lemma_.lower() in participles
        for t in (tok, *tok.ancestors)
    )


def headline_head(tok: Token) -> bool:
    """The head of a verbless headline ("Casualties in Idlib") or the subject of its main
    verb ("Clashes continue in Aleppo"): in a headline, what it reports."""
    if tok.pos_ != "NOUN":
        return False
    if tok.dep_ == "ROOT":
        return True
    return tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "ROOT"
