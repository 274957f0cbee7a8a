"""Tests for newsevents.clean: junk is blanked, real content and offsets are kept."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
import yaml

from newsevents.clean import clean, junk_rules
from newsevents.ingest import make_article, read_inputs
from newsevents.records import Article, CleanArticle

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

# An excerpt of the seed article (shared/seed/000_1160085869670d29.txt, which may be copied
# into tests): its three "More news:" teasers sit between two real paragraphs.
SEED_EXCERPT = (
    "The SDF has been battling to capture Baghouz at the Iraqi border for weeks. There is "
    'no more "ISIS territory".\n'
    "\n"
    "More news: Nintendo is bringing cardboard VR back and it\u2019s good\n"
    "More news: Erica Mena\u2019s Ex-Boyfriend, Cliff Dixon, Killed in Atlanta Club Shooting\n"
    "More news: Supernatural Isn\u2019t Immortal After All, And Will End With Season 15\n"
    "\n"
    'He aded: "The US have said they are going to keep a presence in northern Syria so air '
    'power will play an important part in that".\n'
    "\n"
    '"We managed to evacuate about 3,000 people from (the) ISIS pocket", Mustefa Bali said '
    "on Twitter, using another acronym for IS.\n"
)

REAL_SENTENCES = [
    "Officials told residents to read more carefully the evacuation orders posted in Homs.",
    "The share of civilians among the dead rose sharply in March, the monitor said.",
    "Share prices fell in Damascus after the strike.",
    "Related clashes erupted in Homs on Sunday.",
    "The group said it does not subscribe to the ceasefire terms.",
    "Rebels followed us on the road to Idlib, the driver said.",
    "The advertisement for recruits appeared in Raqqa in 2014.",
    "A copyright dispute over the footage delayed its release.",
    "He urged people to sign up as volunteers for the civil defence.",
    "Residents were asked to click photos of the damage for the inquiry.",
]


def _clean(text: str) -> CleanArticle:
    return clean(make_article(text))


def _removed_texts(result: CleanArticle) -> list[str]:
    return [result.article.text[r.start : r.end] for r in result.removed]


def test_seed_more_news_lines_are_blanked_and_nothing_else() -> None:
    result = _clean(SEED_EXCERPT)
    assert len(result.text) == len(SEED_EXCERPT)
    removed = _removed_texts(result)
    assert [t.split(":")[0] for t in removed] == ["More news"] * 3
    assert "Atlanta Club Shooting" in removed[1]
    assert "Atlanta" not in result.text and "Nintendo" not in result.text
    assert all(r.reason.startswith("more-news") for r in result.removed)
    # Everything outside the removed spans is kept (curly apostrophes only straightened).
    assert result.text.count("\n") == SEED_EXCERPT.count("\n")
    kept = [line for line in result.text.split("\n") if line.strip()]
    assert kept == [line for line in SEED_EXCERPT.split("\n") if line and "More news" not in line]


def test_offsets_are_preserved() -> None:
    result = _clean(SEED_EXCERPT)
    sentence = "Mustefa Bali said on Twitter"
    start = result.text.index(sentence)
    assert SEED_EXCERPT[start : start + len(sentence)] == sentence
    assert SEED_EXCERPT.index(sentence) == start


def test_same_length_character_normalisation() -> None:
    text = (
        "\u201cWe won\u2019t leave,\u201d\u00a0a fighter said in Baghouz on Saturday \u2013 today."
    )
    result = _clean(text)
    assert result.text == '"We won\'t leave," a fighter said in Baghouz on Saturday \u2013 today.'
    assert result.removed == ()


def test_repeated_paragraph_keeps_first_copy() -> None:
    para = "Airstrikes hit the town of Saraqeb on Monday, killing four civilians."
    text = f"{para}\n\nThe monitor gave no further details.\n\n{para}\n"
    result = _clean(text)
    second = text.rindex(para)
    assert result.text.index(para) == 0
    assert result.text[second : second + len(para)].strip() == ""
    [removal] = result.removed
    assert (removal.start, removal.end) == (second, second + len(para))
    assert removal.reason.startswith("repeated-paragraph")


def test_inline_more_news_runs_to_end_of_line() -> None:
    text = (
        "Rebels shelled the city on Friday, killing three people. More news: Singer killed "
        "in Atlanta club shooting More news: New phone released\nThe army said it responded."
    )
    result = _clean(text)
    assert result.text.startswith("Rebels shelled the city on Friday, killing three people. ")
    assert "Atlanta" not in result.text and "phone" not in result.text
    assert result.text.endswith("\nThe army said it responded.")
    assert len(result.removed) == 2


def test_inline_junk_in_a_one_line_text() -> None:
    # FA-KES texts have everything on one line, footers included.
    text = (
        "At least 48 people were killed in Qamishli (Photo: AFP) on Wednesday, the monitor "
        "said. Follow us on Instagram. The toll may rise, officials said. Source TRTWorld and "
        "agencies Copyright 2018 TRT World. TRT World Watch Live TV Schedule Contact Us"
    )
    result = _clean(text)
    assert "Photo" not in result.text and "Instagram" not in result.text
    assert "Copyright" not in result.text and "Schedule" not in result.text
    assert "At least 48 people were killed in Qamishli" in result.text
    assert "The toll may rise, officials said. Source TRTWorld and agencies" in result.text


@pytest.mark.parametrize(
    ("headline", "kept"),
    [
        ("UPDATE 1-Nine Turkey-backed rebels killed in Syria", "Nine Turkey-backed rebels"),
        ("WRAPUP 2-Air strikes kill 20 in Idlib", "Air strikes kill 20"),
        ("CORRECTED-Car bomb kills 5 in Azaz", "Car bomb kills 5"),
    ],
)
def test_a_wire_tag_before_a_headline_is_blanked(headline: str, kept: str) -> None:
    # "1-Nine" would read as one dead; the tag is the wire's version, no word of the news.
    result = _clean(headline)
    assert result.text.lstrip().startswith(kept)
    assert len(result.text) == len(headline)


def test_a_word_in_capitals_that_only_looks_like_a_tag_stays() -> None:
    for text in ("UPDATE: the toll rose to 12", "An UPDATE 1-style tag", "Analysis of the war"):
        assert _clean(text).removed == ()


def test_other_stories_headlines_before_a_footer_are_blanked() -> None:
    # Sputnik's tail: a view count, "Related" headlines of other stories, tags, footer.
    text = (
        "Regime forces shelled Douma on Monday the monitor said. 154 Related Syrian Army "
        "Kills Dozens Daesh Militants in Deir ez-Zor Tags shelling Damascus Community "
        "standardsDiscussion Comment via FacebookComment via Sputnik News"
    )
    result = _clean(text)
    assert result.text.rstrip() == "Regime forces shelled Douma on Monday the monitor said."
    # Without the footer a "Related" is the article's own word.
    kept = "The two attacks are related, the monitor said. Tags were found on the bodies."
    assert _clean(kept).text == kept


@pytest.mark.parametrize(
    "junk",
    [
        "Read more: Syria's war explained in maps",
        "Related: UN envoy calls for truce in Aleppo",
        "Also read: Who are the SDF?",
        "Click here to see the full photo gallery.",
        "Share this article",
        "Share on Facebook",
        "Facebook Twitter WhatsApp Email",
        "Subscribe to our newsletter",
        "Sign up for our newsletter to get the news every morning.",
        "Follow us on Twitter and Facebook",
        "\u00a9 2019 The Associated Press. All rights reserved.",
        "Copyright 2019 Example Media. All rights reserved.",
        "Advertisement",
        "Image copyright Getty Images",
        "We use cookies to improve your experience. By using this site you accept our policy.",
        "https://www.example.com/news/2019/03/23/story.html",
        "https://a.com/1 | https://b.com/2 | https://c.com/3",
    ],
)
def test_junk_line_is_blanked_between_real_paragraphs(junk: str) -> None:
    before = "Airstrikes hit the town of Saraqeb on Monday, killing four civilians."
    after = "The Syrian Observatory said the toll was likely to rise."
    text = f"{before}\n\n{junk}\n\n{after}"
    result = _clean(text)
    assert result.text == f"{before}\n\n{' ' * len(junk)}\n\n{after}"
    assert len(result.text) == len(text)


@pytest.mark.parametrize("sentence", REAL_SENTENCES)
def test_real_sentences_mentioning_junk_words_stay(sentence: str) -> None:
    result = _clean(sentence + "\n" + "The monitor said the toll was likely to rise.")
    assert result.removed == ()


def test_every_rule_matches_its_example() -> None:
    path = resources.files("newsevents").joinpath("data/junk_patterns.yaml")
    examples = {r["name"]: r["example"] for r in yaml.safe_load(path.read_text("utf-8"))["rules"]}
    rules = junk_rules()
    assert len({r.name for r in rules}) == len(rules) == len(examples)
    for rule in rules:
        example = examples[rule.name]
        assert rule.pattern.search(example), rule.name
        assert not rule.keywords or any(k in example.lower() for k in rule.keywords), rule.name


@pytest.mark.shared
def test_real_seed_article() -> None:
    path = SHARED / "seed" / "000_1160085869670d29.txt"
    if not path.exists():
        pytest.skip(f"seed article not found at {path} (../shared is absent)")
    [article] = list(read_inputs([str(path)]))
    assert isinstance(article, Article)
    result = clean(article)
    assert len(result.text) == len(article.text)
    removed = _removed_texts(result)
    assert len(removed) == 3 and all(t.startswith("More news:") for t in removed)
    assert "Atlanta" not in result.text
    assert "Sweida" in result.text and "Baghouz" in result.text
