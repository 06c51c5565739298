"""The referent's day without hand-editing YAML (issue 14): from an empty repository (kvk init)
to approved minutes and a rendered public protokoll, every record written by a kvk command,
kvk check clean at the end, and the comments kvk init and new-meeting wrote still in place."""

from __future__ import annotations

import json

from kvk.cli import app
from kvk.io.yaml import load_text

M = "2009-11-20-formannskapet"
MEETING = f"data/moter/2009/{M}.yaml"
CASE = "data/saker/2009/2009-0001-budsjett-2010.yaml"
SCHOOL = "data/saker/2009/2009-0002-skolestruktur.yaml"


def _ok(runner, *args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, (args, result.output)
    return result.stdout


def _refused(runner, *args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 2, (args, result.output)
    assert len(result.stderr.splitlines()) == 1, result.stderr
    return result.stderr.strip()


def test_from_kvk_init_to_approved_public_minutes(runner, tmp_path, monkeypatch):
    _ok(runner, "init", str(tmp_path / "bjugn"), "--organisasjon", "Bjugn kommune", "--maalform", "nb", "--no-git")
    monkeypatch.chdir(tmp_path / "bjugn")
    org_before = (tmp_path / "bjugn/data/organisasjon.yaml").read_text(encoding="utf-8")

    # the organisation
    _ok(runner, "org", "party", "ap", "--kortnavn", "Ap", "--navn", "Arbeiderpartiet")
    _ok(runner, "org", "party", "h", "--kortnavn", "H", "--navn", "Høyre")
    _ok(runner, "org", "person", "kari-nordmann", "--navn", "Kari Nordmann", "--tittel", "Rådmann",
        "--part", "administrasjon")
    for pid, navn, parti in (("ola-hansen", "Ola Hansen", "ap"), ("per-berg", "Per Berg", "h"),
                             ("lise-vik", "Lise Vik", "ap"), ("vara-dal", "Vara Dal", "h")):
        _ok(runner, "org", "person", pid, "--navn", navn, "--part", "folkevalgt", "--parti", parti)
    _ok(runner, "org", "person", "kari-nordmann", "--initialer", "KANO")
    _ok(runner, "org", "body", "formannskapet", "--navn", "Formannskapet", "--type", "formannskap")
    _ok(runner, "org", "member", "formannskapet", "ola-hansen", "--rolle", "leder", "--fra", "2007-10-01")
    _ok(runner, "org", "member", "formannskapet", "per-berg", "--fra", "2007-10-01")
    _ok(runner, "org", "member", "formannskapet", "lise-vik", "--fra", "2007-10-01")
    _ok(runner, "org", "member", "formannskapet", "vara-dal", "--rolle", "varamedlem")
    _ok(runner, "org", "member", "formannskapet", "kari-nordmann", "--rolle", "sekretaer")
    # a person added by mistake goes again, with their membership
    _ok(runner, "org", "person", "lise-vk", "--navn", "Lise Vik")
    _ok(runner, "org", "member", "formannskapet", "lise-vk")
    _ok(runner, "org", "member", "formannskapet", "lise-vk", "--remove")
    _ok(runner, "org", "person", "lise-vk", "--remove")
    org = (tmp_path / "bjugn/data/organisasjon.yaml").read_text(encoding="utf-8")
    # kvk init's explaining comments are all still there, in their place
    assert org.startswith(org_before.split("personer: []")[0])

    # two cases and the meeting
    for tittel in ("Budsjett 2010", "Skolestruktur"):
        _ok(runner, "new-case", "--tittel", tittel, "--saksbehandler", "kari-nordmann", "--utvalg", "formannskapet",
            "--moetedato", "2009-11-20", "--innstilling-fra", "raadmann", "--dato", "2009-11-02",
            "--innstilling", f"{tittel} vedtas som foreslått.", "--no-input")
    _ok(runner, "new-meeting", "--utvalg", "formannskapet", "--dato", "2009-11-20", "--start", "13.15",
        "--slutt", "15:30", "--moetested", "Bjugn rådhus", "--moetenummer", "7/2009")

    # before the meeting: a forfall with its reason
    _ok(runner, "meeting", "attend", M, "per-berg", "--grunn", "Sykdom")
    # after it
    _ok(runner, "meeting", "status", M, "moeteprotokoll")
    _ok(runner, "meeting", "attend", M, "ola-hansen", "kari-nordmann")
    _ok(runner, "meeting", "attend", M, "vara-dal", "--for", "per-berg")
    _ok(runner, "meeting", "attend", M, "lise-vik", "--forlot", "1/09", "--permisjon")
    # a wrong vote is refused and writes nothing
    before = (tmp_path / "bjugn" / MEETING).read_bytes()
    assert _refused(runner, "meeting", "vote", M, "2/09", "--for", "3") == (
        f"kvk: {MEETING}: error KVK208 item 2/09: 3 votes but only 2 voting members present "
        "(hint: check the vote count and who was present); nothing was written")
    assert (tmp_path / "bjugn" / MEETING).read_bytes() == before
    out = json.loads(_ok(runner, "meeting", "propose", M, "1/09", "--fremmet-av", "per-berg", "--type",
                         "endringsforslag", "--tekst", "Rammen til skole økes med 1 mill.", "--format", "json"))
    assert out["id"] == "1" and out["paths"] == [MEETING]
    _ok(runner, "meeting", "vote", M, "1/09", "--over", "1", "--for", "1", "--mot", "2",
        "--partier-for", "h", "--partier-mot", "ap")
    _ok(runner, "meeting", "vote", M, "1/09", "--enstemmig")
    _ok(runner, "meeting", "decide", M, "1/09", "--som", "innstillingen")
    _ok(runner, "meeting", "vote", M, "2/09", "--ja", "ola-hansen", "--ja", "vara-dal")
    _ok(runner, "meeting", "decide", M, "2/09", "--tekst", "Saken utsettes til neste møte.", "--type", "utsatt")
    _ok(runner, "meeting", "item", M, "2/09", "--status", "utsatt")

    # the vedtak closes the case this body decides; the postponed one stays under behandling
    assert "saksstatus: avsluttet" in (tmp_path / "bjugn" / CASE).read_text(encoding="utf-8")
    assert "saksstatus: under_behandling" in (tmp_path / "bjugn" / SCHOOL).read_text(encoding="utf-8")

    _ok(runner, "meeting", "approve", M, "--dato", "2009-12-04", "--av", "Formannskapet 04.12.2009")
    assert "error KVK500" in _refused(runner, "meeting", "decide", M, "2/09", "--tekst", "Ny tekst", "--force")
    _ok(runner, "meeting", "decide", M, "2/09", "--tekst", "Saken utsettes til møtet 11.12.2009.", "--type",
        "utsatt", "--force", "--rettelse", "Feil dato i vedtaket", "--av", "Kari Nordmann",
        "--rettelse-dato", "2009-12-07")

    # Lise Vik leaves the formannskapet: her membership ends, and she cannot be removed
    _ok(runner, "org", "member", "formannskapet", "lise-vik", "--til", "2010-06-30")
    assert "error KVK704 cannot remove person 'lise-vik'" in _refused(runner, "org", "person", "lise-vik", "--remove")

    assert _ok(runner, "check") == ""
    assert "lise-vk" not in (tmp_path / "bjugn/data/organisasjon.yaml").read_text(encoding="utf-8")
    text = (tmp_path / "bjugn" / MEETING).read_text(encoding="utf-8")
    data = load_text(text, MEETING).data
    assert data["protokollstatus"] == {"status": "godkjent", "dato": "2009-12-04",
                                       "godkjent_av": "Formannskapet 04.12.2009"}
    assert data["rettelser"] == [{"dato": "2009-12-07", "av": "Kari Nordmann", "grunn": "Feil dato i vedtaket",
                                  "endring": "item 2/09: vedtak recorded (replaced)"}]
    # new-meeting's comments are kept where they were, its keys in their order
    assert "deltakere:                      # oppmoete: moett, forfall, ikke_moett or permisjon\n" in text
    assert "saker:                          # the agenda: every case whose saksgang names this meeting\n" in text
    assert list(data)[:6] == ["utvalg", "moetedato", "start", "slutt", "moetested", "rom"]

    public = _ok(runner, "render-minutes", M, "--public")
    assert "**Forfall:** Per Berg (Vara Dal møtte)." in public
    assert "Sykdom" not in public  # forfall_grunn is never public
    assert "Budsjett 2010 vedtas som foreslått." in public
    assert "Saken utsettes til møtet 11.12.2009." in public
    assert "Utsatt til nytt møte." in public  # the item's status UT
