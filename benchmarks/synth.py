"""Generate a synthetic records repository of realistic size, for benchmarks.

    python benchmarks/synth.py OUTDIR --cases 20000 --meetings 3000 --indicators 500 --seed 1

The repository is valid and internally consistent (every agenda item's case exists and its
saksgang names the meeting, votes fit the members present), so a benchmark measures the
ordinary, clean path: ~40-line cases, ~80-line meetings, indicator files of ~100 measurements,
Norwegian text. Same seed, same bytes.
"""

from __future__ import annotations

import argparse
import random
import shutil
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

WORDS = ("kommunen sykefravær nærvær tjenester kvalitet brukerne ansatte tillitsvalgte rådmannen "
         "formannskapet budsjett økonomi omsorg barnehage skole helse arbeidsmiljø samarbeid "
         "utvikling tiltak vurdering oppfølging rapportering prosjekt evaluering plan drift "
         "heltid deltid medvirkning etikk omdømme informasjon styringsgruppa møte enhet").split()
FIRST = "Anne Bjørn Kari Ola Trude Øystein Lise Geir Hans Inger Marit Jon Siri Per Åse Nils Tone Erik".split()
LAST = "Wold Nøst Sende Iversen Svarva Holmvik Heggdal Hallem Løvli Sandholm Bakken Heieraas Selseth Stene Aune Moe".split()
BODY_TYPES = ["formannskap", "kommunestyre", "utvalg", "styringsgruppe", "administrasjonsutvalg"]


def sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random, sentences: int, indent: str) -> str:
    return "\n".join(indent + sentence(rng, rng.randint(8, 14)) for _ in range(sentences))


def organisation(rng: random.Random, n_people: int, n_bodies: int) -> tuple[str, list[dict]]:
    people = [f"p{i:04d}" for i in range(n_people)]
    lines = ["personer:"]
    for pid in people:
        lines += [f"  - id: {pid}", f"    navn: {rng.choice(FIRST)} {rng.choice(LAST)}",
                  f"    part: {rng.choice(['folkevalgt', 'administrasjon', 'tillitsvalgt'])}"]
    bodies = []
    lines.append("utvalg:")
    for b in range(n_bodies):
        members = rng.sample(people, 9)
        body = {"id": f"utvalg-{b:02d}", "members": members[:7], "vara": members[7:]}
        bodies.append(body)
        lines += [f"  - id: {body['id']}", f"    navn: Utvalg {b} for {rng.choice(WORDS)}",
                  f"    type: {rng.choice(BODY_TYPES)}", "    medlemmer:"]
        lines += [f"      - {{person: {p}, rolle: {'leder' if i == 0 else 'medlem'}}}" for i, p in enumerate(members[:7])]
        lines += [f"      - {{person: {p}, rolle: varamedlem}}" for p in members[7:]]
    return "\n".join(lines) + "\n", bodies


def meeting_text(rng: random.Random, body: dict, day: date, items: list[tuple[str, str, str]]) -> str:
    absent, substitute = body["members"][-1], body["vara"][0]
    lines = [
        f"utvalg: {body['id']}", f"moetedato: {day.strftime('%d.%m.%Y')}",
        "start: 09.00", "slutt: '14:30'", "moetested: Rådhuset, formannskapssalen",
        "dokumenttype: moeteprotokoll", "maalform: nb", "deltakere:",
    ]
    for p in body["members"][:-1]:
        lines.append(f"  - {{person: {p}, oppmoete: moett}}")
    lines += [f"  - person: {absent}", "    oppmoete: forfall", "    forfall_grunn: Sykdom",
              f"  - {{person: {substitute}, oppmoete: moett, moette_for: {absent}}}", "saker:"]
    for nr, saksnr, title in items:
        yes = rng.randint(4, 7)
        lines += [
            f"  - nr: {nr}", f"    tittel: {title}", f"    sak: {saksnr}", "    type: PS",
            "    tekst: |", paragraph(rng, 1, "      "),
            "    votering:", f"      - for: {yes}", f"        mot: {7 - yes}",
            "    vedtak: |", paragraph(rng, 1, "      "),
        ]
    lines += ["signatur:", f"  - person: {body['members'][0]}", "    tekst: (sign.)"]
    return "\n".join(lines) + "\n"


def case_text(rng: random.Random, saksnr: str, title: str, handler: str,
              steps: list[tuple[str, date, str]]) -> str:
    lines = [
        f"saksnr: {saksnr}", f"tittel: {title}", f"saksbehandler: {handler}",
        f"arkivkode: \"{rng.randint(0, 999):03d} &{rng.randint(10, 99)}\"",
        f"dato: {steps[0][1].isoformat() if steps else '2009-01-01'}", "maalform: nb", "saksgang:",
    ]
    for body, day, number in steps:
        lines += [f"  - utvalg: {body}", f"    moetedato: {day.isoformat()}", f"    utvalgssaksnr: {number}"]
    lines += [
        "vedlegg:", f"  - nr: 1", f"    tittel: {sentence(rng, 6)}",
        "seksjoner:",
        "  - type: saksopplysninger", "    tekst: |", paragraph(rng, 5, "      "),
        "  - type: vurdering", "    tekst: |", paragraph(rng, 4, "      "),
        "  - type: oekonomiske_konsekvenser", "    tekst: Ingen.",
        "  - type: oppsummering", "    tekst: |", paragraph(rng, 2, "      "),
        "innstilling:", "  fra: raadmann", "  type: innstilling", "  tekst: |", paragraph(rng, 2, "    "),
    ]
    return "\n".join(lines) + "\n"


def indicator_text(rng: random.Random, i: int, n: int) -> str:
    base = rng.uniform(6, 14)
    lines = [
        "merknad: Syntetiske data for ytelsesmåling.", "indikatorer:",
        f"  - id: ind-{i:04d}", f"    navn: Sykefravær enhet {i}", "    omraade: PRO",
        "    perspektiv: medarbeidere", "    enhet: prosent", "    desimaler: 1",
        "    retning: lavere_er_bedre", "    frekvens: maaned", "    aggregering: forhold_av_summer",
        "    definisjon:", "      tekst: Tapte dagsverk i prosent av avtalte dagsverk.",
        "      teller: tapte dagsverk", "      nevner: avtalte dagsverk",
        "    kilde: {system: HR-systemet}", "    eier: Enhetsleder",
        f"    baseline: {{periode: 2001-M01, verdi: {base:.1f}}}",
        "    maal:", f"      - {{frist: 2009-M12, verdi: {base - 2:.1f}}}",
        "maalinger:",
    ]
    year, month = 2001, 1
    for _ in range(n):
        nevner = rng.randint(800, 1200)
        value = max(0.5, base + rng.uniform(-2, 2))
        teller = round(nevner * value / 100, 1)
        lines.append(f"  - {{indikator: ind-{i:04d}, periode: {year}-M{month:02d}, verdi: {100 * teller / nevner:.1f}, "
                     f"teller: {teller}, nevner: {nevner}}}")
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return "\n".join(lines) + "\n"


def generate(out: Path, cases: int, meetings: int, indicators: int, seed: int) -> None:
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    (out / "data").mkdir(parents=True)
    (out / "kvk.yaml").write_text("organisasjon: Syntetisk kommune\nmaalform: nb\n", encoding="utf-8")
    org, bodies = organisation(rng, 300, 20)
    (out / "data" / "organisasjon.yaml").write_text(org, encoding="utf-8")

    # meetings: distinct (body, date) pairs from 2005 on
    slots: set[tuple[int, date]] = set()
    while len(slots) < meetings:
        slots.add((rng.randrange(len(bodies)), date(2005, 1, 3) + timedelta(days=rng.randrange(20 * 365))))
    schedule = sorted(slots, key=lambda s: (s[1], s[0]))

    # cases are numbered per year; each case goes to one meeting (every fifth to a second one)
    per_year: dict[int, int] = defaultdict(int)
    case_steps: dict[str, list] = {}
    agenda: dict[int, list] = defaultdict(list)
    case_meta: dict[str, tuple[str, str]] = {}
    series: dict[tuple[str, int], int] = defaultdict(int)
    for c in range(cases):
        m = c % meetings if c < meetings else rng.randrange(meetings)
        body_i, day = schedule[m]
        year = day.year
        per_year[year] += 1
        saksnr = f"{year}/{per_year[year]}"
        title = sentence(rng, rng.randint(4, 8))[:-1]
        case_meta[saksnr] = (title, rng.choice(bodies[body_i]["members"]))
        visits = [m] + ([min(m + 1, meetings - 1)] if c % 5 == 0 and m + 1 < meetings else [])
        case_steps[saksnr] = []
        for v in dict.fromkeys(visits):
            b, d = schedule[v]
            series[(bodies[b]["id"], d.year)] += 1
            number = f"{series[(bodies[b]['id'], d.year)]}/{d.year % 100:02d}"
            case_steps[saksnr].append((bodies[b]["id"], d, number))
            agenda[v].append((number, saksnr, title))

    for v, (body_i, day) in enumerate(schedule):
        body = bodies[body_i]
        path = out / "data" / "moter" / f"{day.year}" / f"{day.isoformat()}-{body['id']}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(meeting_text(rng, body, day, agenda[v]), encoding="utf-8")

    for saksnr, steps in case_steps.items():
        year, seq = saksnr.split("/")
        title, handler = case_meta[saksnr]
        path = out / "data" / "saker" / year / f"{year}-{int(seq):04d}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(case_text(rng, saksnr, title, handler, steps), encoding="utf-8")

    ind_dir = out / "data" / "indikatorer"
    ind_dir.mkdir(parents=True, exist_ok=True)
    for i in range(indicators):
        (ind_dir / f"ind-{i:04d}.yaml").write_text(indicator_text(rng, i, 100), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--cases", type=int, default=20000)
    parser.add_argument("--meetings", type=int, default=3000)
    parser.add_argument("--indicators", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.out, args.cases, args.meetings, args.indicators, args.seed)


if __name__ == "__main__":
    main()
