"""Recasing text written in capitals: words get their usual casing, offsets and mixed-case text stay as
they are, and an all-caps report yields the events of its mixed-case version, quoting the original."""

from __future__ import annotations

import gzip
import json
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.casing import in_original_text, read_table, recase_text
from eventwire.casing.learn import (
    build_forms,
    context_forms,
    count_forms,
    mixed_case,
    name_phrases,
    read_conll_sentences,
    sentence_text,
    usual_forms,
    write_table,
)
from eventwire.casing.recase import CasingTable, caps_stretches, casing_rules, is_sentence_start
from eventwire.errors import InputError
from eventwire.model import Actor, Event, Evidence, Span
from eventwire.nlp import get_nlp
from eventwire.pipeline import extract_text
from eventwire.settings import Settings

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "news"

REPORT = (
    "San Salvador, 12 Mar 90 (Radio Cadena) -- [Text] Salvadoran army troops killed five guerrillas of the"
    " Farabundo Marti National Liberation Front (FMLN) in a clash near the town of San Miguel on Sunday, a"
    " military spokesman said.\n\nThe spokesman said that the rebels had attacked a police post in the town"
    " before dawn and that two policemen were wounded.\n"
)


def test_casing_recases_a_sentence_in_capitals():
    text = "THE ARMY SAID GUERRILLAS ATTACKED A POLICE STATION IN BAGHDAD ON MONDAY AND KILLED TWO SOLDIERS."
    assert recase_text(text) == (
        "The army said guerrillas attacked a police station in Baghdad on Monday and killed two soldiers."
    )


def test_casing_keeps_acronyms_and_capitalises_sentence_starts():
    text = "REBELS OF THE FMLN SHELLED THE TOWN. THE UNITED NATIONS CONDEMNED THE ATTACK."
    recased = recase_text(text)
    assert recased == "Rebels of the FMLN shelled the town. The United Nations condemned the attack."


def test_casing_gives_names_of_several_words_their_own_casing():
    text = "MEMBERS OF THE SHINING PATH AND OF HAYAT TAHRIR AL-SHAM WERE SEEN ON A SHINING\nPATH."
    assert recase_text(text) == (
        "Members of the Shining Path and of Hayat Tahrir al-Sham were seen on a Shining\nPath."
    )
    assert recase_text("THE PATH WAS LONG AND THE ROAD WAS SHINING IN THE SUN.").startswith("The path was")


def test_casing_reads_inflections_and_clitics_by_their_stem():
    table = CasingTable({"clash": "clash", "syrian": "Syrian", "people": "people"}, casing_rules())
    assert table.word("CLASHES") == "clashes"
    assert table.word("SYRIANS") == "Syrians"
    assert table.word("PEOPLE'S") == "people's"
    assert table.word("QWERTZUIOP") == "Qwertzuiop"  # unknown: taken for a name


def test_casing_keeps_every_offset():
    text = "GUNMEN KILLED 3 PEOPLE IN KABUL'S OLD CITY -- POLICE.\n\nTHE U.S. EMBASSY CONDEMNED IT."
    recased = recase_text(text)
    assert recased != text
    assert len(recased) == len(text)
    assert all(a.lower() == b.lower() for a, b in zip(recased, text, strict=True))
    assert recased[text.index("KABUL") : text.index("KABUL") + 5] == "Kabul"


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300))
def test_casing_changes_only_the_case_of_letters(text):
    for source in (text, text.upper()):
        recased = recase_text(source)
        assert len(recased) == len(source)
        assert all(a == b or a.lower() == b.lower() for a, b in zip(recased, source, strict=True))


def test_casing_leaves_mixed_case_text_untouched():
    article = "BREAKING: ARMY SHELLS TOWN\nThe army shelled the town of Idlib on Monday, residents said.\n"
    assert recase_text(article) is article  # a headline in capitals above mixed-case text stays
    body = "THE ARMY SHELLED THE TOWN OF IDLIB ON MONDAY, RESIDENTS SAID, AND THE REBELS FIRED BACK. " * 2
    assert recase_text(article + body).startswith(article)
    assert recase_text(article + body) != article + body  # a paragraph in capitals is recased


def test_casing_recases_only_the_stretch_in_capitals():
    head = "Reuters reported the following statement from the ministry on Monday.\n"
    quoted = (
        "THE MINISTRY OF DEFENCE SAID THAT ITS FORCES HAD REPELLED AN ATTACK ON THE AIRPORT AT DAWN.\n" * 2
    )
    tail = "Officials declined to comment further.\n"
    text = head + quoted + tail
    assert caps_stretches(text) == [(len(head), len(head) + len(quoted))]
    recased = recase_text(text)
    assert recased[: len(head)] == head and recased.endswith(tail)
    assert recased[len(head) :].startswith("The ministry") and "attack on the airport" in recased


@pytest.mark.parametrize("path", ["gwn_dev/docs.jsonl", "reuters96_dev/docs.jsonl"])
def test_casing_leaves_real_mixed_case_news_untouched(path):
    file = DATA / path
    if not file.exists():
        pytest.skip("development data absent")
    texts = [json.loads(line)["text"] for line in file.read_text(encoding="utf-8").splitlines()]
    assert all(recase_text(text) is text for text in texts)
    assert sum(recase_text(text.upper()) != text.upper() for text in texts) == len(texts)


def test_casing_sentence_starts_skip_abbreviations_and_wrapped_lines():
    abbreviations = casing_rules().abbreviations
    text = "GEN. OCHOA SAID. THE ARMY\nDENIED IT\n\nAT DAWN"
    assert not is_sentence_start(text, text.index("OCHOA"), abbreviations)
    assert is_sentence_start(text, text.index("THE"), abbreviations)
    assert not is_sentence_start(text, text.index("DENIED"), abbreviations)
    assert is_sentence_start(text, text.index("AT DAWN"), abbreviations)


def test_casing_missing_table_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="casing table .*missing.txt.gz.*build_casing_table"):
        read_table(tmp_path / "missing.txt.gz")
    broken = tmp_path / "broken.txt.gz"
    broken.write_bytes(b"not gzip")
    with pytest.raises(InputError, match="cannot be read"):
        read_table(broken)
    assert read_table().forms["baghdad"] == "Baghdad"


def test_casing_table_learns_usual_and_contextual_forms(tmp_path):
    conll = tmp_path / "train.txt"
    rows = ["-DOCSTART- -X- -X- O", ""]
    for sentence in [
        "The president of the club spoke .",
        "He met the president of the bank .",
        "They saw the president there .",
        "Then President Obama spoke .",
        "Later President Obama left .",
        "SOCCER - THE PRESIDENT RESIGNS .",
    ]:
        rows.extend(f"{word} X X O" for word in sentence.split())
        rows.append("")
    rows.extend(["-DOCSTART- -X- -X- O", "", "Held president words .", ""])
    conll.write_text("\n".join(rows), encoding="utf-8")
    sentences = list(mixed_case(sentence_text(t) for t in read_conll_sentences(conll, frozenset({1}))))
    assert len(sentences) == 5  # the sentence in capitals and the held-out document are left out
    news = usual_forms(count_forms(sentences))
    assert news["president"] == "president"
    forms = build_forms(news, {"club", "bank"}, {"obama": "Obama"}, {"there": "There"})
    assert forms["there"] == "there" and forms["obama"] == "Obama"
    in_context = context_forms(sentences, CasingTable(forms, casing_rules()))
    assert in_context[("president", "LC")] == "President"
    forms.update(shining="shining", path="path")
    phrases = name_phrases(["Shining Path", "Obama"], CasingTable(forms, casing_rules()))
    assert phrases == {("shining", "path"): ("Shining", "Path")}
    path = tmp_path / "casing.txt.gz"
    write_table(forms, in_context, path, "made-up test table", phrases)
    assert gzip.decompress(path.read_bytes()).startswith(b"# made-up test table\n")
    table = read_table(path)
    assert table.forms == forms and table.in_context == in_context and table.phrases == phrases
    assert recase_text("I SAW THE PRESIDENT OF THE CLUB. THEN PRESIDENT OBAMA LEFT.", table) == (
        "I saw the president of the club. Then President Obama left."
    )


def test_casing_events_quote_the_original_text():
    original = "REBELS ATTACKED THE TOWN"
    parsed = "Rebels attacked the town"
    event = Event(
        event_id="e-1",
        actor1=Actor(name="Rebels", mention="Rebels"),
        evidence=[Evidence(field="plover", start=7, end=15, text="attacked")],
        sentence=Span(start=0, end=24, text=parsed),
    )
    [quoted] = in_original_text([event], parsed, original)
    assert quoted.evidence[0].text == "ATTACKED"
    assert quoted.sentence.text == original
    assert quoted.actor1.mention == "REBELS" and quoted.actor1.name == "Rebels"
    assert in_original_text([event], parsed, parsed)[0] is event


def test_casing_report_in_capitals_gives_the_events_of_its_mixed_case_version():
    upper = REPORT.upper()
    [mixed_event, *_] = extract_text(REPORT, published="1990-03-12")
    [upper_event, *_] = extract_text(upper, published="1990-03-12")
    assert upper_event.location.name == mixed_event.location.name == "San Miguel"
    assert upper_event.actor1.name == mixed_event.actor1.name
    assert upper_event.actor2.name == mixed_event.actor2.name
    assert upper_event.location.mention == "SAN MIGUEL"
    for evidence in upper_event.evidence:
        assert upper[evidence.start : evidence.end] == evidence.text == evidence.text.upper()
    assert upper_event.sentence.text == upper[upper_event.sentence.start : upper_event.sentence.end]
    [unrecased, *_] = extract_text(upper, published="1990-03-12", settings=Settings(recase=False))
    assert unrecased.sentence.text.isupper()


def wrapped(text: str, width: int = 70) -> str:
    """Each paragraph of `text` wrapped at `width` characters, as wire copy and transcripts are."""
    return "\n\n".join(textwrap.fill(paragraph, width) for paragraph in text.strip().split("\n\n")) + "\n"


def test_casing_wrapped_text_keeps_sentences_across_line_breaks():
    nlp = get_nlp()
    sentences = [s.text.strip() for s in nlp(recase_text(wrapped(REPORT).upper())).sents]
    assert any("killed five" in s and "spokesman said." in s for s in sentences)
    assert all("\n\n" not in s for s in sentences)  # a paragraph still ends a sentence
    lines = "Fifty Russians die in clash with rebels\nMOSCOW 1996-08-22\nAt least 50 servicemen died.\n"
    assert [s.text.strip() for s in nlp(lines).sents][:2] == [
        "Fifty Russians die in clash with rebels",
        "MOSCOW 1996-08-22",
    ]


def test_casing_wrapped_report_in_capitals_gives_the_events_of_its_mixed_case_version():
    mixed = wrapped(REPORT)
    upper = mixed.upper()
    [mixed_event, *_] = extract_text(mixed, published="1990-03-12")
    [upper_event, *_] = extract_text(upper, published="1990-03-12")
    assert upper_event.location.name == mixed_event.location.name == "San Miguel"
    assert upper_event.actor1.name == mixed_event.actor1.name
    assert upper_event.actor2.name == mixed_event.actor2.name
    assert upper_event.sentence.text == upper[upper_event.sentence.start : upper_event.sentence.end]
