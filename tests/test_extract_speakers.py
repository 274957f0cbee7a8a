"""Acts a speaker tells of itself, and a state's forces named with its country's possessive."""

import pytest
from factories import new_events

import newsevents

pytestmark = pytest.mark.model


def _actors(text: str, published: str = "2017-04-05") -> list[tuple[str | None, str | None]]:
    return [(e.actor1, e.actor2) for e in newsevents.extract(text, published=published)]


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        (
            "The SDF said it had captured 100 Islamic State fighters near Deir ez-Zor on Monday.",
            "Syrian Democratic Forces",
        ),
        (
            "Turkey said its troops shelled Kurdish positions near Afrin on Monday.",
            "Military Forces of Turkey",
        ),
        (
            "The army said it had killed 30 militants near Palmyra on Tuesday.",
            "Military Forces of Syria",
        ),
        (
            "Jaish al-Islam said it had shot down a regime drone near Douma on Saturday.",
            "Jaish al-Islam",
        ),
    ],
)
def test_an_armed_speaker_telling_its_own_act_is_its_actor(text, actor1):
    assert [a1 for a1, _ in _actors(text)] == [actor1]


def test_an_unarmed_speaker_is_not_the_actor_of_what_it_reports():
    found = _actors(
        "The Observatory said they had shelled the town of Douma on Monday, killing 5 civilians."
    )
    assert found and all(a1 != "Syrian Observatory for Human Rights" for a1, _ in found)


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        # Another country's forces in a Syrian article: not the Syrian army.
        (
            "Iraq's security forces killed 10 militants near Abu Kamal on Monday.",
            "Military Forces of Iraq",
        ),
        (
            "Turkey's army shelled Kurdish positions near Afrin on Monday.",
            "Military Forces of Turkey",
        ),
        # Scraped texts that lost the apostrophe.
        (
            "Syrias army shelled the town of Khan Sheikhoun on Monday, killing 5 civilians.",
            "Military Forces of Syria",
        ),
        ("Russias air force bombed Idlib on Monday.", "Military Forces of Russia"),
    ],
)
def test_a_countrys_possessive_names_its_own_forces(text, actor1):
    assert [a1 for a1, _ in _actors(text)] == [actor1]


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        (
            "Assad dropped barrel bombs on Daraya on Monday, killing 10 people.",
            "Military Forces of Syria",
        ),
        (
            "President Bashar al-Assad's air force bombed Douma on Monday.",
            "Military Forces of Syria",
        ),
        (
            "Jaish al-Fateh fighters captured the town of Jisr al-Shughur on Saturday.",
            "Jaish al-Fatah",
        ),
    ],
)
def test_the_president_acting_is_the_states_forces_and_the_army_of_conquest_is_known(text, actor1):
    assert [a1 for a1, _ in _actors(text, published="2015-04-27")] == [actor1]


def test_a_weapon_credited_after_its_report_is_no_act():
    # "the air force said": the source of the report, not a second, air strike event.
    events = new_events(
        "Ukrainian forces shot down 25 Russian drones overnight, the air force said.",
        "2024-06-20",
    )
    assert [e.sub_event_type for e in events] == ["Disrupted weapons use"]
    # Speaking of its own act, it is the act's doer.
    (own,) = new_events(
        "The air force said it had struck rebel positions near Kunduz on Monday.", "2024-06-20"
    )
    assert own.sub_event_type == "Air/drone strike"
