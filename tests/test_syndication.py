from factories import mention

from newsevents.lexicon import get_lexicon
from newsevents.merge import build_event
from newsevents.syndication import COPY_THRESHOLD, independent_reports, similarity, sketch

LEX = get_lexicon()
WIRE = (
    "DAMASCUS (Reuters) - Air strikes on rebel-held towns in Idlib province killed at least 12 "
    "people on Saturday, a war monitor said, as government forces pressed an offensive in the "
    "northwest. The Syrian Observatory for Human Rights said warplanes struck Maarat al-Numan "
    "and Khan Sheikhoun, hitting a market and a school. Rescue workers pulled bodies from rubble."
)
OWN = (
    "Residents of Idlib described a day of bombing. Twelve people died when jets hit the market "
    "in Maarat al-Numan, a local doctor told our correspondent, and the school in Khan Sheikhoun "
    "was damaged. The government says it targets militants only."
)


def test_a_reprint_is_a_copy_and_an_outlets_own_report_is_not():
    reprint = "Syria strikes kill 12\n" + WIRE + "\nCopyright 2019 Example Media."
    assert similarity(sketch(WIRE), sketch(reprint)) >= COPY_THRESHOLD
    assert similarity(sketch(WIRE), sketch(OWN)) < 0.1
    assert sketch("") == () and similarity((), sketch(WIRE)) == 0.0


def test_syndicated_copies_count_once_in_n_sources():
    ms = [
        mention(article="w1", outlet="Reuters"),
        mention(article="w2", outlet="Yahoo News"),
        mention(article="o1", outlet="Local Daily"),
        mention(article="o2", outlet="Local Daily", start=40),
    ]
    sketches = {"w1": sketch(WIRE), "w2": sketch(WIRE + " Read more."), "o1": sketch(OWN)}
    sources = [m.source for m in ms]
    assert independent_reports(sources, {}) == 3  # distinct outlets
    assert independent_reports(sources, sketches) == 2  # the wire copy counts once
    assert build_event("ev", ms, LEX, "t", sketches).n_sources == 2


def test_copies_join_through_shared_hashes_only():
    """Equal sketches are copies, sketches sharing no hash are not, and a copy links two
    outlets through a third (the count is that of the whole pairwise test)."""
    wire, own = sketch(WIRE), sketch(OWN)
    assert not set(wire) & set(own)
    edited = sketch(WIRE + " Read more.")
    ms = [
        mention(article="a1", outlet="A"),
        mention(article="b1", outlet="B"),
        mention(article="c1", outlet="C"),
        mention(article="c2", outlet="C", start=40),
        mention(article="d1", outlet="D"),
        mention(article="e1", outlet="E"),
    ]
    sources = [m.source for m in ms]
    # A and B print one text; C prints the edited wire once and its own report once, so
    # A, B and C are one report; D's own report is a copy of C's; E has no sketch.
    sketches = {"a1": wire, "b1": wire, "c1": edited, "c2": own, "d1": own}
    assert independent_reports(sources, sketches) == 2
    assert independent_reports(sources, {"a1": wire, "b1": own, "d1": own}) == 4
