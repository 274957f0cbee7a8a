"""The dead and injured an event mention counts: numbers on victims, tolls, single
victims named, and counts shared by coordinated or partitive phrases.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsevents.analyse import Sentence
from newsevents.extract_context import Cues, ExtractContext
from newsevents.extract_syntax import (
    conjoined,
    doc_text,
    np_range,
    prep_object,
    read_roles,
    subject_of,
)
from newsevents.org_phrases import load_org_rules
from newsevents.resolve.actors import ActorMatch
from newsevents.resolve.numbers import find_quantities, lives_lost_verbs
from newsevents.tokenview import token_view


def _quantity_for(head: Token | None, text_offset: int, sentence: Sentence) -> int | None:
    """The count of a victim phrase ("more than 200 people" -> 200), if it states one."""
    if head is None:
        return None
    start, end = np_range(head)
    phrase = sentence.text[start - text_offset : end - text_offset]
    quantities = find_quantities(phrase)
    return quantities[0].value if quantities else None


@dataclass(frozen=True)
class _Toll:
    """A sentence's killed and injured counts; `update`: a toll brought up to date ("the
    death toll rises to 20"); `stated`: a toll stated ("the death toll was put at 8");
    `single`: the one dead of "a soldier was killed", no number."""

    killed: int | None
    injured: int | None
    update: bool = False
    single: bool = False
    stated: bool = False  # "the death toll was put at 8": a toll stated, maybe again


def casualties(
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
    view = token_view(doc)
    for i in range(len(view)) if tokens is None else tokens:
        lemma = view.lemma[i]
        is_kill = lemma in cues.kill or (view.pos[i] == "NOUN" and lemma in cues.dead_count)
        is_injure = lemma in cues.injure
        if not (is_kill or is_injure):
            continue
        tok = view.tokens[i]
        value: int | None = None
        if _read_as_verb(tok):
            roles = read_roles(tok)
            roles.patient = roles.patient or _of_object(tok)
            if is_kill and counts_the_hurt(roles.patient, cues):
                # "57 Civilians killed More than 150 Injured": the parser made the hurt's
                # count the object; the dead are the headline's subject.
                roles.patient = None
                value = _adjacent_count(doc, tok, cues)
                subject = subject_of(tok)
                if value is None:
                    value = _quantity_for(subject, doc[0].idx, sentence)
                if value is not None:
                    killed = killed if killed is not None else value
                elif subject is not None and _one_person(subject, cues, named):
                    single = True  # "Girl child killed two others injured": one dead
                continue
            value = _own_count(tok)
            if value is None and tok.dep_ == "acl" and roles.patient in (None, tok.head):
                # "Five children and four medical staff killed by airstrikes": the
                # participle after a list of people tells of all of it, not its last part.
                value = _conjunct_sum(_coordination_of(tok.head, cues), cues, named)
            if value is None:
                value = _conjunct_sum(roles.patient, cues, named)
            if value is None:
                value = _quantity_for(roles.patient, doc[0].idx, sentence)
            if value is None and tok.dep_ in ("acl", "relcl", "amod"):
                value = _quantity_for(tok.head, doc[0].idx, sentence)
                if value is None:
                    value = _count_of_whole(tok.head, cues)
            if value is None and lemma in cues.subject_dies:
                value = _quantity_for(subject_of(tok), doc[0].idx, sentence)
            if value is None and roles.patient is None:
                value = _count_after(doc, tok, cues)
            if value is None:
                # "killed 12 civilians on Monday, the deadliest attack since ...": the
                # parser made the apposition a second object, and the role the last one.
                for obj in (c for c in tok.children if c.dep_ == "dobj" and c is not roles.patient):
                    value = _quantity_for(obj, doc[0].idx, sentence)
                    if value is not None:
                        break
        elif lemma not in cues.kill:
            # "7 casualties in an air strike", "dozens of casualties": only a count written
            # on the noun itself ("more casualties raise the toll to 15" is a toll update).
            if _with_injured(tok, cues) or cues.toll_span.search(doc.text) is not None:
                continue  # "40 casualties and wounded", "340 casualties in 25 days"
            value = _quantity_for(tok, doc[0].idx, sentence)
            if value is None:
                value = _count_of_whole(tok, cues)
            if value is None:
                continue
        elif tok.dep_ == "pobj" and tok.head.lower_ in cues.timing:
            continue  # "after the killing of 30 of their members, the army attacks"
        elif lemma in cues.counted_acts:
            continue  # "Two massacres in Khan Shaykhun kill 13": two acts, not two dead
        else:
            # "12 dead", "the death toll rose to 15", "15 deaths"
            value = _quantity_for(tok, doc[0].idx, sentence)
            if (
                value is None
                and tok.dep_ in ("nsubj",)
                and cues.toll_span.search(doc[tok.i :].text) is None
            ):
                # "the death toll rose to 15" (not "... to 620 in 12 days": a running total)
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
                value = _quantity_for(subject_of(tok.head), doc[0].idx, sentence)
        if value is None and tok.dep_ in ("conj", "ROOT", "acl", "amod"):
            # "... and more than 200 wounded", "2 Syrian children killed": the count stands
            # right before the word or its people noun (not "Tens of air raids kill ...",
            # which counts the raids).
            value = _count_before(doc, tok, cues)
        if value is None and is_kill and not _read_as_verb(tok):
            # "shot dead a driver and a nurse", "the deaths of a man and his son": the
            # people its act or noun tells of, added up as for a verb's objects; "left 12
            # soldiers dead": the count of the people it tells of.
            victim = _victim_of(tok, cues)
            value = _conjunct_sum(victim, cues, named)
            if value is None and victim is not None and tok.dep_ in ("oprd", "acomp"):
                # (Not "left dozens dead or injured": one figure for both counts neither.)
                after = doc[tok.i + 1 : tok.i + 3]
                shared = len(after) == 2 and after[0].lower_ in ("or", "and")
                if not (shared and after[1].lemma_.lower() in cues.injure):
                    value = _quantity_for(victim, doc[0].idx, sentence)
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
    if killed is None:
        # "The death toll from the attacks was put at 8 civilians in addition to 12
        # injured": a toll stated beside a count of the hurt.
        total, hurt, rising = _toll_update(doc, cues, tokens)
        if total is not None or (hurt is not None and injured is None):
            hurt = injured if injured is not None else hurt
            return _Toll(total, hurt, update=rising, stated=not rising)
    if killed is None and single:
        # A stated count, even one for a toll, outranks this reading: "a soldier was
        # killed, raising the toll to 20" gives 20.
        return _Toll(1, injured, single=True)
    return _Toll(killed, injured)


def _own_count(tok: Token) -> int | None:
    """A count the parser hung on a participle itself ("57 Civilians killed More than 150
    Injured": 150 counts the injured, not the civilians their subject)."""
    for child in tok.lefts:
        if child.dep_ == "nummod":
            quantities = find_quantities(tok.doc[child.left_edge.i : child.i + 1].text)
            if quantities:
                return quantities[-1].value
    return None


def _adjacent_count(doc: Doc, tok: Token, cues: Cues) -> int | None:
    """The number right before a kill word or its people noun ("Thu Apr 7 2016 2 Civilians
    Killed": 2), read alone so that a dateline's day and year before it are no part of it."""
    k = tok.i - 1
    while k >= 0 and tok.i - k <= _NOUNS_BEFORE and doc[k].pos_ in ("NOUN", "PROPN"):
        if doc[k].pos_ == "NOUN" and doc[k].lemma_.lower() not in cues.people | cues.armed:
            return None
        k -= 1
    if k < 0 or not doc[k].like_num:
        return None
    quantities = find_quantities(doc[k].text)
    return quantities[-1].value if quantities else None


# People nouns a count may stand before ("25 YPG Fighters Killed").
_NOUNS_BEFORE = 3


def counts_the_hurt(patient: Token | None, cues: Cues) -> bool:
    """Is a kill verb's object a count that an injure word describes ("killed More than 150
    Injured", "killed 58 others injured" in headlines that lost their comma)? Then the
    verb is the headline's passive: its subject died."""
    return (
        patient is not None
        and (
            patient.like_num
            or (
                patient.lower_ in cues.rest_nouns
                and any(c.dep_ == "nummod" for c in patient.children)
            )
        )
        and any(
            c.dep_ in ("acl", "amod") and c.lemma_.lower() in cues.injure for c in patient.children
        )
    )


def _with_injured(noun: Token, cues: Cues) -> bool:
    """Is a casualty noun written together with the injured ("40 casualties and wounded",
    "casualties or injuries"), however the parser attached the second word?"""
    rest = noun.doc[noun.i + 1 : noun.i + 3]
    return (
        len(rest) == 2 and rest[0].lower_ in cues.joining and rest[1].lemma_.lower() in cues.injure
    )


def _count_of_whole(noun: Token, cues: Cues) -> int | None:
    """The count of the noun an "of"/"from" phrase hangs from, when a participle attaches
    to that phrase's object ("13 members of the guard killed", "dozens of fighters
    killed"): the dead are the counted members, not the group that names them."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in cues.partitive or prep.head.pos_ != "NOUN":
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


def _coordination_of(noun: Token, cues: Cues) -> Token | None:
    """The first conjunct of the list of nouns a noun ends ("four medical staff" in "five
    children and four medical staff"); None when the noun ends none, when one part is no
    noun ("40 dead and 70 wounded") or when a verb or a word of the dead or hurt stands
    between ("10 people were killed and another 20 wounded": two counts)."""
    if noun.dep_ != "conj" or any(c.dep_ == "conj" for c in noun.children):
        return None
    # Up the list while its parts are counted or determined ("Five children", "a man"):
    # a scraped line's "Date of publication ... Five children and ..." starts no list.
    first = noun
    while first.dep_ == "conj" and any(
        c.dep_ in ("nummod", "det", "poss") for c in first.head.children
    ):
        first = first.head
    if first is noun:
        return None
    between = noun.doc[first.i : noun.i]
    if any(
        t.pos_ in ("VERB", "AUX")
        or t.lemma_.lower() in cues.kill
        or t.lemma_.lower() in cues.injure
        or (t.dep_ == "conj" and t.pos_ not in ("NOUN", "PROPN"))
        for t in between
    ) or first.pos_ not in ("NOUN", "PROPN"):
        return None
    return first


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
        patient = read_roles(tok).patient or _of_object(tok)
        if (patient is None or patient.tag_ in ("WP", "WDT")) and tok.dep_ in ("acl", "relcl"):
            return tok.head  # "a man who was killed", "a commander killed in an ambush"
        return patient
    if tok.dep_ in ("oprd", "acomp", "xcomp", "advcl", "advmod") and _read_as_verb(tok.head):
        patient = read_roles(tok.head).patient
        if patient is None and not any(c.dep_ in ("dobj", "obj") for c in tok.head.children):
            # "Man shot dead in Daraa": with no object, who was shot dead is the subject
            # of a headline's reduced passive.
            return subject_of(tok.head)
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
        return subject_of(tok.head)  # "a man lost his life"
    told = tok.dep_ in _TOLD_DEATH_DEPS or (
        tok.dep_ == "pobj" and tok.head.lower_ in ("in", "to")  # "led to the death of"
    )
    if not told:
        return None
    return prep_object(tok, ("of",))


def _of_object(tok: Token) -> Token | None:
    """The "of" phrase of a gerund told as a noun ("Killing of 5 civilians"): its patient;
    none where the gerund only times or explains another act ("after the killing of")."""
    if tok.tag_ != "VBG" or tok.dep_ not in _TOLD_DEATH_DEPS:
        return None
    return prep_object(tok, ("of",))


def _read_as_verb(tok: Token) -> bool:
    """Is a kill word read as a verb by casualties (its victim is its patient)?"""
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


def person_name(tok: Token, matches: Sequence[ActorMatch], ctx: ExtractContext) -> bool:
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
        for p in conjoined(tok)
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


def _count_after(doc: Doc, tok: Token, cues: Cues) -> int | None:
    """The count written just after an active kill or injure verb the parser gave no
    object, on a people noun ("airstrikes that killed 13 people MSF said": a comma lost
    before "MSF" made "people" a compound); None when other words come between."""
    if tok.tag_ == "VBN" or tok.pos_ != "VERB":
        return None
    for k in range(tok.i + 1, min(len(doc), tok.i + 8)):
        word = doc[k]
        if word.pos_ in ("NOUN", "PROPN") and word.lemma_.lower() in cues.people | cues.armed:
            between = doc[tok.i + 1 : k]
            quantities = find_quantities(between.text) if len(between) else []
            return quantities[-1].value if quantities else None
        if not (word.like_num or word.pos_ in ("NUM", "ADJ") or word.lower_ in cues.count_leads):
            return None
    return None


def _shared_count(tok: Token, cues: Cues) -> bool:
    """Whether a kill or injure word is coordinated with the other kind with nothing
    counted between them, so one figure stands for both ("killed and wounded 20"); not
    when each has an object of its own ("killed a man and injured 3 others")."""
    lemma = tok.lemma_.lower()
    other = cues.kill | cues.dead_count if lemma in cues.injure else cues.injure
    own = any(c.dep_ in ("dobj", "obj") for c in tok.children)
    for partner in conjoined(tok):
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
) -> tuple[int | None, int | None, bool]:
    """A toll brought up to date ("the number of casualties of the massacre rises to 37",
    "more casualties raise the death toll to 34") or stated ("the death toll was put at
    8"): the total its "to" or "at" phrase gives, as the killed or the injured by what
    the verb's subject or object counts, and whether it was brought up to date; nothing
    when that counts both ("the number of people killed and injured") or neither."""
    view = token_view(doc)
    for i in range(len(view)) if tokens is None else tokens:
        lemma = view.lemma[i]
        if lemma in cues.toll_verbs:
            prep = "to"
        elif lemma in cues.toll_at_verbs:
            prep = "at"
        else:
            continue
        tok = view.tokens[i]
        to = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == prep), None)
        if to is None or cues.toll_span.search(doc[tok.i :].text) is not None:
            continue  # no new total, or one over days ("raise it to 823 in 83 days")
        if _follows_an_act(tok):
            continue  # "shelled Jarjanaz, raising the death toll to 123": a running total
        counted: set[str] = set()
        for child in tok.children:
            # "raise to 15, the number of people killed": the total's noun set apart.
            if child.dep_ in ("nsubj", "nsubjpass", "dobj", "obj", "npadvmod", "appos"):
                counted |= _counted_words(child, cues)
        dead = bool(counted & cues.dead_words)
        hurt = bool(counted & cues.injure)
        if dead == hurt:
            continue
        quantities = find_quantities(doc_text(to))
        if quantities:
            value = quantities[0].value
            rising = prep == "to"
            return (value, None, rising) if dead else (None, value, rising)
    return None, None, False


def told_as_outcome(verb: Token) -> bool:
    """Whether a verb is a participle told as what another act brought about ("shelled
    Jarjanaz, raising the death toll to 123", "killing 5 and bringing the toll to 60")."""
    return verb.tag_ == "VBG" and verb.dep_ in ("advcl", "xcomp", "conj", "acl")


def _follows_an_act(verb: Token) -> bool:
    """Whether a toll verb is told as what another act brought about (`told_as_outcome`):
    its total counts that act's dead with those of earlier ones, so it is no count of the
    act. A toll told for itself ("the death toll rose to 43", "more casualties raise the
    toll to 15") is the sentence's main verb; a toll of a named event ("raising the death
    toll of the bombing to 44") is that event's."""
    if not told_as_outcome(verb):
        return False
    # The parser hangs "of/from the bombing" on the toll noun or on the verb.
    holders = [verb, *(c for c in verb.children if c.dep_ in ("dobj", "obj"))]
    return not any(prep_object(h, ("of", "from")) is not None for h in holders)


def _counted_words(head: Token, cues: Cues) -> set[str]:
    """Lemmas telling what a noun phrase counts: its head, modifiers and the verbs of its
    clauses ("civilian martyrs", "people who were killed"), through "the number of"."""
    heads = [head]
    if head.lemma_.lower() in cues.count_nouns:
        pobj = prep_object(head, ("of",))
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
