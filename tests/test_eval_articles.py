"""Scoring whole articles against hand-coded ACLED events: pairing rules, every metric, pooling, bad gold."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from conftest import make_event
from eventwire.cli import main
from eventwire.errors import EvalError
from eventwire.eval.articles import (
    Tally,
    combined_scores,
    evaluate_set,
    pair_events,
    pair_problem,
    pool,
    scores,
    tally_article,
)
from eventwire.eval.articles_data import GoldArticle, GoldEvent, read_documents, read_gold
from eventwire.eval.details import format_article
from eventwire.eval.pairing import assign
from eventwire.model import Location
from eventwire.pipeline import extract_documents

NEWS = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "news"
KM_PER_DEGREE = 6371.0088 * 3.141592653589793 / 180  # along a meridian, as the haversine measures it
SHELLING = ("Explosions/Remote violence", "Shelling/artillery/missile attack")


def gold_event(
    lat: float | None = 10.0,
    lon: float | None = 20.0,
    day: str | None = "2024-03-10",
    country: str = "SS",
    precision: int = 1,
    event_type: str = SHELLING[0],
    sub_event_type: str = SHELLING[1],
    fatalities: int = 0,
    main: bool = True,
) -> GoldEvent:
    return GoldEvent(
        event_type=event_type,
        sub_event_type=sub_event_type,
        country=country,
        lat=lat,
        lon=lon,
        geo_precision=precision,
        event_date=dt.date.fromisoformat(day) if day else None,
        fatalities=fatalities,
        main=main,
    )


def predicted(
    lat: float | None = 10.0,
    lon: float | None = 20.0,
    day: str = "2024-03-10",
    country: str = "SS",
    event_type: str = SHELLING[0],
    sub_event_type: str = SHELLING[1],
    killed: int | None = 0,
    **extra,
):
    event = make_event(
        day=day,
        lat=lat if lat is not None else 0.0,
        lon=lon if lon is not None else 0.0,
        country=country,
        event_type=event_type,
        sub_event_type=sub_event_type,
        killed=killed,
        **extra,
    )
    if lat is None:
        event = event.model_copy(update={"location": Location(name="somewhere", country=country)})
    return event


def article(*events: GoldEvent, doc_id: str = "a1") -> GoldArticle:
    return GoldArticle(doc_id=doc_id, relevant=bool(events), events=events)


# ---- the optimal assignment


@given(
    st.integers(1, 4).flatmap(
        lambda rows: st.lists(
            st.lists(st.one_of(st.none(), st.floats(0, 1)), min_size=3, max_size=3),
            min_size=rows,
            max_size=rows,
        )
    )
)
def test_pairing_assign_finds_the_most_pairs_then_the_closest(table):
    pairs = assign(table)
    assert len({r for r, _ in pairs}) == len(pairs) == len({c for _, c in pairs})
    assert all(table[r][c] is not None for r, c in pairs)
    best = max(_brute_force(table))
    assert (len(pairs), sum(table[r][c] for r, c in pairs)) >= (best[0], best[1] - 1e-9)


def _brute_force(table):
    """Every one-to-one assignment's (number of pairs, total closeness)."""
    rows, columns = len(table), len(table[0])
    for chosen in itertools.permutations([*range(columns), *[None] * rows], rows):
        pairs = [(r, c) for r, c in enumerate(chosen) if c is not None and table[r][c] is not None]
        yield len(pairs), sum(table[r][c] for r, c in pairs)


def test_pairing_prefers_two_pairs_over_one_closer_pair():
    # Row 0 fits column 0 best, but only row 0 can take column 1: the assignment gives up closeness.
    assert assign([[1.0, 0.1], [0.2, None]]) == [(0, 1), (1, 0)]


# ---- what may pair


def test_a_different_event_type_never_pairs():
    battle = predicted(event_type="Battles", sub_event_type="Armed clash")
    assert pair_problem(battle, gold_event()) == "type Battles is not Explosions/Remote violence"
    assert pair_problem(predicted(), gold_event()) is None


def test_places_pair_within_50_km_not_beyond():
    near = predicted(lat=10.0 + 49 / KM_PER_DEGREE)
    far = predicted(lat=10.0 + 51 / KM_PER_DEGREE)
    assert pair_problem(near, gold_event()) is None
    assert pair_problem(far, gold_event()) == "51 km apart"


def test_dates_pair_within_two_days_not_three():
    assert pair_problem(predicted(day="2024-03-12"), gold_event()) is None
    assert pair_problem(predicted(day="2024-03-13"), gold_event()) == "3 days apart"
    assert pair_problem(predicted(day="2024-03-07"), gold_event()) == "3 days apart"


def test_an_undated_gold_event_sets_no_date_condition():
    assert pair_problem(predicted(day="2024-06-01"), gold_event(day=None)) is None
    assert pair_problem(predicted(day="2024-06-01"), gold_event()) == "83 days apart"


def test_a_coarse_gold_place_pairs_by_country():
    far_but_same_country = predicted(lat=7.0, lon=30.0)
    assert pair_problem(far_but_same_country, gold_event(precision=3)) is None
    assert pair_problem(far_but_same_country, gold_event(precision=1)) == "1149 km apart"
    abroad = predicted(lat=10.0, lon=20.0, country="SD")
    assert pair_problem(abroad, gold_event(precision=3)) == "country SD is not SS"


def test_a_place_without_coordinates_pairs_by_country():
    assert pair_problem(predicted(lat=None), gold_event()) is None
    assert pair_problem(predicted(lat=None, country="UG"), gold_event()) == "country UG is not SS"
    assert pair_problem(predicted(), gold_event(lat=None, lon=None)) is None


def test_strict_pairing_also_needs_the_sub_event_type():
    air = predicted(sub_event_type="Air/drone strike")
    assert pair_events([air], [gold_event()]) == [(0, 0)]
    assert pair_events([air], [gold_event()], strict=True) == []


def test_pairing_is_one_to_one_and_takes_the_closer_prediction():
    golds = [gold_event()]
    farther = predicted(lat=10.3)
    closer = predicted(lat=10.01)
    assert pair_events([farther, closer], golds) == [(1, 0)]
    assert pair_events([farther, closer], golds + [gold_event(lat=10.4)]) == [(0, 1), (1, 0)]


def test_between_equal_predictions_the_first_pairs():
    assert pair_events([predicted(), predicted()], [gold_event()]) == [(0, 0)]


# ---- the metrics


def test_every_metric_on_one_article_with_events():
    gold = [
        gold_event(fatalities=3, main=False),
        gold_event(lat=12.0, fatalities=0, main=True),
        gold_event(lat=14.0, event_type="Battles", sub_event_type="Armed clash", fatalities=2, main=False),
    ]
    events = [
        predicted(killed=3),  # pairs gold 1 (not main), deaths exact
        predicted(lat=12.0, killed=None, sub_event_type="Air/drone strike"),  # pairs gold 2, loosely only
        predicted(lat=-30.0, killed=7),  # nothing near
        make_event(event_type=None, sub_event_type=None, killed=50),  # not an ACLED event: not counted
    ]
    result = scores(tally_article(article(*gold), events))
    assert result["predicted_events"] == 3 and result["gold_events"] == 3
    assert result["paired_events"] == 2 and result["strict_paired_events"] == 1
    assert result["event_precision"] == result["event_recall"] == result["event_f1"] == 0.6667
    assert result["strict_f1"] == 0.3333
    assert result["deaths_predicted"] == 10 and result["deaths_gold"] == 5
    assert result["deaths_exact_on_pairs"] == 1.0  # 3 == 3, and no toll counts as 0 == 0
    assert result["main_event_accuracy"] == 0.0  # the first prediction paired a non-main event
    assert result["articles_without_events"] == 0 and result["false_events_per_article_without"] is None


def test_main_event_accuracy_counts_the_first_prediction_only():
    gold = article(gold_event(main=True), gold_event(lat=12.0, main=False))
    first_main = tally_article(gold, [predicted(), predicted(lat=12.0)])
    first_not_main = tally_article(gold, [predicted(lat=12.0), predicted()])
    assert scores(first_main)["main_event_accuracy"] == 1.0
    assert scores(first_not_main)["main_event_accuracy"] == 0.0


def test_false_events_are_counted_per_article_without_events():
    quiet = [article(doc_id="q1"), article(doc_id="q2")]
    tallies = [tally_article(quiet[0], [predicted(), predicted()]), tally_article(quiet[1], [])]
    result = scores(pool(tallies))
    assert result["articles_without_events"] == 2
    assert result["false_events_per_article_without"] == 1.0
    assert result["event_precision"] == 0.0 and result["event_recall"] is None


def test_pooled_sets_add_their_counts():
    one = tally_article(article(gold_event()), [predicted()])
    other = tally_article(article(gold_event(), gold_event(lat=12.0)), [predicted(lat=-5.0)])
    pooled = scores(one + other)
    assert pooled["documents"] == 2 and pooled["gold_events"] == 3 and pooled["paired_events"] == 1
    assert pooled["event_recall"] == 0.3333
    assert pool([one, other]) == one + other != Tally()


# ---- reading gold and documents, and the command


def _write_set(tmp_path: Path, records: list[dict], docs: list[dict]) -> tuple[str, str]:
    gold_path, docs_path = tmp_path / "gold.yaml", tmp_path / "docs.jsonl"
    gold_path.write_text(yaml.safe_dump(records, sort_keys=False), encoding="utf-8")
    docs_path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return str(gold_path), str(docs_path)


ATTACK_TEXT = (
    "JUBA, March 10 (Reuters) - Rebels shelled the town of Bor in South Sudan on Sunday, killing four "
    "civilians, local officials said."
)
QUIET_TEXT = "The central bank of Kenya kept its main interest rate unchanged on Tuesday, its governor said."
GOLD_RECORDS = [
    {
        "doc_id": "made-1",
        "published": "2024-03-10",
        "relevant": True,
        "events": [
            {
                "event_type": "Explosions/Remote violence",
                "sub_event_type": "Shelling/artillery/missile attack",
                "actor1": "Rebels",
                "actor2": "Civilians (South Sudan)",
                "location": "Bor",
                "country": "SS",
                "latitude": 6.21,
                "longitude": 31.56,
                "geo_precision": 1,
                "event_date": "2024-03-10",
                "fatalities": 4,
                "evidence": "Rebels shelled the town of Bor",
                "main": True,
            }
        ],
    },
    {"doc_id": "made-2", "relevant": False, "events": []},
]
DOCS = [
    {"id": "made-1", "text": ATTACK_TEXT},
    {"id": "made-2", "text": QUIET_TEXT, "published": "2024-03-12"},
]


def test_documents_take_the_gold_publication_date_when_their_line_has_none(tmp_path):
    gold_path, docs_path = _write_set(tmp_path, GOLD_RECORDS, DOCS)
    documents = read_documents(docs_path, read_gold(gold_path))
    assert [d.published for d in documents] == [dt.date(2024, 3, 10), dt.date(2024, 3, 12)]


def test_a_set_scores_what_the_pipeline_extracts(tmp_path):
    gold_path, docs_path = _write_set(tmp_path, GOLD_RECORDS, DOCS)
    result = evaluate_set(gold_path, docs_path)
    gold = read_gold(gold_path)
    documents = read_documents(docs_path, gold)
    expected = pool(tally_article(a, e) for a, e in zip(gold, extract_documents(documents), strict=True))
    assert result.name == tmp_path.name and result.tally == expected
    assert expected.documents == 2 and expected.gold_events == 1 and expected.articles_without_events == 1


def test_eval_articles_command_writes_pooled_and_per_set_scores(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir(), second.mkdir()
    set1 = _write_set(first, GOLD_RECORDS, DOCS)
    set2 = _write_set(second, GOLD_RECORDS[1:], DOCS[1:])
    out = tmp_path / "scores.json"
    result = CliRunner().invoke(
        main, ["eval", "articles", *set1, "--set", *set2, "--json", str(out), "--details"]
    )
    assert result.exit_code == 0, result.output
    saved = json.loads(out.read_text())
    assert set(saved["sets"]) == {"first", "second"}
    assert saved["documents"] == 3 and saved["gold_events"] == 1 and saved["articles_without_events"] == 2
    assert saved["sets"]["second"]["documents"] == 1
    assert "== made-1 | relevant | 2024-03-10 |" in result.output
    assert '"Rebels shelled the town of Bor"' in result.output  # the gold evidence, in the details


def test_one_set_gives_flat_scores_and_several_add_each_set():
    from eventwire.eval.articles import ArticleResult, SetResult
    from eventwire.model import Document

    gold = article(gold_event())
    judged = ArticleResult(gold, Document(id="a1", text="x"), [], [], tally_article(gold, []))
    one = combined_scores([SetResult("one", [judged])])
    two = combined_scores([SetResult("one", [judged]), SetResult("two", [judged, judged])])
    assert "sets" not in one and one["gold_events"] == 1
    assert two["gold_events"] == 3 and two["sets"]["two"]["gold_events"] == 2


def test_details_show_paired_missed_and_false_events():
    from eventwire.eval.articles import ArticleResult
    from eventwire.model import Document

    gold = article(gold_event(fatalities=2), gold_event(lat=14.0))
    events = [predicted(killed=2), predicted(lat=14.0 + 60 / KM_PER_DEGREE)]
    pairs = pair_events(events, gold.events)
    text = format_article(
        ArticleResult(gold, Document(id="a1", text="x"), events, pairs, tally_article(gold, events))
    )
    assert text.splitlines()[0] == "== a1 | relevant | undated | 2 gold, 2 predicted, 1 paired"
    assert "  PAIRED (0 km, 0 days)" in text
    assert "  MISSED" in text and "not paired: pred 1: 445 km apart; pred 2: 60 km apart" in text
    assert "  FALSE" in text and "deaths 2" in text


@pytest.mark.parametrize(
    ("records", "message"),
    [
        ({"doc_id": "x"}, "expected a YAML list of article records"),
        ([{"events": []}], "record 1: missing a doc_id"),
        (
            [{"doc_id": "x", "events": [{"event_type": "Fights"}]}],
            "event_type 'Fights' is not one of ACLED's six",
        ),
        (
            [{"doc_id": "x", "events": [{"event_type": "Battles", "sub_event_type": "Grenade"}]}],
            "sub_event_type 'Grenade' is not a kind of Battles",
        ),
        (
            [{"doc_id": "x", "events": [{"event_type": "Battles", "event_date": "10/03/2024"}]}],
            "event_date: '10/03/2024' is not an ISO date",
        ),
        (
            [{"doc_id": "x", "events": [{"event_type": "Battles", "latitude": 10.0}]}],
            "latitude 10.0 and longitude None are not a point",
        ),
        (
            [{"doc_id": "x", "events": [{"event_type": "Battles", "fatalities": "many"}]}],
            "fatalities 'many' is not a count",
        ),
        ([{"doc_id": "x"}, {"doc_id": "x"}], "doc_id 'x' appears twice"),
    ],
    ids=["not-a-list", "no-id", "bad-type", "bad-sub-type", "bad-date", "half-point", "bad-toll", "repeat"],
)
def test_bad_gold_is_one_line_and_exit_2(tmp_path, records, message):
    gold_path, docs_path = _write_set(tmp_path, records, [{"id": "x", "text": QUIET_TEXT}])
    with pytest.raises(EvalError, match=re.escape(message)):
        read_documents(docs_path, read_gold(gold_path))
    result = CliRunner().invoke(main, ["eval", "articles", gold_path, docs_path])
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1 and message in result.stderr


def test_unreadable_yaml_and_unmatched_documents_are_refused(tmp_path):
    gold_path, docs_path = _write_set(
        tmp_path, GOLD_RECORDS, DOCS[:1] + [{"id": "stray", "text": QUIET_TEXT}]
    )
    with pytest.raises(EvalError, match="document 'stray' has no gold record"):
        read_documents(docs_path, read_gold(gold_path))
    gold_path, docs_path = _write_set(tmp_path, GOLD_RECORDS, DOCS[:1])
    with pytest.raises(EvalError, match=r"no document for gold record\(s\) made-2"):
        read_documents(docs_path, read_gold(gold_path))
    assert [d.id for d in read_documents(docs_path, read_gold(gold_path), limit=1)] == ["made-1"]
    Path(gold_path).write_text("- doc_id: [unclosed\n", encoding="utf-8")
    with pytest.raises(EvalError, match="not readable as YAML"):
        read_gold(gold_path)


@pytest.mark.parametrize("name", ["gwn_dev", "reuters96_dev"])
def test_the_development_gold_reads_whole(name):
    folder = NEWS / name
    if not folder.exists():
        pytest.skip("development data is not here")
    gold = read_gold(folder / "gold.yaml")
    documents = read_documents(folder / "docs.jsonl", gold)
    assert len(documents) == len(gold) > 20
    assert all(a.relevant == bool(a.events) for a in gold)
    assert any(e.main for a in gold for e in a.events)
