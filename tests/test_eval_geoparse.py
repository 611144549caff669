"""Geoparsing evaluation: both corpus readers on snippets written here, and scoring end to end."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.errors import EvalError
from eventwire.eval.geoparse import distance_km, read_corpus, run_geoparse_eval

LGL = """<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="1">
    <text><![CDATA[Syrian warplanes bombed Idlib and Aleppo on Monday.]]></text>
    <toponyms>
      <toponym><start>24</start><end>29</end><phrase>Idlib</phrase>
        <gaztag geonameid="169389"><name>Idlib</name><lat>35.93062</lat><lon>36.63393</lon></gaztag>
      </toponym>
      <toponym><start>34</start><end>40</end><phrase>Aleppo</phrase></toponym>
    </toponyms>
  </article>
</articles>
"""

GWN = """<?xml version="1.0" ?>
<articles>
  <article file="0">
    <title>t</title>
    <text>Turkish officials in Damascus met Syrian leaders.</text>
    <toponyms>
      <toponym><extractedName>Damascus</extractedName><type>Literal</type><start>21</start><end>29</end>
        <geonamesID>170654</geonamesID><latitude>33.5102</latitude><longitude>36.29128</longitude></toponym>
      <toponym><extractedName>Turkish</extractedName><type>Demonym</type><start>0</start><end>7</end></toponym>
    </toponyms>
  </article>
</articles>
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_lgl_reader(tmp_path: Path) -> None:
    [doc] = read_corpus(write(tmp_path, "lgl.xml", LGL))
    assert [t.text for t in doc.toponyms] == ["Idlib", "Aleppo"]
    assert doc.text[24:29] == "Idlib"
    assert doc.toponyms[0].lat == pytest.approx(35.93062) and doc.toponyms[1].lat is None


def test_gwn_reader_scores_only_place_types(tmp_path: Path) -> None:
    [doc] = read_corpus(write(tmp_path, "gwn.xml", GWN))
    assert [(t.text, t.scored) for t in doc.toponyms] == [("Damascus", True), ("Turkish", False)]


def test_distance() -> None:
    assert distance_km(33.51, 36.29, 36.20, 37.16) == pytest.approx(308, abs=5)


def test_scores_end_to_end(tmp_path: Path) -> None:
    result = run_geoparse_eval(str(write(tmp_path, "lgl.xml", LGL)))
    assert result["gold_toponyms"] == 2 and result["documents"] == 1
    assert result["accuracy_161km"] == 1.0
    gwn = run_geoparse_eval(str(write(tmp_path, "gwn.xml", GWN)))
    assert gwn["gold_toponyms"] == 1 and gwn["recall"] == 1.0 and gwn["precision"] == 1.0


SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "geoparsing" / "lgl.xml"


@pytest.mark.slow
@pytest.mark.skipif(not SHARED.exists(), reason="shared geoparsing corpus absent")
def test_lgl_sample_accuracy() -> None:
    result = run_geoparse_eval(str(SHARED), limit=40)
    assert result["accuracy_161km"] >= 0.7


GEOVIRUS = """<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article>
    <source>made-up</source>
    <text>Health workers in Kenema treated patients; cases rose in Freetown.</text>
    <locations>
      <location><name>Kenema</name><start>18</start><end>24</end>
        <page>w</page><lat>7.87687</lat><lon>-11.19025</lon></location>
      <location><name>Freetown</name><start>57</start><end>65</end>
        <page>w</page><lat>8.48714</lat><lon>-13.2356</lon></location>
    </locations>
  </article>
</articles>
"""


def test_geovirus_reader_reads_locations(tmp_path: Path) -> None:
    [doc] = read_corpus(write(tmp_path, "geovirus.xml", GEOVIRUS))
    assert [t.text for t in doc.toponyms] == ["Kenema", "Freetown"]
    assert doc.text[57:65] == "Freetown" and doc.toponyms[1].lon == pytest.approx(-13.2356)


def test_geovirus_scores_end_to_end(tmp_path: Path) -> None:
    result = run_geoparse_eval(str(write(tmp_path, "geovirus.xml", GEOVIRUS)))
    assert result["gold_toponyms"] == 2 and result["recall"] > 0


def test_file_without_gold_toponyms_says_so(tmp_path: Path) -> None:
    empty = "<articles><article><text>Nothing here.</text></article></articles>"
    with pytest.raises(EvalError, match="no gold toponyms"):
        run_geoparse_eval(str(write(tmp_path, "empty.xml", empty)))
    assert run_geoparse_eval(str(write(tmp_path, "lgl.xml", LGL)))["gold_toponyms"] == 2
