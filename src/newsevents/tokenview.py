"""Plain lists of a parsed sentence's token attributes, read once.

Each `doc[i]` or `tok.pos_` builds a Token object and looks a string up; extraction's
scans over every token (place names, person names, trigger and toll words, speech verbs)
read the same few attributes many times over, for every mention of a sentence, so they
read them from one view of the sentence instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token


@dataclass(frozen=True)
class TokenView:
    """Per-token attributes of one Doc, indexed by token position; `end` is the character
    offset just past the token (idx + length), both relative to the doc's text; `lemma` is
    the lemma in lower case; `tokens` the Token objects themselves, built once."""

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
    """Read the attributes of every token of a doc once (one pass: a row per token, then
    its columns; the text joined from them, as Doc.text joins its tokens)."""
    rows = [
        (
            t,
            t.text,
            t.lower_,
            t.lemma_.lower(),
            t.pos_,
            t.idx,
            t.is_alpha,
            t.is_punct,
            t.is_title,
            t.whitespace_,
        )
        for t in doc
    ]
    if not rows:
        return TokenView(doc, doc.text, (), (), (), (), (), (), (), (), (), ())
    tokens, text, lower, lemma, pos, idx, is_alpha, is_punct, is_title, space = zip(
        *rows, strict=True
    )
    return TokenView(
        doc=doc,
        string="".join([word + after for word, after in zip(text, space, strict=True)]),
        tokens=tokens,
        text=text,
        lower=lower,
        lemma=lemma,
        pos=pos,
        idx=idx,
        end=tuple([i + len(t) for i, t in zip(idx, text, strict=True)]),
        is_alpha=is_alpha,
        is_punct=is_punct,
        is_title=is_title,
    )
