"""A small store built through the real write path, and a real server over it, for the
serve tests (API and browser). One article carries markup that must never run."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from factories import BAGHOUZ, HAJIN, IS, SDF, mention, write_merged

from newsevents.lexicon import get_lexicon
from newsevents.merge import build_event, merge
from newsevents.records import Actor, Article, Place, ResolvedMention
from newsevents.serve.loadtest import free_port, start_server, stop_server
from newsevents.store import Store

BAGHDAD = Place("Baghdad", 33.34, 44.40, "Iraq", "IRQ", "Baghdad", "city", 1)
EVIL_SENTENCE = (
    'Islamic State fighters attacked <img src=x onerror="window.__pwned=2"> civilians in '
    "Hajin on Friday, killing 7 people."
)
EVIL_TEXT = (
    "Breaking: <script>window.__pwned = 1</script> report from the east.\n\n"
    + EVIL_SENTENCE
    + "\n\n<b>More</b> details were not given."
)
GUNMEN = Actor('<img src=y onerror="window.__pwned=3">Gunmen', "External/Other", None, known=False)


def _with_sentence(
    m: ResolvedMention,
    text: str,
    sentence: str,
    arguments: dict[str, tuple[str, ...]],
    trigger: str,
) -> ResolvedMention:
    """The factory mention moved onto a real sentence of a real article text."""
    start = text.index(sentence)
    end = start + len(sentence)
    inner = dataclasses.replace(
        m.mention,
        sentence=sentence,
        sentence_start=start,
        sentence_end=end,
        arguments=arguments,
        trigger=trigger,
    )
    src = dataclasses.replace(m.source, sentence=sentence, char_start=start, char_end=end)
    return dataclasses.replace(m, mention=inner, source=src)


def build_store(db: Path) -> dict[str, str]:
    """Write four events (two in Syria, one in Iraq, one background) through Store and merge;
    returns the ids of the articles by role."""
    lex = get_lexicon()
    baghouz_text = (
        "BAGHOUZ, Syria (AP) - The fall of the last enclave.\n\n"
        "The Syrian Democratic Forces captured Baghouz from the Islamic State on Saturday, "
        "and 12 fighters were killed.\n\nThe war is not over."
    )
    baghouz_sentence = (
        "The Syrian Democratic Forces captured Baghouz from the Islamic State on Saturday, "
        "and 12 fighters were killed."
    )
    protest_text = "Thousands protested in Baghdad on Friday against the government."
    background_text = "In 2014, Islamic State fighters seized Baghouz, witnesses recalled."
    mentions = [
        _with_sentence(
            mention(article="art-baghouz", outlet="AP", killed=12, sub="Armed clash"),
            baghouz_text,
            baghouz_sentence,
            {
                "perpetrator": ("Syrian Democratic Forces",),
                "target": ("Islamic State",),
                "place": ("Baghouz",),
                "time": ("Saturday",),
            },
            "captured",
        ),
        _with_sentence(
            mention(
                article="art-evil",
                outlet="<i>evil</i> outlet",
                date="2019-01-11",
                published="2019-01-12",
                place=HAJIN,
                actor1=IS,
                actor2=GUNMEN,
                etype="Violence against civilians",
                sub="Attack",
                killed=7,
            ),
            EVIL_TEXT,
            EVIL_SENTENCE,
            {
                "perpetrator": ("Islamic State fighters",),
                "victim": ("civilians",),
                "place": ("Hajin",),
                "time": ("Friday",),
            },
            "attacked",
        ),
        _with_sentence(
            mention(
                article="art-protest",
                outlet="Reuters",
                date="2018-01-05",
                published="2018-01-06",
                place=BAGHDAD,
                actor1=None,
                actor2=None,
                etype="Protests",
                sub="Peaceful protest",
            ),
            protest_text,
            "Thousands protested in Baghdad on Friday against the government.",
            {"place": ("Baghdad",), "time": ("Friday",)},
            "protested",
        ),
        _with_sentence(
            mention(
                article="art-background",
                date="2014-06-01",
                place=BAGHOUZ,
                actor1=IS,
                actor2=SDF,
                status="background",
                sub="Non-state actor overtakes territory",
            ),
            background_text,
            background_text,
            {"perpetrator": ("Islamic State fighters",), "place": ("Baghouz",)},
            "seized",
        ),
    ]
    texts = {
        "art-baghouz": baghouz_text,
        "art-evil": EVIL_TEXT,
        "art-protest": protest_text,
        "art-background": background_text,
    }
    articles = [
        Article(id=aid, text=text, title=f"Title of {aid}", url=f"https://example.org/{aid}")
        for aid, text in texts.items()
    ]
    with Store(db) as store:
        merged = merge(mentions, store, lex)
        events = [build_event(r.event_id, r.mentions, lex, "test") for r in merged]
        write_merged(store, [(a, 1) for a in articles], merged, events, lex.families, "test")
    return {aid: aid for aid in texts}


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real `newsevents serve` subprocess over the small store; yields its base URL."""
    db = tmp_path_factory.mktemp("serve") / "events.duckdb"
    build_store(db)
    port = free_port()
    proc = start_server(db, port)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_server(proc)
