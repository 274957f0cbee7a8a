"""Plain lists of a parsed sentence's token attributes, read once.

Each `doc[i]` or `tok.pos_` builds a Token object and looks a string up; extraction's
scans over every token (place names, person names) read the same few attributes many
times over, so they read them from these lists instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc


@dataclass(frozen=True)
class TokenView:
    """Per-token attributes of one Doc, indexed by token position; `end` is the character
    offset just past the token (idx + length), both relative to the doc's text."""

    doc: Doc
    string: str  # the doc's text (Doc.text joins its tokens anew on every call)
    text: tuple[str, ...]
    lower: tuple[str, ...]
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


def token_view(doc: Doc) -> TokenView:
    """Read the attributes of every token of a doc once (one pass: a row per token, then
    its columns; the text joined from them, as Doc.text joins its tokens)."""
    rows = [
        (t.text, t.lower_, t.pos_, t.idx, t.is_alpha, t.is_punct, t.is_title, t.whitespace_)
        for t in doc
    ]
    if not rows:
        return TokenView(doc, doc.text, (), (), (), (), (), (), (), ())
    text, lower, pos, idx, is_alpha, is_punct, is_title, space = zip(*rows, strict=True)
    return TokenView(
        doc=doc,
        string="".join([word + after for word, after in zip(text, space, strict=True)]),
        text=text,
        lower=lower,
        pos=pos,
        idx=idx,
        end=tuple([i + len(t) for i, t in zip(idx, text, strict=True)]),
        is_alpha=is_alpha,
        is_punct=is_punct,
        is_title=is_title,
    )
