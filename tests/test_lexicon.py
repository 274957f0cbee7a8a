import pytest

from newsevents.errors import DataFileError
from newsevents.lexicon import get_lexicon, load_lexicon


def test_the_taxonomy_has_acleds_six_types_and_twenty_five_sub_types():
    lex = get_lexicon()
    assert set(lex.families) == {
        "Battles",
        "Violence against civilians",
        "Explosions/Remote violence",
        "Protests",
        "Riots",
        "Strategic developments",
    }
    assert len(lex.sub_types) == 25
    assert lex.sub_types["Non-state actor overtakes territory"] == "Battles"
    assert lex.family("Battles") == lex.family("Explosions/Remote violence") == "violence"


def test_every_trigger_class_codes_to_a_real_sub_type_and_the_prefilter_sees_its_words():
    lex = get_lexicon()
    for cls in lex.classes:
        assert lex.sub_types[cls.sub_event_type] == cls.event_type
    assert lex.has_candidate("Warplanes bombed the town") and lex.has_candidate("the fall of X")
    assert not lex.has_candidate("The weather was mild and the markets were open.")


def test_a_trigger_class_with_a_wrong_sub_type_is_refused_with_the_fix(tmp_path):
    bad = tmp_path / "triggers.yaml"
    bad.write_text(
        "classes:\n  odd:\n    event_type: Battles\n    sub_event_type: Air/drone strike\n"
        "    lemmas: [zap]\n"
    )
    with pytest.raises(DataFileError, match=r"is not a sub-type of 'Battles'.*use one of"):
        load_lexicon(triggers=bad)


def test_a_class_without_words_is_refused(tmp_path):
    bad = tmp_path / "triggers.yaml"
    bad.write_text("classes:\n  empty:\n    event_type: Riots\n    sub_event_type: Mob violence\n")
    with pytest.raises(DataFileError, match="give at least one of 'lemmas' or 'phrases'"):
        load_lexicon(triggers=bad)
