import pytest

from newsevents.recase import Recaser, caseless, recase, recase_text
from newsevents.records import Article, CleanArticle
from newsevents.resolve.actors import ActorDictionary

PLACES = {"San Salvador", "Usulutan", "Usulutan Department"}
RECASER = Recaser(is_place=lambda name: name in PLACES, actors=ActorDictionary.load())
TEXT = (
    "san salvador, 3 jan 90 -- a group of fmln guerrillas attacked the national guard post "
    "in usulutan department last night. the farabundo marti national liberation front "
    "claimed responsibility."
)


def test_caseless_texts_are_recognised_and_cased_ones_left_alone():
    assert caseless(TEXT) and caseless(TEXT.upper())
    assert not caseless("Rebels attacked the town of Hajin in Deir ez-Zor on Friday night.")


def test_recasing_restores_places_acronyms_actor_names_and_sentence_starts():
    out = recase_text(TEXT, RECASER)
    assert len(out) == len(TEXT)
    assert out.startswith("San Salvador, 3 jan 90")
    assert "of FMLN guerrillas" in out
    assert "in Usulutan Department last night. The Farabundo Marti National Liberation Front" in out
    assert recase_text(TEXT.upper(), RECASER) == out


def test_function_words_are_never_taken_for_acronyms():
    text = "the army said it is ready. fmln fighters told us they would stay."
    out = recase_text(text, RECASER)
    assert "it is ready" in out and "told us they" in out
    assert "FMLN fighters" in out  # a real acronym still is


def test_recase_keeps_offsets_and_leaves_cased_articles_unchanged():
    article = Article(id="a", text=TEXT)
    recased = recase(CleanArticle(article, TEXT), RECASER)
    assert recased.text.lower() == TEXT
    cased = CleanArticle(article, "Rebels attacked Hajin on Friday, killing four soldiers there.")
    assert recase(cased, RECASER) is cased


@pytest.mark.model
def test_a_lower_case_article_still_gives_placed_events_with_its_own_sentences():
    import newsevents

    text = "rebels captured the town of hajin in deir ez-zor on friday, killing four soldiers."
    events = newsevents.extract(
        text + " " + text.replace("friday", "saturday"), published="2019-03-23"
    )
    assert events and events[0].location == "Hajin"
    for e in events:
        for s in e.sources:
            assert s.sentence.islower()
