"""MUC-4 messages and answer keys: the parser's invariants, and how predicted events are scored on them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import make_event
from eventwire.cli import main
from eventwire.errors import EvalError
from eventwire.eval.muc4 import (
    MucTally,
    muc_like,
    muc_scores,
    muc_types,
    names_place,
    pair_templates,
    perpetrator_matches,
    place_fit,
    tally_message,
    template_deaths,
    types_compatible,
)
from eventwire.eval.muc4_data import (
    MONTH_NAMES,
    SLOT_NAMES,
    Filler,
    LocationOption,
    Place,
    parse_filler,
    parse_key,
    parse_location,
    parse_messages,
    read_key_files,
    read_message_files,
    render_filler,
    render_location,
)
from eventwire.model import ACLED_TYPES, Location

MUC4 = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "news" / "muc4"


def key_text(message_id: str, number: str = "1", **slots: str | list[str]) -> str:
    """A made-up key template: every slot `-` unless given; a list gives a slot several filler lines."""
    given_slots = {name.replace("_", " ").upper(): value for name, value in slots.items()}
    lines = []
    for index, slot in enumerate(SLOT_NAMES):
        value = {"MESSAGE: ID": message_id, "MESSAGE: TEMPLATE": number}.get(slot)
        value = value or given_slots.get(slot.replace(":", ""), "-")
        values = value if isinstance(value, list) else [value]
        label = f"{index}.".ljust(4) + slot
        lines.append(label.ljust(36) + values[0])
        lines.extend(" " * 36 + more for more in values[1:])
    return "\n".join(lines) + "\n\n"


def irrelevant(message_id: str) -> str:
    return (
        "\n".join(
            ["0.  MESSAGE: ID".ljust(36) + message_id]
            + [(f"{i}.".ljust(4) + slot).ljust(36) + "*" for i, slot in enumerate(SLOT_NAMES) if i]
        )
        + "\n\n"
    )


# ---- fillers


def test_muc4_filler_reads_alternatives_references_and_optional_marks():
    filler = parse_filler('? REPORTED AS FACT / CLAIMED OR ADMITTED: "SHINING PATH" / "SENDERO LUMINOSO"')
    assert filler == Filler(
        ("REPORTED AS FACT", "CLAIMED OR ADMITTED"), ("SHINING PATH", "SENDERO LUMINOSO"), optional=True
    )
    assert parse_filler('"\\"SANTO TOMAS\\" FARM" / "FARM"').values == ('"SANTO TOMAS" FARM', "FARM")
    assert parse_filler('"RADIO: STATION"') == Filler(("RADIO: STATION",))
    assert parse_filler('1: "CEREZO"') == Filler(("1",), ("CEREZO",))
    assert parse_filler('?"GUERRILLAS"') == Filler(("GUERRILLAS",), optional=True)


_SET_FILL = st.from_regex(r"[A-Z][A-Z0-9 ]{0,12}[A-Z0-9]", fullmatch=True)
_STRING = st.text(st.characters(codec="ascii", exclude_categories=("Cc",)), min_size=1, max_size=20).filter(
    lambda s: s.strip() == s
)


@given(
    st.lists(st.one_of(_SET_FILL, _STRING), min_size=1, max_size=3),
    st.lists(_STRING, max_size=3),
    st.booleans(),
)
def test_muc4_filler_round_trips_through_its_key_spelling(values, refs, optional):
    filler = Filler(tuple(values), tuple(refs), optional)
    assert parse_filler(render_filler(filler)) == filler


@given(st.text(max_size=80))
def test_muc4_filler_reading_never_fails(text):
    filler = parse_filler(text)
    assert all(isinstance(v, str) and v for v in filler.values)


# ---- locations


def test_muc4_location_reads_options_levels_and_kinds():
    options = parse_location(
        "(EL SALVADOR: SAN SALVADOR (CITY / DEPARTMENT): ESCALON (NEIGHBORHOOD)) / (EL SALVADOR)"
    )
    assert options == (
        LocationOption(
            "EL SALVADOR",
            (Place("SAN SALVADOR", ("CITY", "DEPARTMENT")), Place("ESCALON", ("NEIGHBORHOOD",))),
        ),
        LocationOption("EL SALVADOR"),
    )
    between = parse_location("? COLOMBIA: CUCUTA (CITY) - CAMPANARIO (REGION)")
    assert [p.name for p in between[0].places] == ["CUCUTA", "CAMPANARIO"]
    assert parse_location("-") == () and parse_location("*") == ()


_NAME = st.from_regex(r"[A-Z][A-Z ]{0,10}[A-Z]", fullmatch=True)
_OPTIONS = st.lists(
    st.builds(
        LocationOption,
        _NAME,
        st.lists(st.builds(Place, _NAME, st.lists(_NAME, min_size=1, max_size=2).map(tuple)), max_size=3).map(
            tuple
        ),
    ),
    min_size=1,
    max_size=3,
)


@pytest.mark.slow
@given(_OPTIONS)
def test_muc4_location_round_trips_through_its_key_spelling(options):
    assert parse_location(render_location(options)) == tuple(options)


# ---- keys


def test_muc4_key_reads_templates_continuations_comments_and_empty_messages():
    text = (
        ";;; a note by the key writer\n"
        + key_text(
            "TST9-MUC4-0001",
            "1",
            incident_type="BOMBING",
            incident_location="PERU: LIMA (CITY)",
            perp_organization_id='"SHINING PATH"',
            hum_tgt_description=['"PEASANTS"', '"MAYOR"'],
            hum_tgt_number=['3: "PEASANTS"', '1: "MAYOR"'],
            hum_tgt_effect_of_incident=['DEATH: "PEASANTS"', 'INJURY: "MAYOR"'],
        )
        + key_text("TST9-MUC4-0001", "2 (OPTIONAL)", incident_type="ARSON", incident_location="PERU")
        + irrelevant("TST9-MUC4-0002")
    )
    first, second = parse_key(text)
    assert first.message_id == "TST9-MUC4-0001" and first.relevant
    bombing, arson = first.templates
    assert (bombing.number, bombing.optional, arson.number, arson.optional) == (1, False, 2, True)
    assert bombing.incident_types == ("BOMBING",)
    assert [f.value for f in bombing.fillers("HUM TGT: NUMBER")] == ["3", "1"]
    assert bombing.fillers("PHYS TGT: ID") == ()
    assert bombing.locations == (LocationOption("PERU", (Place("LIMA", ("CITY",)),)),)
    assert second.message_id == "TST9-MUC4-0002" and second.templates == () and not second.relevant


def test_muc4_a_message_with_optional_templates_only_is_not_relevant():
    (key,) = parse_key(key_text("TST9-MUC4-0003", "1 (OPTIONAL)", incident_type="ATTACK"))
    assert len(key.templates) == 1 and not key.relevant


_FILLER_LINES = st.lists(
    st.builds(Filler, st.lists(_SET_FILL, min_size=1, max_size=2).map(tuple)), max_size=3
)


@pytest.mark.slow
@settings(max_examples=50)
@given(
    st.lists(
        st.tuples(st.integers(1, 9999), st.booleans(), _FILLER_LINES),
        min_size=1,
        max_size=5,
        unique_by=lambda template: template[0],
    )
)
def test_muc4_key_round_trips_generated_templates(templates):
    text = "".join(
        key_text(
            f"TST9-MUC4-{number:04d}",
            "1 (OPTIONAL)" if optional else "1",
            perp_individual_id=[render_filler(f) for f in fillers] or "-",
        )
        for number, optional, fillers in templates
    )
    keys = {key.message_id: key for key in parse_key(text)}
    for number, optional, fillers in templates:
        (template,) = keys[f"TST9-MUC4-{number:04d}"].templates
        assert template.optional == optional
        assert list(template.fillers("PERP: INDIVIDUAL ID")) == fillers
    assert len(keys) == len(templates)


@given(st.text(max_size=300))
def test_muc4_reading_any_text_never_fails(text):
    for key in parse_key(text):
        assert key.message_id
    for message in parse_messages(text):
        assert message.message_id in text


# ---- messages


MESSAGES = """DEV-MUC3-0001 (NOSC)

   SAN SALVADOR, 3 JAN 90 (RADIO VENCEREMOS) -- [TEXT] GUERRILLAS ATTACKED A
BRIDGE.

DEV-MUC3-0002 (NOSC)

   TEGUCIGALPA, 7 FEB (REUTER) -- [TEXT] A BOMB EXPLODED.

DEV-MUC3-0003 (NOSC)

   PERTH (AUSTRALIA), JUNE 11 89 (AFP) -- [TEXT] NOTHING HAPPENED.

TST1-MUC3-0004

   CLANDESTINE, NO DATE -- [TEXT] A REPORT.
"""


def test_muc4_messages_are_dated_by_their_datelines():
    messages = parse_messages(MESSAGES)
    assert [m.message_id for m in messages] == [
        "DEV-MUC3-0001",
        "DEV-MUC3-0002",
        "DEV-MUC3-0003",
        "TST1-MUC3-0004",
    ]
    assert [m.published for m in messages] == [
        dt.date(1990, 1, 3),
        dt.date(1990, 2, 7),  # no year: the year of the message before
        dt.date(1989, 6, 11),
        None,
    ]
    assert messages[0].text == (
        "SAN SALVADOR, 3 JAN 90 (RADIO VENCEREMOS) -- [TEXT] GUERRILLAS ATTACKED A\nBRIDGE."
    )


@settings(max_examples=50)
@given(
    st.lists(
        st.tuples(
            st.dates(dt.date(1980, 1, 1), dt.date(1999, 12, 31)),
            st.lists(st.from_regex(r"[A-Z][A-Z ,.]{0,40}[A-Z.]", fullmatch=True), min_size=1, max_size=3),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_muc4_messages_round_trip_ids_dates_and_text(items):
    months = MONTH_NAMES
    text = ""
    for n, (day, lines) in enumerate(items, 1):
        dateline = f"LIMA, {day.day} {months[day.month - 1]} {day.year % 100:02d} (EFE) -- [TEXT] "
        text += f"TST9-MUC4-{n:04d}\n\n   {dateline}" + "\n".join(lines) + "\n\n"
    messages = parse_messages(text)
    assert [m.message_id for m in messages] == [f"TST9-MUC4-{n:04d}" for n in range(1, len(items) + 1)]
    assert [m.published for m in messages] == [day for day, _ in items]
    assert all(m.text.endswith(lines[-1].rstrip()) for m, (_, lines) in zip(messages, items, strict=True))


@pytest.mark.parametrize("split", ["dev", "tst1", "tst2"])
def test_muc4_every_distributed_file_reads(split):
    folder = MUC4 / split
    if not folder.exists():
        pytest.skip("MUC-4 data is not here")
    keys = read_key_files([folder])
    messages = read_message_files([folder])
    assert len(messages) == {"dev": 1300, "tst1": 100, "tst2": 100}[split]
    assert {m.message_id for m in messages} == set(keys)
    assert sum(k.relevant for k in keys.values()) > len(keys) / 3
    templates = [t for k in keys.values() for t in k.templates]
    assert all(t.incident_types for t in templates)
    assert sum(bool(t.locations) for t in templates) >= len(templates) - 2


# ---- what counts and what pairs


def test_muc4_scope_maps_known_sub_types_and_leaves_clashes_out():
    table = muc_types()
    assert table["Abduction/forced disappearance"] >= {"KIDNAPPING"}
    assert table["Remote explosive/landmine/IED"] >= {"BOMBING"}
    assert not set(table) & set(ACLED_TYPES["Battles"])
    clash = make_event(event_type="Battles", sub_event_type="Armed clash")
    attack = make_event(event_type="Violence against civilians", sub_event_type="Attack")
    assert muc_like([clash, attack]) == [attack]


def _template(**slots):
    (key,) = parse_key(key_text("TST9-MUC4-0001", **slots))
    return key.templates[0]


def test_muc4_incident_types_are_compatible_through_the_scope_table():
    bomb = make_event(event_type="Explosions/Remote violence", sub_event_type="Remote explosive/landmine/IED")
    assert types_compatible(bomb, _template(incident_type="BOMBING"))
    assert types_compatible(bomb, _template(incident_type="ARSON / ATTACK"))
    assert not types_compatible(bomb, _template(incident_type="KIDNAPPING"))


SAN_SALVADOR = dict(place="San Salvador", lat=13.69, lon=-89.19, country="SV", admin1="San Salvador")


def _at(
    place: str, lat: float | None, lon: float | None, country: str, admin1: str | None = None, precision=1
):
    event = make_event(event_type="Violence against civilians", sub_event_type="Attack")
    location = Location(name=place, lat=lat, lon=lon, country=country, admin1=admin1, geo_precision=precision)
    return event.model_copy(update={"location": location})


def test_muc4_places_agree_by_name_by_nearness_or_by_department():
    city = parse_location("EL SALVADOR: SAN SALVADOR (CITY)")
    assert place_fit(_at(**SAN_SALVADOR), city) == 1.0
    assert place_fit(_at("Soyapango", 13.71, -89.14, "SV"), city) == 1.0  # a suburb, 6 km away
    assert place_fit(_at("San Miguel", 13.48, -88.18, "SV"), city) is None  # 110 km away
    assert place_fit(_at("El Salvador", 13.8, -88.9, "SV", precision=3), city) == 0.5  # no town
    assert place_fit(_at("Guatemala City", 14.64, -90.51, "GT"), city) is None
    assert place_fit(_at("San Miguel", 13.48, -88.18, "SV"), parse_location("EL SALVADOR")) == 0.5
    department = parse_location("PERU: AYACUCHO (DEPARTMENT)")
    assert place_fit(_at("Huanta", -12.94, -74.25, "PE", admin1="Ayacucho"), department) == 1.0
    assert place_fit(_at("Cusco", -13.52, -71.97, "PE", admin1="Cusco"), department) is None


def test_muc4_a_slip_in_a_key_name_still_names_the_place():
    perquin = _at("Perquin", 13.96, -88.16, "SV", admin1="Morazan")
    assert names_place(perquin, parse_location("EL SALVADOR: MORAZAN (DEPARTMENT): PERKIN (CITY)"))
    assert names_place(perquin, parse_location("GUATAMALA / EL SALVADOR"))
    assert not names_place(perquin, parse_location("EL SALVADOR: SAN MIGUEL (CITY)"))
    assert names_place(perquin, parse_location("(EL SALVADOR: SAN MIGUEL (CITY)) / (EL SALVADOR)"))


def test_muc4_deaths_come_from_the_numbers_of_the_dead_targets():
    numbered = _template(
        hum_tgt_name='"JOSE PEREZ"',
        hum_tgt_description=['"MAYOR": "JOSE PEREZ"', '"PEASANTS"', '"GUARDS"'],
        hum_tgt_number=['1: "JOSE PEREZ"', '6-8: "PEASANTS"', '2: "GUARDS"'],
        hum_tgt_effect_of_incident=['DEATH: "JOSE PEREZ"', 'DEATH: "PEASANTS"', 'INJURY: "GUARDS"'],
    )
    assert template_deaths(numbered) == 7  # 1 named + the lowest of 6-8; the injured do not count
    named_only = _template(hum_tgt_name='"JOSE PEREZ"', hum_tgt_effect_of_incident='DEATH: "JOSE PEREZ"')
    assert template_deaths(named_only) == 1
    plural = _template(
        hum_tgt_description='"PEASANTS"',
        hum_tgt_number='PLURAL: "PEASANTS"',
        hum_tgt_effect_of_incident='DEATH: "PEASANTS"',
    )
    assert template_deaths(plural) is None
    doubtful = _template(hum_tgt_number='1: "MAN"', hum_tgt_effect_of_incident='? DEATH: "MAN"')
    assert template_deaths(doubtful) == 0
    assert template_deaths(_template(hum_tgt_effect_of_incident='DEATH: "-"')) is None


def test_muc4_perpetrators_match_by_a_shared_content_word():
    template = _template(perp_individual_id='"URBAN GUERRILLAS"', perp_organization_id='"FMLN"')
    by_mention = make_event(actor1="Unidentified Armed Group (El Salvador)")
    by_mention = by_mention.model_copy(
        update={"actor1": by_mention.actor1.model_copy(update={"mention": "the guerrilla"})}
    )
    by_name = make_event(actor1="FMLN: Farabundo Marti National Liberation Front")
    stranger = make_event(actor1="Military Forces of El Salvador (1979-2009)")
    only_stop_words = make_event(actor1="The Others")
    assert perpetrator_matches(by_mention, template) and perpetrator_matches(by_name, template)
    assert not perpetrator_matches(stranger, template)
    assert not perpetrator_matches(only_stop_words, _template(perp_individual_id='"THE OTHERS"'))


# ---- the metrics


def _attack(lat=13.69, lon=-89.19, place="San Salvador", killed=2, actor1="Unidentified Armed Group"):
    event = make_event(event_type="Violence against civilians", sub_event_type="Attack", killed=killed)
    location = Location(name=place, lat=lat, lon=lon, country="SV", geo_precision=1)
    return event.model_copy(
        update={
            "location": location,
            "actor1": event.actor1.model_copy(update={"name": actor1, "mention": None}),
        }
    )


def test_muc4_every_metric_on_made_up_messages():
    (relevant,) = parse_key(
        key_text(
            "TST9-MUC4-0001",
            incident_type="ATTACK",
            incident_location="EL SALVADOR: SAN SALVADOR (CITY)",
            perp_organization_id='"FMLN"',
            hum_tgt_description='"PEASANTS"',
            hum_tgt_number='2: "PEASANTS"',
            hum_tgt_effect_of_incident='DEATH: "PEASANTS"',
        )
        + key_text("TST9-MUC4-0001", "2", incident_type="KIDNAPPING", incident_location="EL SALVADOR")
        + key_text(
            "TST9-MUC4-0001",
            "3 (OPTIONAL)",
            incident_type="ATTACK",
            incident_location="EL SALVADOR: SAN MIGUEL (CITY)",
        )
    )
    (quiet,) = parse_key(irrelevant("TST9-MUC4-0002"))
    events = [
        _attack(killed=2),  # pairs template 1: deaths exact, perpetrator missed, place named
        _attack(13.48, -88.18, "San Miguel", killed=0, actor1="FMLN"),  # pairs the optional template 3
        make_event(event_type="Battles", sub_event_type="Armed clash"),  # not MUC-like: not counted
    ]
    assert pair_templates(muc_like(events), relevant.templates) == [(0, 0), (1, 2)]
    scores = muc_scores(tally_message(relevant, events) + tally_message(quiet, [_attack()]))
    assert scores["messages"] == 2 and scores["relevant_messages"] == 1 and scores["predicted_relevant"] == 2
    assert scores["relevance_precision"] == 0.5 and scores["relevance_recall"] == 1.0
    assert scores["predicted_events"] == 3 and scores["templates"] == 2 and scores["optional_templates"] == 1
    assert scores["template_precision"] == 0.6667  # 2 of 3 predictions answer a template (one optional)
    assert scores["template_recall"] == 0.5  # the kidnapping is missed; the optional template never is
    assert scores["deaths_scored"] == 2 and scores["deaths_exact"] == 1.0
    assert scores["perpetrators_named"] == 1 and scores["perpetrator_match"] == 0.0
    assert scores["places_scored"] == 2 and scores["place_named"] == 1.0
    assert MucTally() + MucTally(messages=1) == MucTally(messages=1)


def _write_corpus(tmp_path: Path) -> tuple[str, str]:
    key = tmp_path / "key-tst9"
    key.write_text(
        key_text(
            "TST9-MUC4-0001",
            incident_type="BOMBING",
            incident_location="PERU: LIMA (CITY)",
            perp_organization_id='"SHINING PATH"',
        )
        + irrelevant("TST9-MUC4-0002")
    )
    text = tmp_path / "tst9-muc4"
    text.write_text(
        "TST9-MUC4-0001\n\n   LIMA, 3 MAR 90 (EFE) -- [TEXT] A CAR BOMB EXPLODED TODAY OUTSIDE A BANK IN "
        "DOWNTOWN LIMA, KILLING TWO PEOPLE. POLICE BLAMED THE SHINING PATH.\n\n"
        "TST9-MUC4-0002\n\n   LIMA, 4 MAR 90 (EFE) -- [TEXT] THE CENTRAL BANK KEPT INTEREST RATES UNCHANGED.\n"
    )
    return str(key), str(text)


def test_eval_muc4_command_scores_and_shows_details(tmp_path):
    key, text = _write_corpus(tmp_path)
    out = tmp_path / "scores.json"
    result = CliRunner().invoke(main, ["eval", "muc4", key, text, "--json", str(out), "--details"])
    assert result.exit_code == 0, result.output
    scores = json.loads(out.read_text())
    assert scores["messages"] == 2 and scores["relevant_messages"] == 1 and scores["templates"] == 1
    assert "== TST9-MUC4-0001 | relevant | 1990-03-03 |" in result.output
    assert "PERU: LIMA (CITY)" in result.output
    folder = CliRunner().invoke(main, ["eval", "muc4", str(tmp_path), str(tmp_path), "--limit", "1"])
    assert folder.exit_code == 0 and "│ messages " in folder.output


def test_eval_muc4_bad_input_is_one_line(tmp_path):
    key, text = _write_corpus(tmp_path)
    swapped = CliRunner().invoke(main, ["eval", "muc4", text, key])
    assert swapped.exit_code == 2 and swapped.stderr == f"eventwire: error: no MUC-4 templates in {text}\n"
    Path(key).write_text(key_text("TST9-MUC4-0001"))
    unkeyed = CliRunner().invoke(main, ["eval", "muc4", key, text])
    assert (
        unkeyed.exit_code == 2
        and unkeyed.stderr == "eventwire: error: no key for message(s) TST9-MUC4-0002\n"
    )
    with pytest.raises(EvalError, match="no MUC-4 messages"):
        read_message_files([key])
