"""The spaCy pipeline's own additions: sentences start at line breaks, except in text wrapped at a width."""

from __future__ import annotations

from eventwire.nlp import get_nlp, sentence_line_breaks

WIRE = (
    "Fifty Russians die in clash with rebels-Interfax.\n"
    "MOSCOW 1996-08-22\n"
    "At least 50 Russian servicemen have been killed in a battle with separatist rebels in Grozny.\n"
)
TRANSCRIPT = (
    "SAN SALVADOR, 3 JAN 90 -- GUERRILLAS OF THE FMLN ATTACKED A POLICE\n"
    "POST IN THE TOWN OF SAN MIGUEL LAST NIGHT, KILLING TWO POLICEMEN,\n"
    "A MILITARY SPOKESMAN SAID TODAY. THE ARMED FORCES PRESS OFFICE\n"
    "ADDED THAT TROOPS HAD BEEN SENT TO THE AREA TO PURSUE THE REBELS,\n"
    "WHO FLED TOWARD THE VOLCANO AFTER THE ATTACK ON THE POLICE POST.\n"
    "\n"
    "THE SPOKESMAN SAID THE ATTACKERS FLED.\n"
)


def _sentences(text: str) -> list[str]:
    return [s.text.strip() for s in get_nlp()(text).sents]


def test_nlp_a_line_of_its_own_is_a_sentence():
    sentences = _sentences(WIRE)
    assert "MOSCOW 1996-08-22" in sentences
    assert sentences[0] == "Fifty Russians die in clash with rebels-Interfax."


def test_nlp_text_wrapped_at_a_width_keeps_its_sentences_whole():
    sentences = _sentences(TRANSCRIPT)
    assert any("ATTACKED A POLICE\nPOST IN THE TOWN OF SAN MIGUEL" in s for s in sentences)
    assert "THE SPOKESMAN SAID THE ATTACKERS FLED." in sentences  # a blank line still ends a paragraph


def test_nlp_line_breaks_of_wrapped_text_are_only_deliberate_ones():
    breaks = sentence_line_breaks(TRANSCRIPT)
    blank = TRANSCRIPT.index("\n\n")
    assert blank in breaks and blank + 1 in breaks
    assert TRANSCRIPT.index("\n") not in breaks
    assert sentence_line_breaks(WIRE) == frozenset(i for i, c in enumerate(WIRE) if c == "\n")


def test_nlp_a_line_after_blank_lines_with_spaces_starts_a_sentence():
    """The break is found from the token offsets: a run of white space with spaces and several line
    breaks still ends the line before it, and a line break never splits a line's own words."""
    sentences = _sentences("BAGHDAD 2020-03-01 \n \n\nGunmen killed two police officers in Baghdad")
    assert sentences == ["BAGHDAD 2020-03-01", "Gunmen killed two police officers in Baghdad"]
