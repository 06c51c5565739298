"""The rendering bugs of issue 13 point 7, each as the user met it. Every test here failed on
main before the fix (checked by running this file against a checkout of main's commit)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kvk.render import Options, render_agenda, render_minutes
from kvk.repository import Repository

MEETING = "2009-11-18-formannskapet"
MEETING_FILE = f"data/moter/2009/{MEETING}.yaml"


def _edit(repo: Path, rel: str, change) -> None:
    path = repo / rel
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _minutes(repo: Path, **options) -> str:
    return render_minutes(Repository.open(explicit=str(repo)), MEETING, Options(**options))


def _agenda(repo: Path, **options) -> str:
    return render_agenda(Repository.open(explicit=str(repo)), MEETING, Options(**options))


def _as_notice(data: dict) -> None:
    data["dokumenttype"] = "innkalling"
    for key in ("saker",):
        for item in data[key]:
            for done in ("votering", "vedtak", "forslag", "behandling", "oppfoelging"):
                item.pop(done, None)
    for d in data["deltakere"]:
        d.pop("oppmoete", None)
        d.pop("forfall_grunn", None)
        d.pop("til_stede_til", None)
        d.pop("inhabil_i", None)


def test_agenda_prints_the_notices_own_title_and_signatures(fjordvik):
    def change(data):
        _as_notice(data)
        data["tittel"] = "Møteinnkalling til formannskapets budsjettmøte"
        data["signatur"] = [{"person": "kari-nordmann", "tittel": "Ordfører"},
                            {"person": "tone-aas", "tittel": "Sekretær"}]
    _edit(fjordvik, MEETING_FILE, change)
    text = _agenda(fjordvik)
    assert "# Møteinnkalling til formannskapets budsjettmøte" in text
    assert "Innkalling til møte i Formannskapet" not in text
    tail = text[text.rindex("## "):]
    assert "Kari Nordmann\n\nOrdfører\n\nTone Aas\n\nSekretær" in tail
    assert "Møteleder" not in tail


def test_minutes_title_keeps_the_capital_of_a_body_named_after_its_place(fjordvik):
    _edit(fjordvik, "data/organisasjon.yaml",
          lambda data: data["utvalg"][0].update(navn="Fjordvik formannskap"))
    text = _minutes(fjordvik)
    assert "# Protokoll fra møte i Fjordvik formannskap 18. november 2009" in text


def test_minutes_title_lower_cases_a_one_word_body_as_before(fjordvik):
    assert "# Protokoll fra møte i formannskapet 18. november 2009" in _minutes(fjordvik)


@pytest.mark.parametrize("render", [_minutes, _agenda])
def test_an_item_without_a_number_has_no_dangling_colon(fjordvik, render):
    def change(data):
        data["saker"].append({"nr": "", "tittel": "EVENTUELT"})
    _edit(fjordvik, MEETING_FILE, change)
    text = render(fjordvik)
    assert "## EVENTUELT" in text
    assert ": EVENTUELT" not in text


def test_agenda_prints_no_none_for_an_empty_title(fjordvik):
    def change(data):
        data["saker"].append({"nr": "PS 49/09", "tittel": ""})
    _edit(fjordvik, MEETING_FILE, change)
    text = _agenda(fjordvik)
    assert "None" not in text
    assert "| PS 49/09 |  |  |" in text


@pytest.mark.parametrize("fmt,heading", [("md", "**TILRÅDING:**"), ("html", "TILRÅDING:</p>")])
def test_a_tilraading_is_not_printed_as_a_vedtak(fjordvik, fmt, heading):
    def change(data):
        data["saker"][0]["vedtak"] = {"type": "tilraading", "tekst": "Formannskapet tilrår kommunestyret å godkjenne."}
    _edit(fjordvik, MEETING_FILE, change)
    text = _minutes(fjordvik, fmt=fmt)
    first = text[text.index("PS 45/09"):text.index("PS 46/09")]
    assert heading in first
    assert "VEDTAK" not in first


def test_a_no_show_is_not_listed_under_forfall(fjordvik):
    def change(data):
        for d in data["deltakere"]:
            if d["person"] == "jon-moe":
                d["oppmoete"] = "ikke_moett"
    _edit(fjordvik, MEETING_FILE, change)
    text = _minutes(fjordvik)
    forfall = next(line for line in text.splitlines() if line.startswith("**Forfall:**"))
    assert "Jon Moe" not in forfall
    assert "**Ikke møtt:** Jon Moe." in text
    til_stede = next(line for line in text.splitlines() if line.startswith("**Til stede:**"))
    assert "Jon Moe" not in til_stede


@pytest.mark.parametrize("maalform,line", [("nb", "**Referent:** Tone Aas"), ("nn", "**Referent:** Tone Aas")])
def test_the_referent_is_printed(fjordvik, maalform, line):
    # the fixture's referent signs as "Tone Aas, ref."; without that signature she was nowhere
    _edit(fjordvik, MEETING_FILE, lambda data: data.update(signatur=data["signatur"][:1]))
    assert line in _minutes(fjordvik, maalform=maalform)


def test_a_referent_who_signs_is_not_printed_twice(fjordvik):
    text = _minutes(fjordvik)
    assert "Referent:" not in text
    assert "Tone Aas, ref." in text


@pytest.mark.parametrize("maalform,sentence", [("nb", "Vedtatt med 4 mot 1 stemme."),
                                               ("nn", "Vedteke med 4 mot 1 røyst.")])
def test_one_vote_against_is_singular(fjordvik, maalform, sentence):
    def change(data):
        data["saker"][1]["votering"][1].update({"for": 4, "mot": 1})
    _edit(fjordvik, MEETING_FILE, change)
    text = _minutes(fjordvik, maalform=maalform)
    assert sentence in text
    assert "1 stemmer" not in text and "1 røyster" not in text


def test_the_case_document_shows_the_vedtak_from_the_meeting(fjordvik):
    from kvk.render import render_case

    def change(data):
        data["saker"][1]["vedtak"] = "Saken sendes tilbake til rådmannen for nye kostnadsoverslag."
    _edit(fjordvik, MEETING_FILE, change)
    text = render_case(Repository.open(explicit=str(fjordvik)), "2009/512", Options())
    behandling = text[text.index("## Behandling i Formannskapet 18.11.2009, PS 46/09"):]
    assert "Saken sendes tilbake til rådmannen for nye kostnadsoverslag." in behandling
    assert "Mindretall: H, FrP og SV." in behandling  # what only the meeting's record holds


def test_a_case_treatment_without_a_meeting_record_is_still_shown(fjordvik):
    from kvk.render import render_case

    def change(data):
        data["behandlinger"] = [{"utvalg": "formannskapet", "moetedato": "2009-10-28", "utvalgssaksnr": "PS 40/09",
                                 "vedtak": "Saken utsettes."}]
    _edit(fjordvik, "data/saker/2009/2009-0512.yaml", change)
    text = render_case(Repository.open(explicit=str(fjordvik)), "2009/512", Options())
    first = text.index("## Behandling i Formannskapet 28.10.2009, PS 40/09")
    second = text.index("## Behandling i Formannskapet 18.11.2009, PS 46/09")
    assert first < second  # date order
    assert "Saken utsettes." in text[first:second]
