"""Fatalities and injuries by ACLED's rules, and the quantity phrases they are read from."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import in_words
from eventwire import extract
from eventwire.counts import (
    MAX_INCIDENT_TOLL,
    MAX_RUNNING_TOLL,
    Quantity,
    TollFigure,
    extract_tolls,
    parse_quantity,
)
from eventwire.model import Toll


def killed(text: str) -> TollFigure:
    figure = extract_tolls(text).killed
    assert figure is not None, text
    return figure


def injured(text: str) -> TollFigure:
    figure = extract_tolls(text).injured
    assert figure is not None, text
    return figure


# parse_quantity


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("at least 25", Quantity(best=25, low=25, high=None)),
        ("more than 1,200", Quantity(best=1200, low=1200, high=None)),
        ("twenty-five", Quantity(best=25, low=25, high=25)),
        ("two dozen", Quantity(best=24, low=24, high=24)),
        ("a dozen", Quantity(best=12, low=12, high=12)),
        ("two hundred and fifty", Quantity(best=250, low=250, high=250)),
        ("between 10 and 15", Quantity(best=10, low=10, high=15)),
        ("10 to 15", Quantity(best=10, low=10, high=15)),
        ("10-15", Quantity(best=10, low=10, high=15)),
        ("two or three", Quantity(best=2, low=2, high=3)),
        ("up to 20", Quantity(best=20, low=None, high=20)),
        ("about 30", Quantity(best=30, low=None, high=None)),
        ("3 million", Quantity(best=3_000_000, low=3_000_000, high=3_000_000)),
    ],
)
def test_quantity_phrases_give_the_range_they_assert(phrase: str, expected: Quantity) -> None:
    assert parse_quantity(phrase) == expected


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("tens", 10),
        ("dozens", 12),
        ("scores", 20),
        ("hundreds", 100),
        ("thousands", 1000),
        ("tens of thousands", 10_000),
        ("hundreds of thousands", 100_000),
        ("several", 10),
        ("many", 10),
        ("an unknown number of", 10),
        ("a number of", 10),
    ],
)
def test_quantity_vague_counts_use_acled_floor_values(phrase: str, value: int) -> None:
    assert parse_quantity(phrase) == Quantity(best=value, low=value, high=None, vague=True)


@pytest.mark.parametrize("phrase", ["1e9", "25-year-old", "three bombs", "", "5,000,000,000,000", "one two"])
def test_quantity_rejects_what_is_not_a_count(phrase: str) -> None:
    assert parse_quantity(phrase) is None


# extract_tolls: the numbers ACLED would code


def test_counts_at_least_gives_low_and_best() -> None:
    figure = killed("At least 25 people were killed in the attack.")
    assert (figure.best, figure.low, figure.high) == (25, 25, None)


def test_counts_more_than_uses_the_stated_number() -> None:
    figure = killed("More than 20 civilians were killed.")
    assert (figure.best, figure.low, figure.civilians) == (20, 20, 20)


@pytest.mark.parametrize(
    "text",
    [
        "Between 10 and 15 people died.",
        "The strike killed 10 to 15 people.",
        "The strike killed 10-15 people.",
    ],
)
def test_counts_range_gives_low_best_and_high(text: str) -> None:
    figure = killed(text)
    assert (figure.best, figure.low, figure.high) == (10, 10, 15)


def test_counts_conflicting_reports_take_the_lowest_as_best_and_highest_as_high() -> None:
    figure = killed("At least 25 people were killed, while local officials said 30 died.")
    assert (figure.best, figure.low, figure.high) == (25, 25, 30)
    figure = killed("25 people were killed, but officials said 30.")
    assert (figure.best, figure.high) == (25, 30)


@pytest.mark.parametrize(
    ("text", "best"),
    [
        ("Dozens of people were killed.", 12),
        ("Tens of people died.", 10),
        ("Hundreds were killed.", 100),
        ("Twenty-five people were killed.", 25),
        ("Two dozen soldiers were killed.", 24),
        ("Three people died.", 3),
        ("Several people were killed.", 10),
    ],
)
def test_counts_number_words_and_vague_counts(text: str, best: int) -> None:
    assert killed(text).best == best


def test_counts_list_of_victims_adds_up_and_counts_civilians() -> None:
    figure = killed("Gunmen attacked the base, killing 3 soldiers and 2 civilians.")
    assert (figure.best, figure.civilians) == (5, 2)
    assert killed("5 soldiers and 2 civilians were killed.").best == 7


def test_counts_including_children_is_a_subset_not_added() -> None:
    figure = killed("The raid killed 25 people, including 10 children.")
    assert (figure.best, figure.children) == (25, 10)
    assert killed("The strike killed 4 people, 2 of them children.").children == 2


def test_counts_a_child_killed_is_one_child() -> None:
    figure = killed("A child was killed in the shelling.")
    assert (figure.best, figure.children) == (1, 1)


@pytest.mark.parametrize(
    "text",
    [
        "Villagers killed a suspected cattle thief in Kaduna.",
        "A 25-year-old man was killed.",
        "One of the attackers was killed.",
    ],
)
def test_counts_singular_victim_is_one(text: str) -> None:
    assert killed(text).best == 1


@pytest.mark.parametrize(
    ("text", "best"),
    [
        ("3 Taliban killed in clash", 3),
        ("The clash resulted in 2 fatalities.", 2),
        ("5 dead after the attack.", 5),
        ("Police found the bodies of 4 men.", 4),
        ("Seven people died in the fire.", 7),
        ("Twelve people lost their lives.", 12),
        ("Two men were shot dead.", 2),
        ("Militants beheaded three men.", 3),
        ("Four prisoners were executed.", 4),
        ("30 people were massacred.", 30),
        ("The attack left 10 people dead.", 10),
        ("2 killed, 5 injured in Kabul blast", 2),
    ],
)
def test_counts_killing_verbs_and_nouns(text: str, best: int) -> None:
    assert killed(text).best == best


@pytest.mark.parametrize(
    ("text", "best"),
    [
        ("The blast wounded 12.", 12),
        ("Eight people were injured.", 8),
        ("Three soldiers were hurt.", 3),
        ("The airstrike killed 4 and wounded dozens.", 12),
    ],
)
def test_counts_injured(text: str, best: int) -> None:
    assert injured(text).best == best


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen opened fire, killing 2 and wounding 5.",
        "The bombing killed 2 and wounded 5.",
        "Two people were killed and five injured.",
    ],
)
def test_counts_wounded_do_not_leak_into_killed(text: str) -> None:
    tolls = extract_tolls(text)
    assert tolls.killed is not None and tolls.injured is not None
    assert (tolls.killed.best, tolls.injured.best) == (2, 5)


@pytest.mark.parametrize(
    ("text", "killed_zero", "injured_zero"),
    [
        ("There were no fatalities.", True, False),
        ("No casualties were reported.", True, True),
        ("No one was hurt in the blast.", True, True),
        ("Nobody was injured.", False, True),
    ],
)
def test_counts_explicit_zero_is_zero_not_none(text: str, killed_zero: bool, injured_zero: bool) -> None:
    tolls = extract_tolls(text)
    assert (tolls.killed is not None and tolls.killed.best == 0) == killed_zero
    assert (tolls.injured is not None and tolls.injured.best == 0) == injured_zero


def test_counts_not_said_is_none() -> None:
    assert extract_tolls("Rebels entered the city on Sunday.") == extract_tolls("")
    assert extract_tolls("Rebels entered the city on Sunday.").killed is None


@pytest.mark.parametrize(
    "text",
    [
        "3 bombs exploded near the market.",
        "Two vehicles were destroyed.",
        "In 2020, the group killed civilians.",
        "A figure of 1e9 was killed.",
        "The 3 days of fighting killed",
        "Some 2,000,000 people were killed.",
        "Fatalities coded as 0 (VoJ reported 3).",
    ],
)
def test_counts_numbers_that_are_not_people_are_not_tolls(text: str) -> None:
    assert extract_tolls(text).killed is None


def test_counts_killers_are_not_the_dead() -> None:
    assert killed("3 gunmen killed 5 people.").best == 5
    assert killed("3 bombs exploded, killing 5.").best == 5


def test_counts_dates_are_not_tolls() -> None:
    figure = killed("Since November 27, 56 people have been killed.")
    assert (figure.best, figure.cumulative) == (56, True)
    assert killed("The attack on 3 December killed 5 people.").best == 5


@pytest.mark.parametrize(
    "text",
    [
        "The death toll rose to 56.",
        "So far this year 300 people have been killed.",
        "In total 40 people died.",
        "Over the past week, 20 people were killed.",
        "The war has killed hundreds of thousands of people.",
        "The war, which began in 2011, has killed more than 500,000 people.",
    ],
)
def test_counts_running_totals_are_cumulative(text: str) -> None:
    assert killed(text).cumulative


def test_counts_incident_figure_wins_over_the_running_total() -> None:
    figure = killed("The attack killed 5 people, bringing the death toll to 56.")
    assert (figure.best, figure.cumulative) == (5, False)


def test_counts_mention_points_at_the_words() -> None:
    text = "Witnesses said gunmen stormed the village, killing 3 soldiers and 2 civilians."
    figure = killed(text)
    assert text[figure.start : figure.end] == figure.mention == "killing 3 soldiers and 2 civilians"


def test_counts_span_limits_the_search() -> None:
    text = "Two people died on Monday. Five were wounded on Tuesday."
    tolls = extract_tolls(text, 0, text.index("Five"))
    assert tolls.killed is not None and tolls.injured is None
    assert extract_tolls(text, text.index("Five")).injured is not None


def test_counts_figure_converts_to_toll_record() -> None:
    toll = killed("At least 25 people, including 10 children, were killed.").to_toll()
    assert isinstance(toll, Toll)
    assert (toll.best, toll.low, toll.cumulative) == (25, 25, False)


# properties


@given(st.integers(min_value=0, max_value=10**6))
def test_counts_property_digits_round_trip(n: int) -> None:
    assert parse_quantity(str(n)) == Quantity(best=n, low=n, high=n)
    assert parse_quantity(f"{n:,}") == Quantity(best=n, low=n, high=n)


@given(st.integers(min_value=0, max_value=999_999))
def test_counts_property_number_words_round_trip(n: int) -> None:
    assert parse_quantity(in_words(n)) == Quantity(best=n, low=n, high=n)


_HEDGES = ["", "at least ", "more than ", "up to ", "nearly ", "about ", "some ", "over "]
_CORES = st.one_of(
    st.integers(0, 10**6).map(str),
    st.integers(0, 999).map(in_words),
    st.sampled_from(["dozens", "hundreds", "tens of thousands", "several", "a dozen", "two dozen"]),
)
_PHRASES = st.one_of(
    st.tuples(st.sampled_from(_HEDGES), _CORES).map("".join),
    st.tuples(_CORES, st.sampled_from([" to ", " or "]), _CORES).map("".join),
    # "between one hundred and one hundred and one" is ambiguous English: "between" takes cores without "and".
    st.tuples(_CORES, _CORES)
    .filter(lambda pair: " and " not in pair[0] + pair[1])
    .map(lambda pair: f"between {pair[0]} and {pair[1]}"),
)


def _ordered(best: int, low: int | None, high: int | None) -> bool:
    return (low is None or low <= best) and (high is None or best <= high)


@given(_PHRASES)
def test_counts_property_quantity_low_best_high_are_ordered(phrase: str) -> None:
    quantity = parse_quantity(phrase)
    assert quantity is not None, phrase
    assert _ordered(quantity.best, quantity.low, quantity.high)


_TEMPLATES = [
    "{a} people were killed and {b} wounded.",
    "The strike killed {a} civilians, including {b} children.",
    "Gunmen opened fire, killing {a} soldiers and {b} civilians and wounding {a}.",
    "{a} people died, officials said, though residents said {b}.",
    "The toll rose to {a} after {b} more bodies were found.",
]


@given(st.sampled_from(_TEMPLATES), _PHRASES, _PHRASES)
def test_counts_property_tolls_are_ordered_and_bounded(template: str, a: str, b: str) -> None:
    tolls = extract_tolls(template.format(a=a, b=b))
    for figure in (tolls.killed, tolls.injured):
        if figure is not None:
            assert _ordered(figure.best, figure.low, figure.high)
            assert 0 <= figure.best <= (MAX_RUNNING_TOLL if figure.cumulative else MAX_INCIDENT_TOLL)
            assert figure.children is None or figure.children <= figure.best
            assert figure.civilians is None or figure.civilians <= figure.best


@given(st.text(), st.integers(-5, 200), st.one_of(st.none(), st.integers(-5, 200)))
def test_counts_property_counts_never_raise_on_arbitrary_text(text: str, start: int, end: int | None) -> None:
    parse_quantity(text)
    tolls = extract_tolls(text, start, end)
    for figure in (tolls.killed, tolls.injured):
        assert figure is None or figure.to_toll().best == figure.best


_SALAD = (
    "killed wounded at least dozens of people were and 25 1,200 twenty-five a child no one hurt toll rose to "
    "since including children civilians , . ; bombs 2020 1e9 killing the"
)
_WORDS = st.sampled_from(_SALAD.split(" "))


@given(st.lists(_WORDS, max_size=40).map(" ".join))
def test_counts_property_counts_never_raise_on_casualty_like_word_salad(text: str) -> None:
    tolls = extract_tolls(text)
    for figure in (tolls.killed, tolls.injured):
        assert figure is None or _ordered(figure.best, figure.low, figure.high)


@pytest.mark.parametrize(
    ("text", "best"),
    [
        ("2 policemen were killed. 2 other policemen were killed when they arrived.", 4),
        ("2 soldiers were killed in the attack. Troops killed 3 militants.", 5),
        ("Rebels killed three soldiers; the army said five soldiers were killed.", 3),
    ],
)
def test_counts_other_victims_add_up_while_the_same_victims_are_rival_reports(text: str, best: int) -> None:
    assert killed(text).best == best


@pytest.mark.parametrize(
    "text",
    ["A woman was shot to death.", "Gunmen fatally shot a man.", "1 fatality.", "A female body was found."],
)
def test_counts_singular_death_phrasings(text: str) -> None:
    assert killed(text).best == 1


def test_counts_headline_killed_and_injured_numbers() -> None:
    tolls = extract_tolls("1 killed 3 injured.")
    assert tolls.killed is not None and tolls.injured is not None
    assert (tolls.killed.best, tolls.injured.best) == (1, 3)


def test_counts_one_person_described_at_length_is_one_death() -> None:
    text = "On Sunday a local leader of the ruling party was killed by unidentified assailants."
    killed = extract_tolls(text).killed
    assert killed is not None and killed.best == 1


def test_counts_a_long_description_without_an_of_is_not_a_person() -> None:
    text = "A shop selling spare parts for old farm tractors was destroyed and set on fire."
    assert extract_tolls(text).killed is None


@pytest.mark.parametrize(
    ("text", "best"),
    [
        ("A gendarme shot and killed a taxi driver after a dispute.", 1),
        ("Two soldiers shot and killed three villagers.", 3),
        ("About 100 residents lynched two suspected thieves.", 2),
        ("A bomb exploded near the mosque, killing the driver.", 1),
        ("Militants shot and killed the head of the district council.", 1),
    ],
)
def test_counts_the_doers_before_a_killing_verb_are_not_the_dead(text: str, best: int) -> None:
    assert killed(text).best == best


def test_counts_the_before_a_plural_is_not_one() -> None:
    assert extract_tolls("Gunmen killed the passengers of a bus.").killed is None


@pytest.mark.parametrize(
    ("text", "best"),
    [
        ("The clashes led to the death of 4 soldiers and 2 gendarmes, and 5 seriously injured.", 6),
        ("Gunmen killed between 16 and 25 people at a funeral.", 16),
        ("The district police commander was killed.", 1),
    ],
)
def test_counts_deaths_named_by_a_noun_or_a_post(text: str, best: int) -> None:
    assert killed(text).best == best


def test_counts_the_of_a_longer_description_is_not_a_second_victim() -> None:
    assert killed("A local leader of the ruling party was killed on Sunday.").best == 1


def test_a_death_the_crowd_suffered_after_its_grievance_counts():
    (event,) = extract(
        "Police fired on demonstrators who pelted stones over the death of militant commander Reyaz Naikoo, "
        "leading to the death of one demonstrator.",
        published=dt.date(2020, 5, 8),
    )
    assert event.event_type in {"Protests", "Riots"}
    assert event.fatalities.best == 1
