"""Persons named in an article (their surnames), so that a surname is not read as a
place.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from spacy.tokens import Doc

from newsevents.extract_context import ExtractContext
from newsevents.resolve.english_words import is_english_word
from newsevents.title_case import recase_words
from newsevents.tokenview import TokenView, token_view


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
    if words > 1 and start > i and ctx.is_place(view.span_text(start, j)):
        # "Governor San Salvador" is no name (one word is read below); after a title in
        # lower case ("former judge Francisco Guerrero") a hamlet's name is a person's.
        return None
    # A title before the run in lower case: "judge", not the adjective "major Aleppo".
    titled = (
        start > i
        or (i > 0 and view.lower[i - 1] in titles and view.pos[i - 1] in ("NOUN", "PROPN"))
        or _titled_after(view, j, titles)
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


# Words an appositive may put between its article and the title ("a former judge").
_APPOSITIVE_WORDS = 2


def _titled_after(view: TokenView, j: int, titles: frozenset[str]) -> bool:
    """Whether the name ending before token j is followed by an appositive naming a
    person's title: ", a former judge", ", the mayor"."""
    n = len(view)
    if j + 2 >= n or view.text[j] != "," or view.lower[j + 1] not in ("a", "an", "the"):
        return False
    for k in range(j + 2, min(n, j + 3 + _APPOSITIVE_WORDS)):
        if view.lower[k] in titles and view.pos[k] in ("NOUN", "PROPN"):
            return True
        if not view.is_alpha[k]:
            return False
    return False


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
