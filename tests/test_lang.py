"""The language pack: named lists, whole-phrase matching, patterns built from lists, and refusals."""

from __future__ import annotations

import re

import pytest

from eventwire.lang import LexiconError, PhraseList, lexicon
from eventwire.lang.lexicon import phrase_tokens, read_pack


def write(folder, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")


@pytest.fixture
def pack(tmp_path):
    write(
        tmp_path,
        "a.yaml",
        "note: test words\n"
        "lists:\n  arms: [small arms, machine-gun, rifles]\n  weekdays: [monday, tuesday]\n"
        "tables:\n  kinds: {province: admin1}\n",
    )
    write(
        tmp_path,
        "b.yaml",
        "note: test patterns\npatterns:\n  day: '\\b(?:{list:weekdays})\\b'\n"
        "  day_ci: {pattern: 'on {pattern:day}', ignore_case: true}\n",
    )
    return read_pack("xx", tmp_path)


def test_lang_lists_read_as_sets_in_order_and_as_tables(pack):
    assert pack.words("weekdays") == frozenset({"monday", "tuesday"})
    assert pack.entries("arms") == ("small arms", "machine-gun", "rifles")
    assert pack.table("kinds") == {"province": "admin1"}
    assert pack.source_of("kinds") == "a.yaml"


def test_lang_patterns_fill_list_and_pattern_references(pack):
    assert pack.regex("day").pattern == r"\b(?:tuesday|monday)\b"  # longest first, then by spelling
    assert pack.regex("day_ci").search("seen On Monday")
    assert pack.regex("day_ci").flags & re.IGNORECASE
    assert not pack.regex("day").search("Mondays")


def test_lang_patterns_join_several_lists_and_capitalise_them(tmp_path):
    write(
        tmp_path,
        "a.yaml",
        "note: months\nlists:\n  full: [march, may]\n  short: [mar]\n"
        "patterns:\n  month: '\\b(?:{titled:full,short})\\b'\n",
    )
    month = read_pack("xx", tmp_path).regex("month")
    assert month.pattern == r"\b(?:March|Mar|May)\b"
    assert month.search("on 3 March").group() == "March"
    assert not month.search("they march on")


def test_lang_phrases_match_whole_on_token_boundaries(pack):
    arms = pack.phrases("arms")
    assert arms.occurs_in(["mortars", "and", "small", "arms", "fire"])
    assert arms.occurs_in(["heavy", "machine", "-", "gun"])  # spaCy splits the hyphen
    assert not arms.occurs_in(["they", "shelled", "a", "small", "village"])
    assert not arms.occurs_in(["machine", "shop"])


def test_lang_phrase_spans_prefer_the_longest_phrase():
    phrases = PhraseList.of(["gun", "gun battle", "battle"])
    assert phrases.spans(["a", "gun", "battle", "and", "a", "battle"]) == [(1, 3), (5, 6)]


def test_lang_phrase_tokens_split_hyphens_between_letters_only():
    assert phrase_tokens("sit-in protest") == ["sit", "-", "in", "protest"]
    assert phrase_tokens("ak-47") == ["ak-47"]


def test_lang_refuses_a_missing_name(pack):
    with pytest.raises(LexiconError, match="no list 'nothing'"):
        pack.words("nothing")
    assert pack.words("arms")  # the pack itself is fine


def test_lang_refuses_a_name_defined_twice(tmp_path):
    write(tmp_path, "a.yaml", "note: a\nlists:\n  same: [one, two]\n")
    write(tmp_path, "b.yaml", "note: b\ntables:\n  same: {one: 1}\n")
    with pytest.raises(LexiconError, match="already defined in a.yaml"):
        read_pack("xx", tmp_path)


def test_lang_refuses_a_file_without_a_note(tmp_path):
    write(tmp_path, "a.yaml", "lists:\n  words: [one, two]\n")
    with pytest.raises(LexiconError, match="note"):
        read_pack("xx", tmp_path)
    write(tmp_path, "a.yaml", "note: from a dictionary\nlists:\n  words: [one, two]\n")
    assert read_pack("xx", tmp_path).words("words") == {"one", "two"}


def test_lang_refuses_a_yaml_boolean_in_a_word_list(tmp_path):
    write(tmp_path, "a.yaml", 'note: a\nlists:\n  preps: [over, on]\n  quoted: [over, "on"]\n')
    pack = read_pack("xx", tmp_path)
    with pytest.raises(LexiconError, match="non-words"):
        pack.words("preps")
    assert pack.words("quoted") == {"over", "on"}


def test_lang_refuses_a_pattern_that_refers_to_itself(tmp_path):
    write(tmp_path, "a.yaml", "note: a\npatterns:\n  loop: 'x{pattern:loop}'\n  fine: 'x'\n")
    broken = read_pack("xx", tmp_path)
    with pytest.raises(LexiconError, match="refers to itself"):
        broken.regex("loop")
    assert broken.regex("fine").pattern == "x"


def test_lang_english_pack_is_read_once_and_serves_the_rules():
    english = lexicon("en")
    assert english is lexicon("en")
    assert "january" in english.words("month_names")
    assert english.entries("month_names")[0] == "january"
    assert english.data("typology.yaml")["sub_event_types"]


def test_lang_unknown_language_is_refused():
    with pytest.raises(LexiconError, match="no language pack"):
        lexicon("zz")


def test_lang_forms_reference_matches_regular_inflections(tmp_path):
    write(
        tmp_path,
        "a.yaml",
        "note: forms\nlists:\n  crowd: [rally, strike, march]\n"
        "tables:\n  word_forms: {'e': [e, ing, ers], 'y': ['y', ies], '': ['', es, ed]}\n"
        "patterns:\n  crowd_words: '\\b(?:{forms:crowd})\\b'\n",
    )
    crowd = read_pack("xx", tmp_path).regex("crowd_words")
    found = [m.group() for m in crowd.finditer("rallies, striking strikers marched; a rally, marches")]
    assert found == ["rallies", "striking", "strikers", "marched", "rally", "marches"]
    assert not crowd.search("rallying strikes marching")  # endings the table does not give
