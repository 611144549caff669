"""The learned sub-event type model: features, training, saving, loading, and how it meets the rules."""

from __future__ import annotations

import csv

import numpy as np
import pytest
from click.testing import CliRunner

from eventwire.cli import main
from eventwire.detect.learned import TypeModel, features, load_model
from eventwire.detect.weigh import choose_sub, weighed_sub
from eventwire.errors import InputError
from eventwire.train import labelled_notes, train_type_model

# Notes written for these tests, in the style of coded event summaries.
NOTES = {
    "Peaceful protest": [
        "On 3 May 2021, teachers staged a sit-in outside the ministry demanding unpaid salaries.",
        "On 4 May 2021, students marched peacefully to the parliament against tuition fees.",
        "On 5 May 2021, farmers held a rally demanding fair crop prices.",
    ],
    "Armed clash": [
        "On 3 May 2021, soldiers and militants exchanged fire near the border post for two hours.",
        "On 4 May 2021, rebels clashed with the army outside the town; both sides exchanged fire.",
        "On 5 May 2021, troops fought insurgents in a gun battle near the village.",
    ],
    "Remote explosive/landmine/IED": [
        "On 3 May 2021, a roadside bomb exploded under a military vehicle on the highway.",
        "On 4 May 2021, an IED detonated near a police patrol on the main road.",
        "On 5 May 2021, a landmine exploded under a truck on the road to the market.",
    ],
}


def _training_set() -> tuple[list[str], list[str]]:
    texts = [note for notes in NOTES.values() for note in notes]
    labels = [label for label, notes in NOTES.items() for _ in notes]
    return texts, labels


def test_features_fold_numbers_drop_coder_tags_and_pair_words():
    found = features("On 12 May, 30 protesters marched. [size=around 30]")
    assert "<num>" in found and "30" not in found
    assert "size" not in found
    assert "protesters marched" in found


def test_a_trained_model_tells_apart_the_kinds_it_was_shown(tmp_path):
    texts, labels = _training_set()
    model = train_type_model(texts, labels, min_df=1, strength=10.0)
    assert set(model.labels) == set(NOTES)
    tests = {
        "Nurses held a sit-in demanding salaries.": "Peaceful protest",
        "Militants and soldiers exchanged fire near the village.": "Armed clash",
        "A roadside bomb exploded under a police vehicle.": "Remote explosive/landmine/IED",
    }
    for text, label in tests.items():
        probabilities = model.probabilities(text)
        assert max(probabilities, key=probabilities.get) == label, text
        assert sum(probabilities.values()) == pytest.approx(1.0, abs=1e-5)

    model.save(tmp_path)
    loaded = load_model(str(tmp_path))
    assert loaded is not None and loaded.labels == model.labels
    text = "Rebels clashed with troops."
    assert loaded.probabilities(text) == pytest.approx(model.probabilities(text), abs=1e-3)


def test_text_with_no_known_word_gives_the_prior():
    texts, labels = _training_set()
    model = train_type_model(texts, labels, min_df=1)
    probabilities = model.probabilities("zzzz qqqq")
    assert sum(probabilities.values()) == pytest.approx(1.0, abs=1e-5)
    assert max(probabilities.values()) < 0.6


def test_the_rules_choice_has_a_head_start():
    probabilities = {"Attack": 0.5, "Armed clash": 0.3, "Peaceful protest": 0.2}
    assert choose_sub("Armed clash", probabilities, 0.3) == "Armed clash"
    assert choose_sub("Peaceful protest", probabilities, 0.1) == "Attack"
    assert choose_sub("Attack", {}, 0.3) == "Attack"


def test_loading_from_a_folder_without_a_model_is_a_clear_error(tmp_path):
    with pytest.raises(InputError, match="no type_model"):
        load_model(str(tmp_path))


def test_the_shipped_model_loads_and_covers_the_typology():
    model = load_model(None)
    assert model is not None and len(model.labels) >= 20


def _acled_csv(path, rows):
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["event_date", "event_type", "sub_event_type", "notes", "fatalities"])
        writer.writerows(rows)


def test_train_types_command_writes_a_model_the_eval_can_use(tmp_path):
    rows = []
    types = {
        "Peaceful protest": "Protests",
        "Armed clash": "Battles",
        "Remote explosive/landmine/IED": "Explosions/Remote violence",
    }
    for label, notes in NOTES.items():
        rows += [["2021-05-03", types[label], label, note, 0] for note in notes]
    rows.append(["2015-01-01", "Riots/Protests", "", "Old typology rows are skipped.", 0])
    export = tmp_path / "export.csv"
    _acled_csv(export, rows)
    texts, _ = labelled_notes([export])
    assert len(texts) == 9

    out = tmp_path / "model"
    command = ["train", "types", str(export), "--out", str(out), "--min-df", "1", "--words-only"]
    result = CliRunner().invoke(main, command)
    assert result.exit_code == 0, result.output
    assert "trained on 9 rows" in result.output
    assert (out / "type_model.json").exists() and (out / "type_model.npz").exists()

    scored = CliRunner().invoke(main, ["eval", "acled", str(export), "--type-model", str(out)])
    assert scored.exit_code == 0, scored.output


def test_training_on_one_kind_only_is_refused(tmp_path):
    export = tmp_path / "one.csv"
    _acled_csv(export, [["2021-05-03", "Battles", "Armed clash", note, 0] for note in NOTES["Armed clash"]])
    result = CliRunner().invoke(main, ["train", "types", str(export), "--out", str(tmp_path / "m")])
    assert result.exit_code != 0
    assert "at least two sub-event types" in result.output


def _sure_model(label: str) -> TypeModel:
    """A model that reads every text as `label`, sure of it."""
    labels = (
        "Armed clash",
        "Attack",
        "Shelling/artillery/missile attack",
        "Peaceful protest",
        "Violent demonstration",
    )
    return _prior_model({name: 10.0 if name == label else 0.0 for name in labels})


def _prior_model(bias: dict[str, float]) -> TypeModel:
    """A model with no word features: every text gets the same scores, `bias` per label."""
    labels = tuple(bias)
    weights = np.zeros((0, len(labels)), dtype=np.float32)
    return TypeModel(labels, {}, weights, np.array(list(bias.values()), dtype=np.float32))


def test_the_model_overrules_a_vague_rule():
    model = _sure_model("Peaceful protest")
    assert weighed_sub("Armed clash", "ASSAULT", "clash", "Crowds clashed...", model) == "Peaceful protest"


def test_conventions_the_model_cannot_overrule():
    attack, clash = _sure_model("Attack"), _sure_model("Armed clash")
    # remote violence is typed by its weapon, whoever it hits
    assert weighed_sub("Shelling/artillery/missile attack", "ASSAULT", "shelled", "...", attack) == (
        "Shelling/artillery/missile attack"
    )
    # a trigger that names a change of territory outright
    assert weighed_sub("Non-state actor overtakes territory", "ASSAULT", "seized control", "...", clash) == (
        "Non-state actor overtakes territory"
    )
    # a dismissal in a sentence about the war is not violence
    assert (
        weighed_sub("Change to group/activity", None, "dismissal", "...", clash) == "Change to group/activity"
    )
    # talk stays outside ACLED's scope
    assert weighed_sub(None, "CONSULT", "met", "...", clash) is None
    # both sides fought: a clash does not become an attack on civilians however the toll reads
    assert weighed_sub("Armed clash", "ASSAULT", "clashed", "...", attack) == "Armed clash"
    assert weighed_sub("Armed clash", "ASSAULT", "opened fire", "...", attack) == "Attack"
    # troops who engaged the enemy fought a battle, whatever weapon the model reads into it
    shelling = _sure_model("Shelling/artillery/missile attack")
    assert weighed_sub("Armed clash", "ASSAULT", "engaged", "...", shelling) == "Armed clash"
    # an interception is a strategic development however violent the words around it
    assert (
        weighed_sub("Disrupted weapons use", "COERCE", "shot down", "...", attack) == "Disrupted weapons use"
    )
    # a riot needs violence in the words, not only the model's reading
    violent = _sure_model("Violent demonstration")
    assert weighed_sub(
        "Peaceful protest", "PROTEST", "protest", "Workers held placards outside.", violent
    ) == ("Peaceful protest")
    assert weighed_sub("Peaceful protest", "PROTEST", "protest", "Workers clashed with guards.", violent) == (
        "Violent demonstration"
    )
    # a crowd that burns tyres demonstrates violently; "retired" is not "tire"
    peaceful = _sure_model("Peaceful protest")
    assert weighed_sub(
        "Peaceful protest", "PROTEST", "protest", "Workers burned tires and protested.", peaceful
    ) == ("Violent demonstration")
    assert weighed_sub("Peaceful protest", "PROTEST", "protest", "Retired teachers protested.", peaceful) == (
        "Peaceful protest"
    )


def test_a_movement_of_forces_is_never_violence_whatever_the_model_reads():
    model = _prior_model({"Attack": 10.0, "Armed clash": 8.0, "Change to group/activity": 0.0})
    context = "Houthi reinforcements arrived at the fronts."
    assert weighed_sub(None, "MOBILIZE", "reinforcements", context, model) == "Change to group/activity"
    assert weighed_sub(None, "COERCE", "curfew", context, model) == "Attack"


def test_violence_becomes_a_demonstration_only_where_the_words_tell_one():
    peaceful = _sure_model("Peaceful protest")
    context = "It was reported through an application that a shoot-out took place in the neighbourhood."
    assert weighed_sub("Armed clash", "ASSAULT", "shoot-out", context, peaceful) == "Armed clash"
    context = "Police shot at the protesters in the square."
    assert weighed_sub("Attack", "ASSAULT", "shot", context, peaceful) == "Peaceful protest"


def test_a_planted_bomb_is_no_riot_but_a_thrown_one_may_be():
    """A riot reading of a bomb stands only where a crowd or a bomb of the street (thrown by hand) is in the
    words: "a bomb exploded" keeps its weapon's type, "hurled crude bombs" during a strike is a mob's."""
    mob = _prior_model({"Remote explosive/landmine/IED": 0.0, "Mob violence": 10.0, "Attack": 0.0})
    planted = "A bomb exploded near the market, police said."
    thrown = "Assailants hurled crude bombs at a bus during the strike."
    assert weighed_sub("Remote explosive/landmine/IED", "ASSAULT", "exploded", planted, mob) == (
        "Remote explosive/landmine/IED"
    )
    assert weighed_sub("Remote explosive/landmine/IED", "ASSAULT", "hurled", thrown, mob) == "Mob violence"
