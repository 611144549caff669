"""Geoparsing evaluation on LGL, GeoWebNews (GWN) and GeoVirus XML corpora: `eventwire eval geoparse FILE.xml`.

Scores the toponym finder (span recall/precision, overlapping spans match) and the resolver (share of
matched toponyms placed within 161 km = 100 miles of the gold point, the field's usual "accuracy@161",
and the median error), so users can check the geocoder on corpora of their own regions.

GWN (Gritta et al. 2019) labels many things that are not places. Scored as toponyms are the types that
name a real place, literally or by metonymy: Literal, Mixed, Metonymic, Literal_Modifier,
Non_Literal_Modifier, Embedded_Literal, Embedded_Non_Lit. Not scored: Demonym, Language, Homonym,
Non_Toponym, Literal_Expression and Non_Lit_Expression (common nouns such as "the city"), and Coercion
(schools, shops, clubs coerced into locations; no gazetteer lists them). A prediction that overlaps
an unscored gold annotation is neither right nor wrong.
"""

from __future__ import annotations

import math
import statistics
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.errors import EvalError

GWN_TOPONYM_TYPES = frozenset(
    {
        "Literal",
        "Mixed",
        "Metonymic",
        "Literal_Modifier",
        "Non_Literal_Modifier",
        "Embedded_Literal",
        "Embedded_Non_Lit",
    }
)
ACCURACY_KM = 161.0


@dataclass(frozen=True, slots=True)
class GoldToponym:
    start: int
    end: int
    text: str
    lat: float | None
    lon: float | None
    scored: bool = True


@dataclass(slots=True)
class GoldDocument:
    doc_id: str
    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)


def number(element: ET.Element, tag: str) -> float | None:
    text = element.findtext(tag)
    return float(text) if text not in (None, "") else None


def read_lgl(path: str | Path) -> list[GoldDocument]:
    """LGL (Lieberman et al. 2010): <article docid><text/><toponyms><toponym><start/><end/><phrase/>
    <gaztag><lat/><lon/></gaztag>. Toponyms without a gaztag count for spans only."""
    documents = []
    for article in ET.parse(path).getroot().iter("article"):
        doc = GoldDocument(article.get("docid", ""), article.findtext("text") or "")
        for toponym in article.iter("toponym"):
            gaztag = toponym.find("gaztag")
            doc.toponyms.append(
                GoldToponym(
                    int(toponym.findtext("start") or 0),
                    int(toponym.findtext("end") or 0),
                    toponym.findtext("phrase") or "",
                    number(gaztag, "lat") if gaztag is not None else None,
                    number(gaztag, "lon") if gaztag is not None else None,
                )
            )
        documents.append(doc)
    return documents


def read_gwn(path: str | Path) -> list[GoldDocument]:
    """GeoWebNews: <article><text/><toponyms><toponym><extractedName/><type/><start/><end/>
    <latitude/><longitude/>; only GWN_TOPONYM_TYPES are scored."""
    documents = []
    for article in ET.parse(path).getroot().iter("article"):
        doc = GoldDocument(article.get("file", ""), article.findtext("text") or "")
        for toponym in article.iter("toponym"):
            doc.toponyms.append(
                GoldToponym(
                    int(toponym.findtext("start") or 0),
                    int(toponym.findtext("end") or 0),
                    toponym.findtext("extractedName") or "",
                    number(toponym, "latitude"),
                    number(toponym, "longitude"),
                    scored=toponym.findtext("type") in GWN_TOPONYM_TYPES,
                )
            )
        documents.append(doc)
    return documents


def read_geovirus(path: str | Path) -> list[GoldDocument]:
    """GeoVirus (Gritta et al. 2018): <article><source/><text/><locations><location><name/><start/><end/>
    <page/><lat/><lon/>; every location is scored."""
    documents = []
    for index, article in enumerate(ET.parse(path).getroot().iter("article")):
        doc = GoldDocument(article.findtext("source") or str(index), article.findtext("text") or "")
        for location in article.iter("location"):
            doc.toponyms.append(
                GoldToponym(
                    int(location.findtext("start") or 0),
                    int(location.findtext("end") or 0),
                    location.findtext("name") or "",
                    number(location, "lat"),
                    number(location, "lon"),
                )
            )
        documents.append(doc)
    return documents


def read_corpus(path: str | Path) -> list[GoldDocument]:
    """Any of the three formats, told apart by their tags; a file that is none of them is an error."""
    try:
        with open(path, encoding="utf-8") as handle:
            head = handle.read(20_000)
        if "<extractedName" in head:
            return read_gwn(path)
        if "<location>" in head or "<locations>" in head:
            return read_geovirus(path)
        return read_lgl(path)
    except (OSError, UnicodeDecodeError, ET.ParseError) as err:
        raise EvalError(f"{path}: not readable as a geoparsing corpus ({err})") from None


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, a)))


@dataclass(frozen=True, slots=True)
class Prediction:
    start: int
    end: int
    lat: float
    lon: float


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def score_document(gold: GoldDocument, predictions: list[Prediction], tally: dict) -> None:
    """Add one document's counts to `tally`: spans found, spans predicted, errors in km."""
    scored = [t for t in gold.toponyms if t.scored]
    tally["gold"] += len(scored)
    for toponym in scored:
        hits = [p for p in predictions if overlaps(p.start, p.end, toponym.start, toponym.end)]
        if not hits:
            continue
        tally["found"] += 1
        if toponym.lat is not None and toponym.lon is not None:
            tally["errors"].append(distance_km(hits[0].lat, hits[0].lon, toponym.lat, toponym.lon))
    for prediction in predictions:
        overlapping = [t for t in gold.toponyms if overlaps(prediction.start, prediction.end, t.start, t.end)]
        if any(t.scored for t in overlapping):
            tally["predicted"] += 1
            tally["correct"] += 1
        elif not overlapping:
            tally["predicted"] += 1


def summary(tally: dict, documents: int) -> dict:
    errors = tally["errors"]
    recall = tally["found"] / tally["gold"] if tally["gold"] else 0.0
    precision = tally["correct"] / tally["predicted"] if tally["predicted"] else 0.0
    within = sum(e <= ACCURACY_KM for e in errors)
    return {
        "documents": documents,
        "gold_toponyms": tally["gold"],
        "predicted_toponyms": tally["predicted"],
        "recall": round(recall, 4),
        "precision": round(precision, 4),
        "f1": round(2 * recall * precision / (recall + precision), 4) if recall + precision else 0.0,
        "resolved_scored": len(errors),
        "accuracy_161km": round(within / len(errors), 4) if errors else 0.0,
        "median_error_km": round(statistics.median(errors), 1) if errors else None,
        "mean_error_km": round(statistics.fmean(errors), 1) if errors else None,
    }


def score_geoparse(path: str | Path, limit: int | None = None, batch_size: int = 32) -> dict:
    """Run the geoparser over a corpus and score it (see module docstring for what counts)."""
    from eventwire.geo import find_places
    from eventwire.nlp import get_nlp

    documents = read_corpus(path)[:limit]
    if not any(d.toponyms for d in documents):
        raise EvalError(
            f"{path}: no gold toponyms found in {len(documents)} article(s); expected LGL (<toponym>),"
            " GeoWebNews (<extractedName>) or GeoVirus (<location>) XML"
        )
    tally: dict = {"gold": 0, "found": 0, "predicted": 0, "correct": 0, "errors": []}
    nlp = get_nlp()
    docs = nlp.pipe((d.text for d in documents), batch_size=batch_size)
    for gold, doc in zip(documents, docs, strict=True):
        predictions = [Prediction(p.start, p.end, p.candidate.lat, p.candidate.lon) for p in find_places(doc)]
        score_document(gold, predictions, tally)
    return {"corpus": str(path), **summary(tally, len(documents))}


def run_geoparse_eval(path: str, limit: int | None = None) -> dict:
    """Entry point for `eventwire eval geoparse FILE.xml [--limit N]`."""
    return score_geoparse(path, limit=limit)
