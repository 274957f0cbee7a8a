"""Run the real pipeline for the suites: events per group of articles, and the extractor's
place finding over whole documents.

A group is what one gold record covers (a UCDP headline and its reports, one MUC-4
message). Processing in batches keeps spaCy fast; merging per group gives exactly what
`extract_articles` returns for that group on its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsevents.analyse import split_sentences
from newsevents.extract_persons import person_surnames
from newsevents.extract_places import find_place_spans
from newsevents.merge import MemoryIndex
from newsevents.pipeline import ArticleResult, Knowledge, merge_results, process_articles
from newsevents.records import Article, Event

Span = tuple[int, int, str]

BATCH = 64


@dataclass(frozen=True)
class GroupEvents:
    """The merged events of one group and what the stages made of its articles."""

    events: tuple[Event, ...]
    results: tuple[ArticleResult, ...]

    @property
    def failed(self) -> int:
        """Articles on which a stage raised (reported by the pipeline, not fatal)."""
        return sum(1 for r in self.results if r.error is not None)


def events_by_group(groups: Sequence[Sequence[Article]], knowledge: Knowledge) -> list[GroupEvents]:
    """Each group's merged events; an article shared by groups is processed once."""
    unique: dict[tuple[str, str | None], Article] = {}
    for group in groups:
        for article in group:
            unique.setdefault((article.id, article.published), article)
    todo = list(unique.values())
    done: dict[tuple[str, str | None], ArticleResult] = {}
    for start in range(0, len(todo), BATCH):
        for result in process_articles(todo[start : start + BATCH], knowledge):
            done[(result.article.id, result.article.published)] = result
    out: list[GroupEvents] = []
    for group in groups:
        results = [done[(a.id, a.published)] for a in group]
        good = [r for r in results if r.error is None]
        _, events = merge_results(good, MemoryIndex(), knowledge)
        ordered = sorted(events, key=lambda e: (e.event_date or "", e.event_id))
        out.append(GroupEvents(tuple(ordered), tuple(results)))
    return out


def place_spans(
    texts: Sequence[str], knowledge: Knowledge, *, references: bool = False
) -> list[list[Span]]:
    """Place names (start, end, text) in each text, found by the extractor's place finder
    in every sentence, not only those with an event word: as for an event's place (proper
    names the gazetteer knows, actor names and person surnames excluded), or with
    `references` every reference to a place, as geoparsing counts them ("Syrian" too)."""
    ctx = knowledge.extract_context(None, countries=False)
    models = knowledge.models
    out: list[list[Span]] = []
    for text in texts:
        bounds = split_sentences(text, models.splitter)
        docs = list(models.parser.pipe((text[s:e] for s, e in bounds), batch_size=64))
        surnames = person_surnames(docs, ctx)
        spans: list[Span] = []
        for (start, _), doc in zip(bounds, docs, strict=True):
            actors = knowledge.actors.find(doc.text)
            finder = knowledge.gazetteer.is_place_reference if references else None
            for span in find_place_spans(doc, ctx, actors, set(), surnames, references=finder):
                spans.append((start + span.start_char, start + span.end_char, span.text))
        out.append(spans)
    return out
