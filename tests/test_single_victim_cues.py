"""The single-victim word lists of extract_cues.yaml (no model)."""

from newsevents.extract_context import load_cues


def test_one_person_nouns_are_singular_people_not_groups_or_machines():
    cues = load_cues()
    for word in ("policeman", "soldier", "child", "brigadier", "mayor", "member"):
        assert word in cues.one_person, word
    for word in ("family", "army", "police", "people", "drone", "helicopter"):
        assert word not in cues.one_person, word
    # Company counts groups too ("with his family"), never aircraft ("with a drone").
    assert {"family", "wife", "child"} <= cues.persons
    assert not {"drone", "helicopter", "warplane"} & cues.persons


def test_single_victim_guards_are_loaded():
    cues = load_cues()
    assert {"a", "the", "another"} <= cues.single_determiners
    assert "no" not in cues.single_determiners and "every" not in cues.single_determiners
    assert {"every", "each"} <= cues.habitual
    assert "with" in cues.company and "almost" in cues.near_miss
