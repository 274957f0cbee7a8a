"""Run the real pipeline over groups of articles: the stages in batches, then a merge per group.

A group is what one gold record covers (a UCDP headline and its reports, one MUC-4
message). Processing in batches keeps spaCy fast; merging per group gives exactly what
`extract_articles` returns for that group on its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsevents.merge import MemoryIndex
from newsevents.pipeline import ArticleResult, Knowledge, merge_results, process_articles
from newsevents.records import Article, Event

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
