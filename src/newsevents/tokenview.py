"""Plain lists of a parsed sentence's token attributes, read once.

Each `doc[i]` or `tok.pos_` builds a Token object and looks a string up; extraction's
scans over every token (place names, person names, trigger and toll words, speech verbs)
read the same few attributes many times over, for every mention of a sentence, so they
read them from one view of the sentence instead.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy
from spacy.attrs import (
    DEP,
    HEAD,
    IDX,
    IS_ALPHA,
    IS_PUNCT,
    IS_TITLE,
    LEMMA,
    LOWER,
    ORTH,
    POS,
    SPACY,
    TAG,
)
from spacy.tokens import Doc, Token


@dataclass(frozen=True)
class TokenView:
    """Per-token attributes of one Doc, indexed by token position; `end` is the character
    offset just past the token (idx + length), both relative to the doc's text; `lemma` is
    the lemma in lower case; `head` the index of the token's head; `space` the whitespace
    after the token; `tokens` the Token objects themselves, built once."""

    doc: Doc
    string: str  # the doc's text (Doc.text joins its tokens anew on every call)
    tokens: tuple[Token, ...]
    text: tuple[str, ...]
    lower: tuple[str, ...]
    lemma: tuple[str, ...]
    pos: tuple[str, ...]
    idx: tuple[int, ...]
    end: tuple[int, ...]
    is_alpha: tuple[bool, ...]
    is_punct: tuple[bool, ...]
    is_title: tuple[bool, ...]
    dep: tuple[str, ...]
    tag: tuple[str, ...]
    head: tuple[int, ...]
    space: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.text)

    def span_text(self, start: int, end: int) -> str:
        """The text of tokens start..end-1, as `doc[start:end].text` gives it."""
        return self.string[self.idx[start] : self.end[end - 1]]


# The views of the last docs read, by the doc's identity: an entry holds its doc, so no
# other doc can take that identity while it is kept. A pass over an article reads its
# sentences again and again; the docs of several articles fit.
_VIEWS: dict[int, TokenView] = {}
_VIEWS_KEPT = 512


def token_view(doc: Doc) -> TokenView:
    """The view of a doc, read once while the doc is among the last ones asked for (the
    attributes of a parse do not change once analyse made it)."""
    view = _VIEWS.get(id(doc))
    if view is not None and view.doc is doc:
        return view
    if len(_VIEWS) >= _VIEWS_KEPT:
        del _VIEWS[next(iter(_VIEWS))]
    view = _VIEWS[id(doc)] = _read_view(doc)
    return view


def _read_view(doc: Doc) -> TokenView:
    """Read the attributes of every token of a doc once: one array read (a Token object
    per word and attribute costs more), then a column per attribute; the text joined from
    the words and their spaces, as Doc.text joins its tokens. The parse's labels and heads
    come in the same read: the role model's tree of each sentence needs them, and a
    separate array read costs as much as this whole one."""
    array = doc.to_array(
        [ORTH, LOWER, LEMMA, POS, IDX, IS_ALPHA, IS_PUNCT, IS_TITLE, SPACY, DEP, TAG, HEAD]
    )
    table: list[list[int]] = array.tolist()
    # Heads are signed offsets, stored in the unsigned array: read back as signed.
    offsets: list[int] = array[:, 11].astype(numpy.int64).tolist()
    strings = doc.vocab.strings
    text = tuple([strings[row[0]] for row in table])
    idx = tuple([row[4] for row in table])
    space = tuple([" " if row[8] else "" for row in table])
    return TokenView(
        doc=doc,
        string="".join([word + gap for word, gap in zip(text, space, strict=True)]),
        tokens=tuple(doc),
        text=text,
        lower=tuple([strings[row[1]] for row in table]),
        lemma=tuple([strings[row[2]].lower() for row in table]),
        pos=tuple([strings[row[3]] for row in table]),
        idx=idx,
        end=tuple([i + len(t) for i, t in zip(idx, text, strict=True)]),
        is_alpha=tuple([bool(row[5]) for row in table]),
        is_punct=tuple([bool(row[6]) for row in table]),
        is_title=tuple([bool(row[7]) for row in table]),
        dep=tuple([strings[row[9]] for row in table]),
        tag=tuple([strings[row[10]] for row in table]),
        head=tuple([i + offset for i, offset in enumerate(offsets)]),
        space=space,
    )
