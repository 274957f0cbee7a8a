"""One victim told without a number counts one dead (ACLED: a named or singular person
killed is 1 fatality); uncounted groups, habitual, hypothetical, attempted and shared
killed-and-injured readings stay unknown (loads the model)."""

import pytest

import newsevents

pytestmark = pytest.mark.model


def _fatalities(text: str) -> list[int | None]:
    events = newsevents.extract(text, published="2017-05-01")
    return [e.fatalities for e in events if e.status == "new"]


@pytest.mark.parametrize(
    "text",
    [
        # passive with a singular rank or role noun
        "A colonel is killed in a car bomb blast at a checkpoint near Daraa",
        # "claims the life of", "causes the death of": the death noun's "of" phrase
        "A roadside explosion claims the life of a boy in the countryside of Idlib",
        "Shelling on Douma causes the death of a woman",
        # a predicate ("shot dead"), an undergoer verb ("dies of wounds")
        "A civilian was shot dead by gunmen in Daraa",
        "A man dies of wounds he sustained in shelling on Douma",
        # a headline's participle on its noun, with an "of" phrase
        "A leader of the brigade killed in an ambush in Hama countryside",
        # the object of an active verb, with "a" or "the"
        "Gunmen kill a policeman in Homs",
        "Unknown gunmen killed the mayor of Jasim in Daraa",
        "The regime forces execute a man in Homs",
        # "lost his life", a gerund's "of" phrase, an assassination's victim
        "A farmer lost his life in shelling on Idlib",
        "Killing of a child by a sniper in Daraa",
        "Unidentified gunmen assassinate the chairman of the local council in Daraa",
    ],
)
def test_one_uncounted_victim_is_one_dead(text):
    assert _fatalities(text) == [1]


def test_a_named_person_killed_is_one_dead():
    assert _fatalities("Mohammad Khaled Hassan was killed by a sniper in Deir Ezzor") == [1]


def test_a_named_organisation_is_no_person():
    # "Jaysh al-Islam" is an actor's name, not a person killed.
    assert _fatalities("The Syrian army killed Jaysh al-Islam in Douma") == [None]


@pytest.mark.parametrize(
    "text",
    [
        # plural or uncounted victims
        "Civilians were killed in shelling on Idlib",
        "Members of the regime forces killed in clashes in Hama",
        "Casualties in shelling on Idlib",
        # one figure, or one victim, for the killed and the injured together
        "Regime forces killed and injured a man in Daraa",
        # more people than the one named, uncounted
        "Aerial bombardment kills a woman with her children in Idlib",
        "Shelling kills a man and his sons in Daraa",
        # negated, attempted, nearly
        "No civilian was killed in the shelling on Idlib",
        "Gunmen tried to kill a commander in Daraa",
        "An attempt to assassinate a commander in a rebel faction in Daraa",
        # a collective noun in the singular
        "Rebels kill a family in shelling on Hama",
    ],
)
def test_uncounted_or_uncertain_deaths_stay_unknown(text):
    assert _fatalities(text) == [None]


def test_a_near_miss_counts_no_dead():
    (event,) = newsevents.extract(
        "A judge was almost killed in a bomb attack in Daraa", published="2017-05-01"
    )
    assert event.fatalities is None


def test_habitual_or_hypothetical_deaths_make_no_toll():
    assert _fatalities("A child dies every hour in Syria") == []
    assert _fatalities("Anyone who approaches the border will be killed") == []
    assert all(f is None for f in _fatalities("A soldier will be killed if he crosses in Daraa"))


def test_a_stated_count_outranks_the_one_victim():
    # A toll brought up to date by the death counts earlier dead too: the one dead is the
    # event's count, the total no one event's.
    assert _fatalities("A soldier was killed in Daraa, raising the death toll to 20") == [1]
    # A toll told for itself is its event's.
    assert _fatalities("The death toll of the attack in Daraa rose to 20") == [20]
    # "one of the ...": the number reading, as before.
    assert _fatalities("One of the fighters was killed in clashes in Hama") == [1]
    # Another kind of casualty counted beside the one dead keeps both.
    events = newsevents.extract(
        "Gunmen killed a man and injured 3 others in Daraa", published="2017-05-01"
    )
    assert [(e.fatalities, e.injured) for e in events] == [(1, 3)]


def test_a_death_mourned_or_protested_is_no_toll_of_the_protest():
    assert _fatalities("Demonstrators in Daraa protest against the killing of a young man") == [
        None
    ]


def test_one_dead_alone_makes_no_event_of_a_weak_word_in_a_story():
    # In a story's body, a weak casualty word ("the death of") with one victim and no
    # place, actor or other trigger stays no event, as it did without a count.
    text = (
        "Bogota, 3 Mar 90 -- Gunmen killed 4 police officers in Medellin. "
        "The minister said the death of the judge was caused by irrational violence."
    )
    events = newsevents.extract(text, published="1990-03-03")
    assert [e.fatalities for e in events] == [4]


def test_a_gerund_told_as_a_noun_counts_its_of_phrase_but_not_after_a_preposition():
    assert _fatalities("Killing of 5 civilians in Daraa") == [5]
    # An earlier killing that only times the act told ("after the killing of 30").
    assert _fatalities(
        "Two weeks after the killing of 30 of their members, the regime forces attack "
        "positions of the group in Palmyra"
    ) == [None]


def test_one_figure_for_killed_and_injured_together_still_counts_neither():
    # Only a kill verb with an object of its own ("killed a man and injured 3 others")
    # is apart from the injure verb beside it.
    assert _fatalities("Shells target Douma killing and injuring 12 people at least") == [None]
    assert _fatalities("Regime forces kill and injure more than 40 persons in Douma") == [None]


def test_a_modal_makes_a_death_noun_no_toll():
    # What warplanes could do is no event at all (the doer of a modal verb, 0ed9163),
    # so no toll either.
    assert _fatalities("Warplanes could cause the death of a child in Idlib") == []


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        # coordinated victims are distinct people: each counted one or by its number
        ("Shelling kills a man and his son in Daraa", 2),
        ("Gunmen kill a teacher and his wife in Homs", 2),
        ("The air strike killed a nurse and 4 farmers near Hama", 5),
    ],
)
def test_coordinated_victims_are_added_up(text, dead):
    assert _fatalities(text) == [dead]


@pytest.mark.parametrize(
    "text",
    [
        "Unknown gunmen shot dead a teacher in Daraa",
        "The town witnesses the killing of a woman by unknown gunmen in Homs",
        "Martyrdom of a young man in shelling on Douma",
    ],
)
def test_shot_dead_a_killing_and_a_martyrdom_of_one_person_count_one(text):
    assert _fatalities(text) == [1]
