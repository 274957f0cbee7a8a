"""Recasing one-word place names that are also English words or surnames: capitalised
where the words around them call them a place or a name, left in lower case otherwise."""

from newsevents.recase import Recaser, recase_text
from newsevents.records import Place
from newsevents.resolve.actors import ActorDictionary

# Places of a made-up gazetteer: small towns named like English words or surnames, a
# country and a big city named like English words, and a real place name.
_SMALL_TOWNS = {"Run", "Plate", "Street", "Light", "Anderson", "Christopher", "Perez", "Rich"}
_FEATURES = {"Turkey": ("country", 80_000_000), "Reading": ("city", 250_000)}
_PLACES = _SMALL_TOWNS | set(_FEATURES) | {"Usulutan", "Light Street"}


def _resolve(name: str) -> Place | None:
    if name not in _PLACES:
        return None
    feature, population = _FEATURES.get(name, ("town", 5_000))
    return Place(
        name=name,
        latitude=0.0,
        longitude=0.0,
        country="X",
        iso3="XXX",
        admin1="",
        geo_precision=1,
        feature=feature,
        population=population,
    )


RECASER = Recaser(
    is_place=lambda name: name in _PLACES, actors=ActorDictionary.load(), resolve_place=_resolve
)


def _cased(text: str) -> str:
    out = recase_text(text, RECASER)
    assert len(out) == len(text)
    return out


def test_an_english_word_in_a_common_position_stays_lower_case():
    out = _cased("the judge was able to run. the bus, with license plate 7, hit the street.")
    assert "able to run." in out and "license plate 7" in out and "the street." in out


def test_an_english_word_after_a_determiner_or_as_a_verb_is_no_place():
    assert "a light tank" in _cased("they saw a light tank.")
    assert "will run" in _cased("he will run the office.")


def test_a_place_frame_capitalises_an_english_word():
    assert "the town of Light" in _cased("rebels entered the town of light.")
    assert "Plate department" in _cased("rebels attacked plate department.")
    assert "in Run, Usulutan" in _cased("a bomb exploded in run, usulutan.")


def test_a_country_or_big_city_named_like_a_word_keeps_its_capital():
    assert "flew to Turkey" in _cased("the minister flew to turkey.")
    assert "in Reading yesterday" in _cased("a bomb went off in reading yesterday.")


def test_a_surname_after_a_title_or_beside_another_name_is_capitalised():
    out = _cased("he told colonel anderson that christopher perez was killed.")
    assert "colonel Anderson" in out and "Christopher Perez" in out


def test_a_name_after_a_determiner_is_not_read_as_a_name():
    assert "the light street" in _cased("they walked down the light street.")


def test_runs_of_english_words_are_no_place_unless_framed():
    assert "the light street" in _cased("later, in the light street, they burned cars.")
    assert "the village of Light Street" in _cased("they burned the village of light street.")


def test_a_word_that_is_no_english_word_is_still_capitalised_anywhere():
    assert "in Usulutan" in _cased("guerrillas attacked a post in usulutan.")
