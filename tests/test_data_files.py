"""Tests for newsevents.data_files: the shared readers of YAML data files."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.data_files import as_data_errors, package_data, read_yaml_mapping, word_set
from newsevents.errors import DataFileError
from newsevents.title_case import recase_words


def test_package_data_points_into_the_package() -> None:
    path = package_data("recase.yaml")
    assert path.name == "recase.yaml" and path.parent.name == "data"
    assert path.is_file()


def test_a_mapping_is_read(tmp_path: Path) -> None:
    good = tmp_path / "words.yaml"
    good.write_text("travel: [drive, Fly]\nlimit: 3\n", encoding="utf-8")
    assert read_yaml_mapping(good) == {"travel": ["drive", "Fly"], "limit": 3}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- a\n- b\n", "expected a mapping at the top level"),
        ("", "expected a mapping at the top level"),
        ("key: [unclosed\n", "cannot read it as YAML"),
        # A key written twice: YAML would keep the last one without a word.
        ("words: [a]\nother: 1\nwords: [b]\n", "key 'words' is written twice"),
        ("rules:\n  x: 1\n  x: 2\n", "key 'x' is written twice"),
    ],
)
def test_a_bad_file_is_named_with_the_fix(tmp_path: Path, text: str, expected: str) -> None:
    bad = tmp_path / "bad_words.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match=expected) as info:
        read_yaml_mapping(bad)
    assert str(bad) in str(info.value) and "fix the file" in str(info.value)


def test_every_bundled_data_file_writes_each_key_once() -> None:
    for path in sorted(package_data("recase.yaml").parent.glob("*.yaml")):
        assert read_yaml_mapping(path)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "absent.yaml"
    with pytest.raises(DataFileError, match=r"absent\.yaml: cannot read it as YAML"):
        read_yaml_mapping(missing)


def test_word_set_lowers_and_checks_the_key(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    assert word_set({"travel": ["Drive", "fly"]}, "travel", path) == {"drive", "fly"}
    for data in ({}, {"travel": "drive"}, {"travel": None}):
        with pytest.raises(DataFileError, match=r"w\.yaml: 'travel' must be a list of words"):
            word_set(data, "travel", path)


def test_as_data_errors_names_the_file_and_section(tmp_path: Path) -> None:
    path = tmp_path / "cues.yaml"
    data: dict[str, object] = {"limit": "many"}
    missing = r"cues\.yaml: malformed cue words \(KeyError"
    with pytest.raises(DataFileError, match=missing), as_data_errors(path, "cue words"):
        data["units"]
    not_a_number = r"cues\.yaml: malformed cue words \(ValueError"
    with pytest.raises(DataFileError, match=not_a_number), as_data_errors(path, "cue words"):
        float(str(data["limit"]))


def test_recase_words_are_one_load_for_title_case_and_recase() -> None:
    from newsevents.recase import _copy_words

    words = recase_words()
    assert words.stand_ins["IS"] == "UN"
    assert {"the", "on", "no"} <= words.function_words  # "on"/"no" read as strings, not bools
    assert "countryside" in words.generic_places
    assert _copy_words().function_words is words.function_words
