"""Transliteration keys (resolve/translit.py, data/translit.yaml) and what they let the
gazetteer resolve and the place finder accept."""

from __future__ import annotations

import math
import random
from difflib import SequenceMatcher
from pathlib import Path

import pytest

from newsevents.errors import DataFileError
from newsevents.resolve import gazetteer_cache
from newsevents.resolve.english_words import is_english_word
from newsevents.resolve.place_names import name_key
from newsevents.resolve.place_words import place_words_path, read_place_words
from newsevents.resolve.places import Gazetteer, PlaceContext, get_gazetteer
from newsevents.resolve.translit import (
    default_rules,
    loose_key,
    read_translit,
    similarity,
    strict_key,
)

ARTICLES = read_place_words(place_words_path()).articles


def key(name: str) -> str:
    return strict_key(name_key(name), ARTICLES)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 12742.0 * math.asin(math.sqrt(h))


@pytest.mark.parametrize(
    ("variant", "listed", "expected"),
    [
        ("Menbej", "Manbij", "manbaj"),  # e/a/i vowels are one vowel
        ("Khan Shekhon", "Khan Shaykhun", "kansakan"),  # kh, sh; "ay" is a vowel
        ("Tedef", "Tadif", "tadaf"),
        ("Sheikh Meskin", "Shaykh Miskin", "sakmaskan"),
        ("al-Kharita", "Khurayta", "karata"),  # a separate article is dropped
        ("Deir Ezzor", "Dayr az Zawr", "darzar"),  # a glued sun-letter article too
        ("Deir al-Zour", "Deir ez-Zor", "darzar"),  # ou is u
        ("Bokamal", "Al-Bukamal", "bakamal"),
        ("Jesr al-Shughour", "Jisr ash Shughur", "jasrsajar"),
        ("KafrZitta", "Kafr Zayta", "kafrzata"),  # spaces and double letters ignored
        ("Qatifeh", "Al Qutayfah", "katafa"),  # q is k; a final h after a vowel goes
        ("Jableh", "Jablah", "jabla"),
        ("Alraqqa", "Raqqa", ""),  # glued "al" goes; two consonants are too few
    ],
)
def test_strict_key_equates_transliterations(variant: str, listed: str, expected: str) -> None:
    assert key(variant) == key(listed) == expected


def test_strict_key_keeps_names_apart() -> None:
    assert key("Tedef") != key("Taft")  # a vowel between every consonant pair counts
    assert key("Yabrud") == "yabrad"  # a y that opens a word before a vowel stays
    assert key("Wadi Barada") == "wadabarada"
    assert key("Hama") == "" and key("Sweida") == ""  # under three consonants: no key
    assert key("Hirbnafsah") != key("Harbinafsah")  # a vowel left out: only loosely


def test_loose_key_allows_a_left_out_vowel() -> None:
    assert loose_key(key("Hirbnafsah")) == loose_key(key("Harbinafsah")) == "hrbnfs"
    assert loose_key(key("Kafar Jalis")) == loose_key(key("Kafr Jalis")) == "kfrjls"
    assert loose_key(key("Idlib")) == ""  # three consonants: too many namesakes
    assert loose_key(key("Aleppo")) == ""
    assert loose_key(key("Ein Tarma")) == "_ntrm"  # a leading vowel is marked


def test_similarity_scores_spelling() -> None:
    assert similarity("menbej", "manbij") == pytest.approx(2 * 4 / 12)
    assert similarity("khan shekhon", "khanshaykhun") > 0.75
    assert similarity("source", "sharqiyah") < 0.5


def test_similarity_is_difflibs_ratio() -> None:
    # Two-letter words tie often: the longest run chosen first (the first in a, then in
    # b) decides what is left to match on either side, as in difflib.
    rnd = random.Random(5)
    pairs = [("", ""), ("a", ""), ("deir ezzor", "dayr az zawr"), ("kweires", "kuwayris")]
    for _ in range(3000):
        letters = rnd.choice(["ab", "ab ", "abcdefgh"])
        pairs.append(
            (
                "".join(rnd.choice(letters) for _ in range(rnd.randint(0, 12))),
                "".join(rnd.choice(letters) for _ in range(rnd.randint(0, 12))),
            )
        )
    for a, b in pairs:
        ratio = SequenceMatcher(None, a.replace(" ", ""), b.replace(" ", ""), autojunk=False)
        assert similarity(a, b) == ratio.ratio(), (a, b)


def test_bundled_rules_are_valid() -> None:
    rules = default_rules()
    assert {"SYR", "IRQ", "YEM", "AFG"} <= rules.countries
    assert "TUR" not in rules.countries and "USA" not in rules.countries
    assert "jabal" in rules.not_names
    assert rules.min_consonants == 3 and rules.finder_min_population == 10_000


def test_bad_rules_name_the_problem(tmp_path: Path) -> None:
    bad = tmp_path / "translit.yaml"
    bad.write_text("countries: [Syria]\nvowels: [a]\nsemivowels: [y]\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="alpha-3 codes"):
        read_translit(bad)
    bad.write_text("countries: [SYR]\nletters: {q: kk}\nvowels: [a]\nsemivowels: []\n")
    with pytest.raises(DataFileError, match="one letter to one letter"):
        read_translit(bad)


def test_english_words_include_inflections() -> None:
    assert is_english_word("staff") and is_english_word("fears")
    assert is_english_word("babies") and is_english_word("manager")
    assert not is_english_word("menbej") and not is_english_word("tedef")
    assert not is_english_word("raqqa")


def test_cache_file_changes_with_the_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = gazetteer_cache.cache_file(tmp_path)
    other = tmp_path / "translit.yaml"
    other.write_text(default_rules_text() + "\n# changed\n", encoding="utf-8")
    monkeypatch.setattr(gazetteer_cache, "translit_path", lambda: other)
    assert gazetteer_cache.cache_file(tmp_path) != before


def default_rules_text() -> str:
    from newsevents.resolve.translit import translit_path

    return translit_path().read_text(encoding="utf-8")


# ---------------------------------------------------------------- with the full index


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    """The full index from the default cache (built there on the first run, ~20 s)."""
    return get_gazetteer()


SYRIA = PlaceContext(countries=("SYR",), places=("Syria",))


@pytest.mark.parametrize(
    ("variant", "lat", "lon"),
    [
        ("Menbej", 36.528, 37.955),  # Manbij
        ("Khan Shekhon", 35.442, 36.651),  # Khan Shaykhun
        ("Tedef", 36.348, 37.531),  # Tadif
        ("Hendarat", 36.289, 37.161),  # Handarat (a UCDP village)
        ("Sheikh Meskin", 32.827, 36.161),  # Shaykh Miskin
        ("al-Kharita", 35.473, 40.004),  # Khurayta
        ("Hirbnafsah", 34.938, 36.623),  # Harbinafsah (supplement spelling)
        ("Kafar Jalis", 35.977, 36.613),  # Kafr Jalis (loose key)
        ("Jabal al-Akrad", 35.65, 36.2),  # supplement region
        ("Jabal al-Turkman", 35.735, 35.961),
        ("Sweida", 32.709, 36.570),
        ("As-Suwayda", 32.709, 36.570),
        ("Deir al-Zour", 35.336, 40.141),
        ("Dayr az Zawr", 35.336, 40.141),
        ("Deir Ezzor", 35.336, 40.141),
        ("Raqqa", 35.953, 39.008),
        ("Ar Raqqah", 35.953, 39.008),
        ("Abu Kamal", 34.452, 40.919),
        ("Albu Kamal", 34.452, 40.919),
        ("Al-Bukamal", 34.452, 40.919),
        ("Boukamal", 34.452, 40.919),
    ],
)
def test_variants_resolve_in_a_syrian_story(
    gaz: Gazetteer, variant: str, lat: float, lon: float
) -> None:
    place = gaz.resolve(variant, SYRIA)
    assert place is not None and place.iso3 == "SYR"
    assert km(place.latitude, place.longitude, lat, lon) < 10


def test_a_transliteration_needs_no_context_but_yields_to_it(gaz: Gazetteer) -> None:
    place = gaz.resolve("Menbej")
    assert place is not None and place.name == "Manbij"
    assert gaz.explain("Menbej")[0].place.name == "Manbij"
    # An article about Texas places nothing in Syria: no Syrian town by spelling alone.
    texas = PlaceContext(countries=("USA",), places=("Texas", "Dallas"))
    assert gaz.resolve("Khan Shekhon", texas) is None


def test_finder_accepts_transliterations_of_known_towns(gaz: Gazetteer) -> None:
    for name in ("Menbej", "Tedef", "Hendarat", "Khan Shekhon", "Sheikh Meskin", "Tabaqa"):
        assert gaz.is_place_name(name), name


@pytest.mark.parametrize(
    "word",
    ["Staff", "Manager", "Source", "People", "Fears", "Missile", "Motion", "Region", "Jabal"],
)
def test_finder_refuses_english_words_and_name_parts(gaz: Gazetteer, word: str) -> None:
    assert not gaz.is_place_name(word)


def test_geoparsing_references_skip_one_word_transliterations(gaz: Gazetteer) -> None:
    # "Susan" shares Sousian's key: as a one-word reference it would take first names.
    assert not gaz.is_place_reference("Susan")
    assert not gaz.is_place_reference("Menbej")
    assert gaz.is_place_reference("Khan Shekhon")
    assert gaz.is_place_reference("Manbij")
