"""Quantity phrases to conservative integers (newsevents.resolve.numbers)."""

from __future__ import annotations

import pytest

from newsevents.resolve.numbers import Quantity, find_quantities, parse_quantity


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # digits, thousands separators, decimals with scale words
        ("1,500", 1500),
        ("100,000", 100000),
        ("11,654", 11654),
        ("7.5 million", 7500000),
        ("3 million", 3000000),
        ("2.9", 2),
        # number words
        ("seven", 7),
        ("Seven", 7),
        ("twenty-five", 25),
        ("twenty five", 25),
        ("two hundred", 200),
        ("two hundred and fifty", 250),
        ("one thousand five hundred", 1500),
        ("a hundred", 100),
        ("a dozen", 12),
        ("half a dozen", 6),
        ("half-dozen", 6),
        ("two dozen", 24),
        ("seven million", 7000000),
        # vague quantities (ACLED's values)
        ("tens", 10),
        ("dozens", 12),
        ("scores", 20),
        ("hundreds", 100),
        ("thousands", 1000),
        ("tens of thousands", 10000),
        ("hundreds of thousands", 100000),
        ("several", 10),
        ("a number of", 10),
        ("many", 10),
        ("a few", 3),
        ("a handful", 3),
        ("a couple", 2),
        ("two or three", 2),
        # modifiers keep the stated figure
        ("more than 200", 200),
        ("over 200", 200),
        ("at least 15", 15),
        ("some 180", 180),
        ("about 180", 180),
        ("around 180", 180),
        ("nearly 50", 50),
        ("almost 50", 50),
        ("up to 50", 50),
        ("an estimated 2,000", 2000),
        ("Nearly eight million", 8000000),
        ("more than a dozen", 12),
        # ranges give the lower bound
        ("15 to 20", 15),
        ("15-20", 15),
        ("15\u201320", 15),
        ("between 15 and 20", 15),
        ("between 1,500 and 3,000", 1500),
        ("20 to 15", 15),
        # one and none
        ("a", 1),
        ("an", 1),
        ("one", 1),
        ("no one", 0),
        ("nobody", 0),
        ("none", 0),
        # a phrase: its first quantity
        ("at least 15 people", 15),
        ("a soldier", 1),
    ],
)
def test_parse_quantity(text: str, value: int) -> None:
    assert parse_quantity(text) == value


@pytest.mark.parametrize("text", ["", "the hotel", "Baghouz", "caliphate", "anyway", "nothing"])
def test_parse_quantity_rejects_non_quantities(text: str) -> None:
    assert parse_quantity(text) is None


def test_find_quantities_offsets_and_values() -> None:
    text = "Its fighters slaughter more than 200 people and injure some 180 more in Sweida."
    found = find_quantities(text)
    assert found == [
        Quantity(23, 36, "more than 200", 200),
        Quantity(55, 63, "some 180", 180),
    ]
    assert all(text[q.start : q.end] == q.text for q in found)


def test_find_quantities_number_words_and_vague() -> None:
    text = "Dozens were hurt, two children died and hundreds of people fled; no one was arrested."
    assert [(q.text, q.value) for q in find_quantities(text)] == [
        ("Dozens", 12),
        ("two", 2),
        ("hundreds", 100),
        ("no one", 0),
    ]


def test_find_quantities_skips_years_days_and_percentages() -> None:
    text = (
        "Since 2009, hundreds died; violence began March 6 and 6 March; a 45% rise, "
        "deaths went from 88 in 2023 to 388 in 2024."
    )
    assert [(q.text, q.value) for q in find_quantities(text)] == [
        ("hundreds", 100),
        ("88", 88),
        ("388", 388),
    ]


def test_find_quantities_skips_model_numbers_and_ordinals() -> None:
    assert find_quantities("An F-16 hit the 14th floor.") == []


def test_find_quantities_seed_sentence() -> None:
    text = "SDF officials estimated that 1,500 civilians and 500 ISIS fighters remained."
    assert [(q.text, q.value) for q in find_quantities(text)] == [("1,500", 1500), ("500", 500)]
