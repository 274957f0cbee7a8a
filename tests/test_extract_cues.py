"""The extractor's data files: verb-only trigger lemmas, implied-attacker rules and crowd
actors (no model)."""

import datetime as dt

from newsevents.extract_context import load_cues
from newsevents.lexicon import get_lexicon, load_lexicon
from newsevents.resolve.actors import get_actor_dictionary


def test_verb_lemmas_are_trigger_lemmas_marked_verb_only(tmp_path):
    path = tmp_path / "triggers.yaml"
    path.write_text(
        "classes:\n  hit:\n    event_type: Violence against civilians\n"
        "    sub_event_type: Attack\n    verb_lemmas: [target]\n"
    )
    lex = load_lexicon(triggers=path)
    (cls,) = lex.classes
    assert cls.verbs_only == {"target"} and lex.by_lemma["target"] == (cls,)
    assert lex.has_candidate("Shells targeted Daraa") and not lex.has_candidate("A quiet day")


def test_the_bundled_lexicon_knows_monitors_words():
    lex = get_lexicon()
    assert "target" in next(c for c in lex.classes if c.name == "attack").verbs_only
    for text in ("5 martyrs in Idlib", "explosive barrels on Daraa", "Human losses in Hama"):
        assert lex.has_candidate(text), text


def test_implied_attackers_name_dictionary_actors_and_have_an_end_date():
    cues = load_cues()
    actors = get_actor_dictionary()
    assert cues.implied
    for rule in cues.implied:
        assert actors.lookup(rule.actor) is not None, rule.actor
        assert rule.countries
    barrel = cues.implied[0]
    assert barrel.until == dt.date(2024, 12, 8)
    assert barrel.words.search("dropped barrel-bombs on") and barrel.words.search("Helicopters")
    assert not barrel.words.search("oil barrels")


def test_coordinators_are_read_longest_first():
    cues = load_cues()
    lengths = [len(c) for c in cues.coordinators]
    assert lengths == sorted(lengths, reverse=True)
    assert ("as", "well", "as") in cues.coordinators and ("and",) in cues.coordinators


def test_crowd_actors_are_sub_types_and_dictionary_actors():
    cues = load_cues()
    lex = get_lexicon()
    actors = get_actor_dictionary()
    assert cues.crowd_actors["Peaceful protest"] == "Protesters"
    for sub_type, crowd in cues.crowd_actors.items():
        assert sub_type in lex.sub_types, sub_type
        assert actors.lookup(crowd) is not None, crowd
