"""A deterministic corpus of news-like conflict articles for the speed benchmarks.

Each article mixes what real wire copy mixes: a lead event with a date, place and toll, follow-up
incidents, quotes (which must not become events), background on the war, diplomacy, humanitarian
figures and a cumulative toll. Texts are built from the templates below with a seeded random
generator, so every run measures the same words. ACLED `notes` can be mixed in when present on disk.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ACLED_DIR = Path(__file__).resolve().parents[2] / "shared" / "data" / "acled"


@dataclass(frozen=True)
class Theatre:
    """One conflict: who fights, where, and who reports on it."""

    country: str
    demonym: str
    army: str
    rebels: tuple[str, ...]
    places: tuple[tuple[str, str], ...]  # (town, province)
    monitors: tuple[str, ...]
    capital: str
    war_began: int


THEATRES = (
    Theatre(
        "Syria",
        "Syrian",
        "Syrian government forces",
        ("Hayat Tahrir al-Sham", "Turkey-backed rebels", "Islamic State fighters", "the SDF"),
        (
            ("Sarmada", "Idlib"),
            ("Saraqib", "Idlib"),
            ("Ariha", "Idlib"),
            ("Aleppo", "Aleppo"),
            ("Manbij", "Aleppo"),
            ("Deir ez-Zor", "Deir ez-Zor"),
            ("Hama", "Hama"),
        ),
        ("the Syrian Observatory for Human Rights", "the White Helmets rescue service", "SANA"),
        "Damascus",
        2011,
    ),
    Theatre(
        "Nigeria",
        "Nigerian",
        "Nigerian troops",
        ("Boko Haram", "ISWAP", "bandits", "gunmen"),
        (
            ("Maiduguri", "Borno"),
            ("Gwoza", "Borno"),
            ("Damboa", "Borno"),
            ("Gusau", "Zamfara"),
            ("Katsina", "Katsina"),
            ("Kaduna", "Kaduna"),
        ),
        ("local officials", "Amnesty International", "police"),
        "Abuja",
        2009,
    ),
    Theatre(
        "Somalia",
        "Somali",
        "Somali army troops",
        ("Al Shabaab", "al-Shabaab fighters", "clan militiamen"),
        (
            ("Mogadishu", "Banaadir"),
            ("Baidoa", "Bay"),
            ("Beledweyne", "Hiraan"),
            ("Kismayo", "Lower Juba"),
            ("Afgoye", "Lower Shabelle"),
        ),
        ("local elders", "Reuters", "state media"),
        "Mogadishu",
        2006,
    ),
    Theatre(
        "Burkina Faso",
        "Burkinabe",
        "Burkinabe soldiers",
        ("JNIM", "suspected jihadists", "Islamic State Sahel Province", "gunmen"),
        (
            ("Djibo", "Sahel"),
            ("Dori", "Sahel"),
            ("Kaya", "Centre-Nord"),
            ("Fada N'Gourma", "Est"),
            ("Ouahigouya", "Nord"),
        ),
        ("security sources", "AFP", "local residents"),
        "Ouagadougou",
        2015,
    ),
    Theatre(
        "Ukraine",
        "Ukrainian",
        "Ukrainian forces",
        ("Russian forces", "Russian troops", "pro-Russian separatists"),
        (
            ("Kharkiv", "Kharkiv"),
            ("Kherson", "Kherson"),
            ("Pokrovsk", "Donetsk"),
            ("Zaporizhzhia", "Zaporizhzhia"),
            ("Sumy", "Sumy"),
            ("Odesa", "Odesa"),
        ),
        ("the regional governor", "Ukraine's emergency service", "Reuters"),
        "Kyiv",
        2022,
    ),
    Theatre(
        "Sudan",
        "Sudanese",
        "the Sudanese army",
        ("the Rapid Support Forces", "RSF fighters", "armed men"),
        (
            ("El Fasher", "North Darfur"),
            ("Omdurman", "Khartoum"),
            ("Khartoum", "Khartoum"),
            ("Wad Madani", "Al Jazirah"),
            ("Nyala", "South Darfur"),
            ("El Obeid", "North Kordofan"),
        ),
        ("a local resistance committee", "medics", "OCHA"),
        "Port Sudan",
        2023,
    ),
)

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
NUMBER_WORDS = (
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "12",
    "15",
    "dozens of",
)

LEADS = (
    "{attacker} launched air strikes on {town} in {province} province on {weekday}, killing at least {n} "
    "civilians including {k} children, {monitor} said.",
    "{attacker} clashed with {defender} near {town} on {weekday}, leaving {n} fighters dead and {k} wounded, "
    "according to {monitor}.",
    "A roadside bomb struck a minibus on the road to {town} on {weekday}, killing {n} civilians, {monitor} said.",
    "{attacker} attacked the village of {town} in {province} on {date}, killing {n} people and abducting "
    "{k} women, residents said.",
    "Shelling by {attacker} hit a market in {town} on {weekday} morning, killing {n} people and wounding "
    "{m} others, {monitor} reported.",
    "Hundreds of residents protested in {town} on {weekday} against the killing of {k} traders; police "
    "fired tear gas to disperse the crowd.",
)
FOLLOW_UPS = (
    "A day earlier, {attacker} ambushed a convoy near {town}, killing {n} soldiers, security sources said.",
    "In a separate incident on {date}, gunmen shot dead {k} farmers in {town}, local officials said.",
    "{attacker} also seized control of several villages around {town} after heavy fighting on {weekday}.",
    "Drones struck positions held by {attacker} outside {town} late on {weekday}, {monitor} reported.",
    "Police in {town} arrested {k} suspects in connection with the attack, {monitor} said on {weekday}.",
    "Witnesses said {m} houses were set on fire and livestock looted in {town} on {date}.",
    "On {weekday} night, a suicide bomber blew himself up at a checkpoint in {town}, killing {n} people.",
    "{defender} said they had repelled an assault on {town} and killed {m} of the attackers.",
    "The toll from the week of fighting in {province} has risen to {big}, {monitor} said.",
)
QUOTES = (
    "\u201cWe will crush them with all the force we have,\u201d a spokesman for {defender} said, "
    "vowing to retake {town}.",
    "\u201cThe bombing did not stop all night, we buried {n} of our neighbours this morning,\u201d "
    "said a resident of {town} who asked not to be named.",
    "\u201cIf the attacks continue, we will strike back,\u201d a commander of {attacker} told reporters "
    "in {capital}.",
    "\u201cThere is no water, no electricity and no medicine,\u201d said a doctor at the main hospital "
    "in {town}, where {m} wounded people were being treated.",
)
BACKGROUND = (
    "The conflict, which began in {year}, has killed hundreds of thousands of people and displaced "
    "millions across {country}.",
    "{province} has seen repeated fighting since {year}, and aid groups say access to the area remains "
    "limited.",
    "A ceasefire agreed last year collapsed within weeks, and both sides blame each other for the violence.",
    "Government troops withdrew from {town} in {year}, and the town has changed hands several times since.",
    "Analysts say the fighting around {town} reflects a wider struggle for control of trade routes "
    "linking {province} to {capital}.",
    "The {demonym} government has accused foreign powers of arming {attacker}, a charge they deny.",
    "Since the start of the year, more than {big} people have been killed in {province}, according to "
    "{monitor}.",
)
DIPLOMACY = (
    "The foreign minister met envoys in {capital} on {weekday} to discuss a ceasefire, officials said.",
    "Mediators from Qatar and Turkey held talks with both sides in {capital} on {date}, without result.",
    "The government in {capital} rejected calls for talks with {attacker} and vowed to fight on.",
    "The United Nations called for restraint and the protection of civilians in {province}.",
    "Regional leaders are expected to meet in {capital} next week to discuss the crisis, diplomats said.",
    "The European Union said it was deeply concerned by reports of civilian casualties in {town}.",
)
HUMANITARIAN = (
    "Aid agencies said about {big} people had fled {town} since the fighting began, many of them "
    "sleeping in schools and mosques.",
    "OCHA said {m} health facilities in {province} had been damaged or destroyed this month.",
    "Food prices in {town} have tripled, and the World Food Programme warned of famine conditions.",
    "Hospitals in {province} are running out of fuel, and {m} patients were evacuated on {weekday}.",
    "Schools in {town} have been closed for weeks, and teachers say many families have left the area.",
)


class _Story:
    """The facts one article keeps returning to (main town, warring sides), with fresh numbers each time."""

    def __init__(self, rng: random.Random, theatre: Theatre, published: dt.date) -> None:
        self.rng, self.theatre, self.published = rng, theatre, published
        self.town, self.province = rng.choice(theatre.places)
        rebel = rng.choice(theatre.rebels)
        self.sides = (rebel, theatre.army) if rng.random() < 0.5 else (theatre.army, rebel)
        self.unused: dict[int, list[str]] = {}

    def slots(self) -> dict[str, str]:
        rng, theatre = self.rng, self.theatre
        town, province = (self.town, self.province) if rng.random() < 0.6 else rng.choice(theatre.places)
        attacker, defender = self.sides if rng.random() < 0.7 else self.sides[::-1]
        day = self.published - dt.timedelta(days=rng.randrange(0, 6))
        return {
            "attacker": attacker,
            "defender": defender,
            "town": town,
            "province": province,
            "monitor": rng.choice(theatre.monitors),
            "weekday": WEEKDAYS[day.weekday()],
            "date": f"{day.day} {day:%B}",
            "n": str(rng.randrange(2, 40)),
            "k": rng.choice(NUMBER_WORDS),
            "m": str(rng.randrange(3, 90)),
            "big": f"{rng.randrange(2, 300) * 1000:,}",
            "capital": theatre.capital,
            "country": theatre.country,
            "demonym": theatre.demonym,
            "year": str(theatre.war_began),
        }

    def sentence(self, templates: tuple[str, ...]) -> str:
        """A sentence from `templates`, each used once per article until all have been."""
        pool = self.unused.get(id(templates)) or list(templates)
        template = pool.pop(self.rng.randrange(len(pool)))
        self.unused[id(templates)] = pool
        text = template.format(**self.slots())
        return text[0].upper() + text[1:]

    def paragraph(self, kinds: list[tuple[str, ...]]) -> str:
        return " ".join(self.sentence(kind) for kind in kinds)


PLAN = (
    (LEADS, FOLLOW_UPS),
    (QUOTES, BACKGROUND),
    (FOLLOW_UPS, HUMANITARIAN),
    (DIPLOMACY, QUOTES),
    (BACKGROUND, FOLLOW_UPS, HUMANITARIAN),
)


def article(rng: random.Random, published: dt.date, words: int = 600, notes: list[str] | None = None) -> str:
    """One article of about `words` words, in paragraphs; optionally with one ACLED note as a paragraph."""
    story = _Story(rng, rng.choice(THEATRES), published)
    paragraphs = [story.paragraph(list(PLAN[0]))]
    if notes:
        paragraphs.append(rng.choice(notes))
    count = sum(len(p.split()) for p in paragraphs)
    while count < words:
        kinds = (
            PLAN[len(paragraphs)] if len(paragraphs) < len(PLAN) else PLAN[1 + rng.randrange(len(PLAN) - 1)]
        )
        paragraphs.append(story.paragraph(list(kinds)))
        count += len(paragraphs[-1].split())
    return "\n\n".join(paragraphs)


def acled_notes(limit: int = 2000) -> list[str]:
    """Up to `limit` ACLED notes from the development data, or none when it is not on disk."""
    found: list[str] = []
    for path in sorted(ACLED_DIR.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                note = (row.get("notes") or row.get("NOTES") or "").strip()
                if len(note.split()) >= 12:
                    found.append(note)
                if len(found) >= limit:
                    return found
    return found


def corpus(count: int, seed: int = 7, words: int = 600, with_notes: bool = False) -> Iterator[dict]:
    """`count` documents `{"id", "text", "published"}`, the same for the same arguments."""
    rng = random.Random(seed)
    notes = acled_notes() if with_notes else None
    start = dt.date(2024, 1, 1)
    for number in range(count):
        published = start + dt.timedelta(days=rng.randrange(365))
        yield {
            "id": f"bench-{number:05d}",
            "text": article(rng, published, words, notes),
            "published": published.isoformat(),
        }
