"""Passage dates: undated sentences that go on telling an earlier dated event (no model)."""

from dataclasses import replace

from factories import mention

from newsevents.records import Place, ResolvedDate
from newsevents.resolve.passages import PASSAGE, passage_dates, refers_back

# VOA, 12 March 2025 (8006651): the close of its "Recent attacks" section.
KALAT = (
    "Last month, BLA insurgents ambushed a bus transporting a paramilitary force in Kalat "
    "and killed 18 of those on board. Just days later, a roadside bomb blast killed 11 coal "
    "miners in the city, while the BLA took credit for attacking a military vehicle "
    "securing a supply convoy for a mining company operated by China. Pakistani "
    "authorities reported the convoy was passing through Kalat when it came under attack, "
    "resulting in injuries to eight security personnel."
)
PUBLISHED = ResolvedDate("2025-03-12", None, "week")
KALAT_TOWN = Place("Kalat", 29.03, 66.59, "Pakistan", "PAK", "Balochistan", "town", 1)
PAKISTAN = Place("Pakistan", 30.0, 70.0, "Pakistan", "PAK", None, "country", 4)


def _at(
    text: str,
    sentence: str,
    date: ResolvedDate | None,
    sub: str = "Attack",
    place: Place | None = PAKISTAN,
):
    """A mention of one sentence of `text`, dated by its text or (date None) undated;
    placed only in the country unless told."""
    start = text.index(sentence)
    m = mention(article="voa", start=start, sub=sub, published="2025-03-12", place=place)
    source = replace(m.source, sentence=sentence, char_end=start + len(sentence))
    if date is None:
        return replace(m, source=source, date=PUBLISHED, date_from="published")
    return replace(m, source=source, date=date, date_from="text")


def _sentences(text: str) -> list[str]:
    return [s if s.endswith(".") else s + "." for s in text.split(". ")]


def test_undated_sentences_continuing_last_months_attack_take_its_month():
    first, second, third = _sentences(KALAT)
    february = ResolvedDate("2025-02-01", None, "month")
    ms = [
        _at(KALAT, first, february, place=KALAT_TOWN),
        _at(KALAT, second, None),
        _at(KALAT, third, None, place=KALAT_TOWN),
    ]
    out = passage_dates(KALAT, ms)
    assert out[0] == ms[0]
    # "Just days later" tells time from the ambush; "the convoy" (a sentence placed in
    # Kalat) is "a supply convoy" of the sentence before.
    assert [m.date for m in out[1:]] == [february, february]
    assert [m.date_from for m in out] == ["text", PASSAGE, PASSAGE]


def test_a_sentence_that_does_not_refer_back_ends_the_passage():
    text = (
        "Last month, insurgents ambushed a bus in Kalat. "
        "Police arrested three men in Quetta. "
        "The bus was carrying soldiers."
    )
    first, second, third = _sentences(text)
    february = ResolvedDate("2025-02-01", None, "month")
    out = passage_dates(
        text, [_at(text, first, february), _at(text, second, None), _at(text, third, None)]
    )
    # The arrest names nothing of the ambush: it is dated by publication, and so is what
    # follows it, though "the bus" repeats the ambush's noun.
    assert [m.date_from for m in out] == ["text", "published", "published"]
    assert out[2].date == PUBLISHED


def test_a_passage_inside_the_publication_window_is_left_to_the_publication_day():
    text = "Militants attacked a train on Tuesday. The attack killed 21 passengers."
    first, second = _sentences(text)
    tuesday = ResolvedDate("2025-03-11", None, "day")  # the day before publication
    out = passage_dates(text, [_at(text, first, tuesday), _at(text, second, None)])
    assert out[1].date_from == "published" and out[1].date == PUBLISHED


def test_a_day_dated_passage_before_the_window_dates_the_toll_sentence():
    # VOA, 14 March 2025 (8009976): the toll follows Tuesday's attack, three days earlier.
    text = (
        "Militants linked with the banned Baloch Liberation Army attacked a passenger train "
        "Tuesday near Sibi, Balochistan, taking hundreds hostage. At least 21 passengers and "
        "four paramilitary troops died in the attack."
    )
    first, second = _sentences(text)
    tuesday = ResolvedDate("2025-03-11", None, "day")
    late = ResolvedDate("2025-03-14", None, "week")
    toll = replace(_at(text, second, None), date=late)
    out = passage_dates(text, [_at(text, first, tuesday), toll])
    assert out[1].date == tuesday and out[1].date_from == PASSAGE


def test_another_event_of_the_dated_sentence_keeps_its_own_dating():
    text = "Last month, gunmen attacked a bus in Kalat and the blast also hit a shop."
    february = ResolvedDate("2025-02-01", None, "month")
    dated = _at(text, text, february)
    other = replace(_at(text, text, None), mention=replace(dated.mention, event_type="Riots"))
    out = passage_dates(text, [dated, other])
    assert out[1].date_from == "published"


def test_refers_back_needs_a_sequel_word_or_a_repeated_noun():
    passage = "Last month, insurgents ambushed a bus transporting a paramilitary force."
    assert refers_back("Days later, a bomb killed 11 miners.", passage)
    assert refers_back("The bus was carrying soldiers.", passage)
    assert refers_back("The ambushers fled.", passage)  # "ambushed": same stem
    # A name after "the" ("the BLA") and vague nouns ("the country") do not tie.
    assert not refers_back("The BLA claimed it.", passage + " The BLA said so.")
    assert not refers_back("The country mourned.", passage + " in the country")
    assert not refers_back("Police arrested three men.", passage)


def test_a_placed_sentence_needs_a_reference_to_what_the_passage_introduced():
    text = (
        "Last month, rebel forces attacked a checkpoint in Kalat. "
        "The rebel forces also shelled Quetta. "
        "The checkpoint was destroyed."
    )
    first, second, third = _sentences(text)
    february = ResolvedDate("2025-02-01", None, "month")
    ms = [
        _at(text, first, february, place=KALAT_TOWN),
        _at(text, second, None, place=KALAT_TOWN),
        _at(text, third, None, place=KALAT_TOWN),
    ]
    out = passage_dates(text, ms)
    # "the rebel forces" repeats the passage's words but no "a ..." introduced them: a
    # placed sentence may be a new event, so the passage ends there.
    assert [m.date_from for m in out] == ["text", "published", "published"]


def test_a_placed_sentence_keeps_the_publication_day_in_a_day_dated_passage():
    text = "Militants attacked a convoy on Sunday near Kalat. The convoy was carrying troops."
    first, second = _sentences(text)
    sunday = ResolvedDate("2025-03-09", None, "day")
    ms = [_at(text, first, sunday, place=KALAT_TOWN), _at(text, second, None, place=KALAT_TOWN)]
    assert passage_dates(text, ms)[1].date_from == "published"
    # The same sentence without a place of its own takes Sunday.
    ms[1] = _at(text, second, None)
    assert passage_dates(text, ms)[1].date == sunday
