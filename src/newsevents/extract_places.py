"""Place names in a sentence: runs the gazetteer accepts, less those the parse shows are
something else (a credit line, an organisation, a person, a weapon).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.tokens import Doc, Span, Token

from newsevents.extract_context import Cues, ExtractContext
from newsevents.extract_persons import person_run
from newsevents.resolve.actors import ActorMatch
from newsevents.resolve.english_words import is_english_word
from newsevents.tokenview import TokenView, token_view

_MAX_PLACE_TOKENS = 6


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
    a verb's object the subject of a later verb, countries the sentence does not put the
    event in (`_country_told_as_where`: "loyal to Turkey", "its ally Russia", "fighters
    from Uzbekistan"), and the tail of a proper-noun run whose head is
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
    kept = [
        span
        for span in spans
        if not _blocked_place(span, ctx, actor_matches, excluded)
        # A dateline glued after a scraped date names where the report was filed, like
        # one in capitals ("BEIRUT At least 15 ..."), which is never read as a place.
        and not _after_a_date(span, ctx)
    ]
    told = [span for span in kept if not _dateline(span)]
    # "MOSCOW (Sputnik) Over 130 people were killed near Aleppo": where the report was
    # filed gives way to a place the sentence tells; alone, it is all there is.
    return told or kept


# A source credited after a headline's dash takes a few words ("- YPG, monitor").
_CREDIT_TAIL = 6


def _blocked_place(
    span: Span, ctx: ExtractContext, actor_matches: Sequence[ActorMatch], excluded: set[int]
) -> bool:
    """Is a place name found in a sentence not where its event happened (see
    find_place_spans)?"""
    doc = span.doc
    text = token_view(doc).text
    if any(i in excluded for i in range(span.start, span.end)):
        return True
    # "US-backed", "IS-held": the name modifies an actor, it is not the place.
    after = text[span.end] if span.end < len(text) else ""
    # A spaced dash before a source a headline credits ("in Idlib - army") ends the
    # sentence's account: the parse's tie across it (Idlib a compound of "army") is no
    # modifier.
    credited = after in ("-", "\u2013")
    if credited and _dash_modifies(span, ctx):
        return True
    if text[span.end - 1].endswith("-"):
        return True
    if after.lower() in ctx.cues.based_words:
        return True  # "the London based monitor": "London-based" with its hyphen lost
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
    elif _after_locative(span, ctx.cues):
        pass  # "In Aleppo government forces shelled ...", read as "Aleppo" forces
    elif credited:
        pass  # "in northern Syria - monitors", read as the monitors' modifier
    elif span.root.dep_ in ("poss", "amod") or (
        span.root.dep_ == "nsubj" and not _object_misread(span, ctx.cues.place_nouns)
    ):
        return True
    if _names_a_patron(span, ctx) or _named_as_doer(span, ctx):
        # "militias loyal to Damascus", "attacks carried out by Washington"
        return True
    if ctx.country_for(span.text) is not None and not _country_told_as_where(span, ctx):
        return True  # "Russia and China vetoed", "its ally Russia", "fighters from Uzbekistan"
    if ctx.capital_for(span.text) is not None and _capital_as_government(span, ctx, actor_matches):
        return True  # "Washington accused Moscow", "prompted Washington to act"
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


def _dateline(span: Span) -> bool:
    """A place in capitals before the agency in brackets that a dateline credits ("MOSCOW
    (Sputnik)", "DAMASCUS, Syria (AP)"), wherever a scraped text left it: where the report
    was filed."""
    letters = [c for c in span.text if c.isalpha()]
    if len(letters) < 3 or not all(c.isupper() for c in letters):
        return False
    doc = span.doc
    for tok in doc[span.end : span.end + 4]:
        if tok.text == "(":
            return True
        if not (tok.text == "," or tok.is_title or tok.is_upper):
            return False
    return False


def _after_a_date(span: Span, ctx: ExtractContext) -> bool:
    """A place written right after a date that names its month, before the story's first
    word ("Last updated at Feb 022015 Beirut Syrian government air strikes ...",
    "Published February 23 2015 Beirut ..."): a dateline a scraper glued to the text."""
    doc = span.doc
    at = span.start
    if at < 2 or span.end >= len(doc) or not doc[span.end].text[:1].isupper():
        return False
    before = doc[max(0, at - 3) : at]
    return before[-1].like_num and any(t.lower_.rstrip(".") in ctx.cues.months for t in before)


def _country_told_as_where(span: Span, ctx: ExtractContext) -> bool:
    """Whether the sentence puts its event in the country `span` names: after a preposition
    of place ("in Syria"), as what an event word struck ("bombed Syria", "strikes on
    Syria"), as the country of a place word ("areas of Syria", "a Syria town"), or as the
    label a headline opens with ("Syria conflict: car bomb kills 11"). Anywhere else a
    country names a party, not a place (data/extract_cues.yaml)."""
    if _in_aside(span, ctx):
        return False
    if _headline_label(span):
        return True
    first = _first_conjunct(span.root)
    head = first.head
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    if first.dep_ == "pobj" or before in ctx.cues.country_place_preps:
        prep = head.lower_ if first.dep_ == "pobj" else before
        if prep in ctx.cues.country_place_preps:
            if first.dep_ == "pobj" and _where_a_party_stays(head.head, ctx):
                return False  # "attackers are based in Afghanistan", "with bases in Iraq"
            # "Nusra Front (banned in Russia)", "militants based in Afghanistan": the place
            # of what a participle says of a noun, not of the event.
            verb = head.head
            return not (verb.dep_ in ("acl", "relcl") and not _event_word(verb, ctx))
        if prep in ctx.cues.country_target_preps:
            return _event_word(head.head, ctx) or _place_word(head.head, ctx)
        return False
    if first.dep_ == "compound":
        return _place_word(head, ctx)
    return first.dep_ in ("dobj", "nsubjpass") and _event_word(head, ctx)


def _capital_as_government(
    span: Span, ctx: ExtractContext, actor_matches: Sequence[ActorMatch]
) -> bool:
    """Whether a capital's name stands for its government: the object of a verb of
    politics (`government_verbs`: "Washington accused Moscow", "prompted Washington to
    act", "calling on Washington"), or joined to a party or another capital or country
    ("negotiations between the UN and Damascus", "Washington and Moscow at loggerheads").
    Elsewhere it is the city ("rocket shells at Damascus", "a Damascus car bomb"), and
    so it is wherever a country would be a place ("Rebels target Damascus and Dahya
    al-Assad": what the event word struck)."""
    if _country_told_as_where(span, ctx):
        return False
    root = span.root
    verbs = ctx.cues.government_verbs
    head = root.head
    if root.dep_ in ("dobj", "iobj") and head.lemma_.lower() in verbs:
        return True
    if root.dep_ == "pobj" and head.lower_ in ("on", "upon") and head.head.lemma_.lower() in verbs:
        return True
    partners = [head] if root.dep_ == "conj" else []
    partners += [c for c in root.children if c.dep_ == "conj"]
    for partner in partners:
        name = span.doc[partner.left_edge.i : partner.i + 1]
        if ctx.country_for(name.text) or ctx.capital_for(partner.text):
            return True
        s, e = name.start_char - span.doc[0].idx, name.end_char - span.doc[0].idx
        if any(m.start < e and s < m.end for m in actor_matches):
            return True
    return False


def _names_a_patron(span: Span, ctx: ExtractContext) -> bool:
    """Whether the place is the patron a word of allegiance gives a party ("militias loyal
    to Damascus", "fighters backed by Ankara"): the government it stands for, not where
    anything happened. The word must describe a noun that is neither an event word nor a
    place word ("villages linked to Aleppo" are places)."""
    first = _first_conjunct(span.root)
    if first.dep_ != "pobj" or first.head.lower_ in ctx.cues.country_place_preps:
        return False  # "militants allied to IS in Aleppo countryside": where they were
    word = first.head.head
    if word.lower_ not in ctx.cues.patron_words:
        return False
    owner = _first_conjunct(word).head if word.dep_ == "conj" else word.head
    return (
        owner.i != word.i
        and owner.pos_ in ("NOUN", "PROPN", "PRON")
        and not _event_word(owner, ctx)
        and not _place_word(owner, ctx)
    )


def _named_as_doer(span: Span, ctx: ExtractContext) -> bool:
    """Whether the place is who did the act, by a passive's "by" ("the attacks carried out
    by Washington", "the town was shelled by Damascus") or an event noun's ("strikes by
    Moscow"): the government it stands for, not where the act happened."""
    first = _first_conjunct(span.root)
    if first.dep_ != "pobj" or first.head.lower_ != "by":
        return False
    prep = first.head
    return prep.dep_ == "agent" or _event_word(prep.head, ctx)


def _where_a_party_stays(word: Token, ctx: ExtractContext) -> bool:
    """Whether a word tells where a party stays ("based", "bases", "hideouts"), unless it
    is what an event word struck ("strikes on militant hideouts", "bombed their bases")."""
    stays = ctx.cues.residence_words
    if word.lemma_.lower() not in stays and word.lower_ not in stays:
        return False
    if word.dep_ in ("dobj", "nsubjpass"):
        return not _event_word(word.head, ctx)
    if word.dep_ == "pobj" and word.head.lower_ in ctx.cues.country_target_preps:
        return not _event_word(word.head.head, ctx)
    return True


def _headline_label(span: Span) -> bool:
    """A headline's opening label before a colon ("Syria:", "Syria civil war:")."""
    doc = span.doc
    for i in range(span.end, min(span.end + 3, len(doc))):
        if doc[i].text == ":":
            return all(t.pos_ not in ("VERB", "AUX") for t in doc[:i])
    return False


def _place_word(tok: Token, ctx: ExtractContext) -> bool:
    return tok.lemma_.lower() in ctx.cues.place_nouns or tok.lower_ in ctx.cues.place_nouns


def _in_aside(span: Span, ctx: ExtractContext) -> bool:
    """Whether the name stands in brackets that say something else than the event:
    "Jabhat Fatah al-Sham (banned in Russia)" tells where the group is banned; "(in
    Lebanon)", with no verb, may still place the event."""
    doc = span.doc
    text = token_view(doc).text
    start = span.start - 1
    while start >= 0 and text[start] not in ("(", ")"):
        start -= 1
    end = span.end
    while end < len(text) and text[end] not in ("(", ")"):
        end += 1
    if start < 0 or end >= len(text) or text[start] != "(" or text[end] != ")":
        return False
    inside = doc[start + 1 : end]
    return any(t.pos_ == "VERB" for t in inside) and not any(_event_word(t, ctx) for t in inside)


def _event_word(tok: Token, ctx: ExtractContext) -> bool:
    """Whether a word is one of the lexicon's event words, by lemma or as written."""
    by_lemma = ctx.lexicon.by_lemma
    return tok.lemma_.lower() in by_lemma or tok.lower_ in by_lemma


def _first_conjunct(tok: Token) -> Token:
    """The first of coordinated words ("Iran" of "Iran and Russia"), which holds their
    role in the sentence."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok


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


def _after_locative(span: Span, cues: Cues) -> bool:
    """A name right after the preposition of place that opens the sentence, which the
    parse did not make its object ("In Aleppo government forces shelled ...", with
    "Aleppo" an adjective of "forces"): where the sentence puts what it tells."""
    if span.start != 1 or span.root.dep_ == "pobj":
        return False
    prep = span.doc[0]
    return prep.pos_ == "ADP" and prep.lower_ in cues.locative_preps


def _object_misread(span: Span, place_nouns: frozenset[str]) -> bool:
    """A name the parser made a subject right after a verb ("Raids target the Eastern
    Ghouta leave casualties" read with "Ghouta" as the subject of "leave"): what follows
    a verb is its object, a place, not an actor. So is a name right after a place noun
    ("shells on the capital Damascus leave losses"): the place the noun names."""
    doc = span.doc
    i = span.start - 1
    if i >= 0 and doc[i].pos_ == "NOUN" and doc[i].lower_ in place_nouns:
        return doc[i].i < span.root.head.i
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
    head = span.root.head
    # "Afrin's bombing", "Zardana's massacre", "Douma 'chemical attack'", "Aleppo battle"
    # (the name tagged an adjective): a town that owns or qualifies an event noun is where
    # it happened; a country there names an attacker ("Turkey's shelling").
    if (
        span.root.dep_ in ("poss", "amod")
        and head.i > span.root.i
        and head.pos_ == "NOUN"
        and _event_word(head, ctx)
    ):
        return ctx.country_for(span.text) is None
    owned = _possessed(span)
    if owned is not None and (_event_word(owned, ctx) or owned.lemma_.lower() in ctx.cues.people):
        # The same when the parse hangs the possessive elsewhere ("the casualties of
        # Afrin's massacre increases", read with "increases" as what Afrin owns), and for
        # its people ("gunmen of Kafar Takharim's residents"): the residents of a town.
        return ctx.country_for(span.text) is None
    nxt = doc[span.end]
    if not nxt.lower_.endswith("ing"):
        return False
    if not _event_word(nxt, ctx):
        return False
    return ctx.country_for(span.text) is None


def _possessed(span: Span) -> Token | None:
    """The noun written right after a possessive name ("Afrin" in "Afrin's massacre"),
    whatever the parse made its head."""
    doc = span.doc
    if span.root.dep_ != "poss" or span.end + 1 >= len(doc) or doc[span.end].dep_ != "case":
        return None
    owned = doc[span.end + 1]
    return owned if owned.pos_ == "NOUN" else None


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

    # A capitalised word the small model tags as a gerund after a preposition or
    # article ("air strikes in Sagaing region", "a rally in Reading"): mid-sentence, a
    # name. The gazetteer still decides.
    ing_name = [
        i > 0 and view.tag[i] == "VBG" and view.is_title[i] and pos[i - 1] in ("ADP", "DET")
        for i in range(n)
    ]

    def opens(i: int) -> bool:
        if view.is_punct[i]:
            return False  # "Maarat al-Numan": no name starts at its hyphen
        if pos[i] == "PROPN" or lower[i] in directions or common[i] or adj_name[i]:
            return True
        if ing_name[i]:
            return True
        if not geoparse and pos[i] == "NOUN" and _noun_as_name(view, i, ctx):
            return True
        # Geoparsing also reads capitalised adjectives and nouns: "Syrian", "BAGHDAD".
        return geoparse and view.is_alpha[i] and text[i][:1].isupper()

    def name_like(i: int) -> bool:
        if pos[i] in ("PROPN", "NOUN") or common[i] or adj_name[i] or ing_name[i]:
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
        if _possessive_of_place(view, i, is_place):
            # "Syrias Idlib province" in text scraped without apostrophes: the place the
            # name owns is read on its own.
            i += 1
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


def _possessive_of_place(view: TokenView, i: int, is_place: Callable[[str], bool]) -> bool:
    """Whether token `i` is a place's possessive whose apostrophe was lost ("Syrias Idlib
    province", "Aleppos Khalidiye district"): a capitalised word ending in "s" that is no
    place, the name before the "s" is one, and a name or noun follows."""
    word = view.text[i]
    if len(word) < 5 or not word.endswith("s") or not view.is_title[i] or i + 1 >= len(view):
        return False
    if view.pos[i + 1] not in ("PROPN", "NOUN", "ADJ"):
        return False
    return is_place(word[:-1]) and not is_place(word)


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
        # "civilians of Kafar Jalis", "the shelling of Tal Touqan", "the massacre of Hish";
        # "the assassination of X" names a victim, while a weapon or method ("shelling",
        # "explosions") is done to a place.
        before = doc[first - 2]
        if before.lemma_.lower() in ctx.cues.people or (
            before.pos_ == "NOUN" and before.lemma_.lower() in ctx.cues.place_of_events
        ):
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
