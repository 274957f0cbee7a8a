from newsevents.attribution import get_cues, in_sentence, load_cues, speaker


def test_the_bundled_cue_file_loads_and_every_alias_maps_to_a_claimant():
    cues = get_cues()
    assert cues.aliases["SOHR"] == "Syrian Observatory for Human Rights"
    assert cues.aliases["syrian arab news agency"] == "SANA"
    assert set(cues.aliases.values()) >= {"SANA", "Syrian Observatory for Human Rights"}


def test_sources_count_only_in_an_attribution_frame():
    cues = get_cues()
    said = "Warplanes killed 9 civilians in Idlib, the Syrian Observatory said."
    assert in_sentence(said, cues) == ["Syrian Observatory for Human Rights"]
    assert in_sentence("According to SANA, 12 people died.", cues) == ["SANA"]
    apposition = "SOHR, a Britain-based monitor, reported 15 dead."
    assert in_sentence(apposition, cues) == ["Syrian Observatory for Human Rights"]
    assert in_sentence("the defence ministry said on Friday", cues) == ["defence ministry"]
    # An actor of the event is not a claimant; "who said" is not the WHO.
    assert in_sentence("The SDF captured the town, a spokesman said.", cues) == []
    assert in_sentence("a man who said the UN left", cues) == []


def test_speakers_that_name_nobody_are_dropped_and_known_ones_are_canonical():
    cues = get_cues()
    assert speaker("he", cues) is None and speaker("The sources", cues) is None
    assert speaker("the Syrian Observatory for Human Rights", cues) == (
        "Syrian Observatory for Human Rights"
    )
    assert speaker("Damascus", cues) == "Damascus"


def test_a_malformed_cue_file_names_the_problem(tmp_path):
    import pytest

    from newsevents.errors import DataFileError

    bad = tmp_path / "cues.yaml"
    bad.write_text("claimants: {SANA: SANA}\nbefore: []\nafter: []\ngeneric: []\n")
    with pytest.raises(DataFileError, match="SANA"):
        load_cues(bad)
