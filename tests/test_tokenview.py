"""token_view reads the same attributes as the Doc's own tokens and text."""

import spacy
from spacy.tokens import Doc

from newsevents.tokenview import token_view


def test_view_matches_the_doc() -> None:
    words = ["Shelling", "hit", "al-Bab", "'s", "east", ",", "2", "said", "."]
    spaces = [True, True, False, True, False, True, True, False, False]
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=spaces)
    view = token_view(doc)
    assert view.string == doc.text == "Shelling hit al-Bab's east, 2 said."
    assert view.text == tuple(words)
    assert view.lower == tuple(w.lower() for w in words)
    assert view.idx == tuple(t.idx for t in doc)
    assert view.end == tuple(t.idx + len(t.text) for t in doc)
    assert view.is_punct == tuple(t.is_punct for t in doc)
    assert view.is_title == tuple(t.is_title for t in doc)
    assert view.span_text(2, 4) == doc[2:4].text
    assert view.lemma == tuple(t.lemma_.lower() for t in doc)
    assert [t.i for t in view.tokens] == list(range(len(doc)))


def test_view_is_read_once_per_doc() -> None:
    vocab = spacy.blank("en").vocab
    doc = Doc(vocab, words=["Shelling", "hit", "Idlib"])
    other = Doc(vocab, words=["Clashes", "in", "Homs"])
    assert token_view(doc) is token_view(doc)
    assert token_view(other).text == ("Clashes", "in", "Homs")


def test_empty_doc() -> None:
    view = token_view(Doc(spacy.blank("en").vocab, words=[]))
    assert len(view) == 0 and view.string == ""


def test_view_reads_the_parse_as_the_tokens_do() -> None:
    # Heads before and after a token (signed offsets in spaCy's array), labels, tags and
    # spaces: the role model's tree takes them from the view.
    words = ["Gunmen", "killed", "two", "soldiers", "in", "Idlib", "."]
    doc = Doc(
        spacy.blank("en").vocab,
        words=words,
        spaces=[True, True, True, True, True, False, False],
        heads=[1, 1, 3, 1, 1, 4, 1],
        deps=["nsubj", "ROOT", "nummod", "dobj", "prep", "pobj", "punct"],
        tags=["NNS", "VBD", "CD", "NNS", "IN", "NNP", "."],
    )
    view = token_view(doc)
    assert view.head == tuple(t.head.i for t in doc) == (1, 1, 3, 1, 1, 4, 1)
    assert view.dep == tuple(t.dep_ for t in doc)
    assert view.tag == tuple(t.tag_ for t in doc)
    assert view.space == tuple(t.whitespace_ for t in doc)
