"""The `--details` views of `eventwire eval articles` and `eval muc4`: each article's predicted and gold events side by
side, which paired, and why the rest did not. It is where a change to the extractor is understood, so
every event shows the fields pairing and scoring read, and the words it came from."""

from __future__ import annotations

from eventwire.eval.articles import ArticleResult, deaths, event_distance_km, pair_problem
from eventwire.eval.articles_data import GoldEvent
from eventwire.eval.muc4 import MessageResult, names_place, perpetrator_matches, perpetrators, template_deaths
from eventwire.eval.muc4_data import Template
from eventwire.model import Event

QUOTE_CHARS = 220
INDENT = "      "


def format_article(result: ArticleResult) -> str:
    """One article as plain text: a header line, then paired, missed and false events."""
    article, predicted, pairs = result.article, result.predicted, result.pairs
    lines = [_header(result)]
    if article.title:
        lines.append(f"   {_clip(article.title)}")
    paired_gold = {g for _, g in pairs}
    paired_predicted = {p for p, _ in pairs}
    for p, g in sorted(pairs, key=lambda pair: pair[1]):
        lines.append(f"  PAIRED {_pair_note(predicted[p], article.events[g])}")
        lines.extend(_predicted_lines(p, predicted[p]))
        lines.extend(_gold_lines(g, article.events[g]))
    for g, gold in enumerate(article.events):
        if g not in paired_gold:
            lines.append("  MISSED")
            lines.extend(_gold_lines(g, gold))
            lines.extend(_why_unpaired(gold, predicted))
    for p, event in enumerate(predicted):
        if p not in paired_predicted:
            lines.append("  FALSE" + ("" if article.relevant else " (the article has no event)"))
            lines.extend(_predicted_lines(p, event))
    return "\n".join(lines)


def _header(result: ArticleResult) -> str:
    article = result.article
    published = result.document.published.isoformat() if result.document.published else "undated"
    counts = f"{len(article.events)} gold, {len(result.predicted)} predicted, {len(result.pairs)} paired"
    kind = article.category or ("relevant" if article.relevant else "no event")
    return f"== {article.doc_id} | {kind} | {published} | {counts}"


def _pair_note(event: Event, gold: GoldEvent) -> str:
    notes = []
    if event.location and event.location.lat is not None and gold.lat is not None:
        notes.append(f"{event_distance_km(event, gold):.0f} km")
    if event.event_date and gold.event_date:
        notes.append(f"{abs((event.event_date - gold.event_date).days)} days")
    if event.sub_event_type != gold.sub_event_type:
        notes.append("sub-types differ")
    if deaths(event) != gold.fatalities:
        notes.append(f"deaths {deaths(event)} vs {gold.fatalities}")
    return f"({', '.join(notes)})" if notes else ""


def _predicted_lines(index: int, event: Event) -> list[str]:
    toll = event.fatalities
    death_note = f"deaths {deaths(event)}" + (" (cumulative)" if toll and toll.cumulative else "")
    trigger = next((e.text for e in event.evidence if e.field == "plover"), None)
    lines = [
        f"    pred {index + 1:<2} {_typing(event.event_type, event.sub_event_type)}",
        f"{INDENT} {_date(event.event_date)} | {_place_of_event(event)} | {death_note}",
        f"{INDENT} {_actor(event.actor1)} -> {_actor(event.actor2)}",
    ]
    if event.sentence:
        lines.append(f'{INDENT} "{_clip(event.sentence.text)}"' + (f" [{trigger}]" if trigger else ""))
    return lines


def _gold_lines(index: int, gold: GoldEvent) -> list[str]:
    place = f"{gold.location or '?'}, {gold.country or '?'}{_point(gold.lat, gold.lon)} p{gold.geo_precision or '?'}"
    lines = [
        f"    gold {index + 1:<2} {_typing(gold.event_type, gold.sub_event_type)}"
        + ("  MAIN" if gold.main else ""),
        f"{INDENT} {_date(gold.event_date)} | {place} | deaths {gold.fatalities}",
        f"{INDENT} {gold.actor1 or '-'} -> {gold.actor2 or '-'}",
    ]
    if gold.evidence:
        lines.append(f'{INDENT} "{_clip(gold.evidence)}"')
    return lines


def _why_unpaired(gold: GoldEvent, predicted: list[Event]) -> list[str]:
    same_type = [(p, e) for p, e in enumerate(predicted) if e.event_type == gold.event_type]
    if not same_type:
        return [f"{INDENT} no predicted {gold.event_type} event"]
    reasons = [
        f"pred {p + 1}: {pair_problem(e, gold) or 'paired with another gold event'}" for p, e in same_type
    ]
    return [f"{INDENT} not paired: {'; '.join(reasons)}"]


def _typing(event_type: str | None, sub_event_type: str | None) -> str:
    return f"{event_type or '-'} / {sub_event_type or '-'}"


def _date(day) -> str:
    return day.isoformat() if day else "no date"


def _point(lat: float | None, lon: float | None) -> str:
    return f" ({lat:.2f}, {lon:.2f})" if lat is not None and lon is not None else ""


def _place_of_event(event: Event) -> str:
    loc = event.location
    if loc is None:
        return "no place"
    return f"{loc.name}, {loc.country or '?'}{_point(loc.lat, loc.lon)} p{loc.geo_precision or '?'}"


def _actor(actor) -> str:
    if actor is None:
        return "-"
    if actor.mention and actor.mention.lower() not in actor.name.lower():
        return _clip(f"{actor.name} ({actor.mention})")
    return _clip(actor.name)


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1] + "…"


# ---- MUC-4 messages


def format_message(result: MessageResult) -> str:
    """One MUC-4 message as plain text: a header line, then paired, missed and false events."""
    key, predicted, pairs = result.key, result.predicted, result.pairs
    published = result.document.published.isoformat() if result.document.published else "undated"
    counts = f"{len(key.templates)} templates, {len(predicted)} predicted, {len(pairs)} paired"
    kind = "relevant" if key.relevant else ("optional only" if key.templates else "no incident")
    lines = [f"== {key.message_id} | {kind} | {published} | {counts}"]
    paired_templates = {t for _, t in pairs}
    paired_predicted = {p for p, _ in pairs}
    for p, t in sorted(pairs, key=lambda pair: pair[1]):
        lines.append(f"  PAIRED{_muc_pair_note(predicted[p], key.templates[t])}")
        lines.extend(_predicted_lines(p, predicted[p]))
        lines.extend(_template_lines(key.templates[t]))
    for t, template in enumerate(key.templates):
        if t not in paired_templates:
            lines.append("  NOT PAIRED (optional)" if template.optional else "  MISSED")
            lines.extend(_template_lines(template))
    for p, event in enumerate(predicted):
        if p not in paired_predicted:
            lines.append("  FALSE" + ("" if key.relevant else " (the message has no incident)"))
            lines.extend(_predicted_lines(p, event))
    return "\n".join(lines)


def _muc_pair_note(event: Event, template: Template) -> str:
    notes = []
    dead = template_deaths(template)
    if dead is not None and deaths(event) != dead:
        notes.append(f"deaths {deaths(event)} vs {dead}")
    if perpetrators(template, include_optional=False) and not perpetrator_matches(event, template):
        notes.append("perpetrator differs")
    if not names_place(event, template.locations):
        notes.append("place not named")
    return f" ({', '.join(notes)})" if notes else ""


def _template_lines(template: Template) -> list[str]:
    dead = template_deaths(template)
    perps = " / ".join(perpetrators(template)) or "-"
    flag = "  OPTIONAL" if template.optional else ""
    return [
        f"    tmpl {template.number or '?':<2} {' / '.join(template.incident_types) or '-'}{flag}",
        f"{INDENT} {_clip(template.location_text or '-')} | deaths {'?' if dead is None else dead}",
        f"{INDENT} perpetrator: {_clip(perps)}",
    ]
