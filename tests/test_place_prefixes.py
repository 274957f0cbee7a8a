"""Prefixes: the word sequences a place key may start with, found as a scan of all of
them finds them (the first in order, followed by a space)."""

from newsevents.resolve.place_words import prefixes


def test_first_match_in_order_wins() -> None:
    found = prefixes(["north east of", "north", "near"])
    assert found.leading("north east of the town") == "north east of"
    assert found.leading("north hama") == "north"
    assert found.leading("near the dam") == "near"


def test_a_prefix_must_be_followed_by_a_space() -> None:
    found = prefixes(["north", "near"])
    assert found.leading("northern hama") is None
    assert found.leading("north") is None
    assert found.leading("nearby") is None


def test_a_key_starting_with_no_first_word_matches_nothing() -> None:
    found = prefixes(["republic of", "kingdom of"])
    assert found.leading("the republic of x") is None
    assert found.leading("republic x") is None
    assert found.leading("") is None
    assert prefixes([]).leading("anything here") is None
