"""The editor and kvk agree on each spelling: for every value below, the schema (on what YAML 1.2
core makes of the record, as an editor reads it) accepts exactly when kvk's model does (on the
text kvk's own loader gives it). The few places where YAML 1.2 throws away the spelling kvk
decides by are listed in DIVERGES, each with its reason (docs/editors.md names them too)."""

from __future__ import annotations

import pytest

from kvk.io.yaml import load_text
from kvk.models import model_of
from kvk.models.validation import validate

from .records import schema_errors

MEETING = """\
utvalg: formannskapet
moetedato: {moetedato}
dokumenttype: referat
start: {start}
deltakere:
- person: {person}
  stemmerett: {janei}
saker:
- nr: "1"
  tittel: {tekst}
  sak: {saksnr}
  votering:
  - resultat: {resultat}
    enstemmig: {enstemmig}
    for: {for_}
    mot: {mot}
  vedtak: {vedtak}
  tekst: {markup}
  status: {status}
  vedlegg: {vedlegg}
protokollstatus:
  status: {protokollstatus}
  dato: {protokolldato}
"""
MEETING_OK = dict(moetedato="2009-03-04", start="18:00", person="kari", janei="ja", tekst="Budsjett",
                  saksnr="2009/12", resultat="vedtatt", enstemmig="nei", for_="5", mot="2",
                  vedtak="Saken utsettes.", status="BE", protokollstatus="utkast", protokolldato="",
                  markup="Tekst", vedlegg="ingen")

INDICATORS = """\
maalinger:
- indikator: sykefravaer
  periode: {periode}
  verdi: {verdi}
  status: {maalestatus}
"""
INDICATORS_OK = dict(periode="2009-Q3", verdi="9.5", maalestatus="A")

SPELLINGS = {
    "moetedato": ["'２００９-１０-３０'", "2009-10-30", "30.10.2009", "1.2.2009", "01.02.2009", "2008-02-29", "2009-02-29", "2009-02-30",
                  "2009-13-01", "2009-00-10", "32.01.2009", "31.04.2009", "2009/10/30", "20091030",
                  "'2009-10-30'", "2009-1-30", ""],
    "start": ["18:00", "13.15", "9:05", "09:05", "23:59", "24:00", "25:00", "13:60", "1315", "'13.15'",
              "13", "13.75", "ja", ""],
    "person": ["kari", "kari-nordmann", "kari_n", "0301", "2009", "Kari", "kari nordmann", "../kari",
               "-kari", "'0301'", "true"],
    "janei": ["ja", "Ja", "JA", "nei", "true", "True", "false", "yes", "no", "NO", "j", "n", "sann",
              "usann", "kanskje", "1", "0", "'ja'", ""],
    "tekst": ["Budsjett", "2009", "true", "1.5", "'Sak: x'", "0301", "nei", "''", "null"],
    "saksnr": ["'٢٠٠٩/١٢'", "'２００９/１２'", "2009/12", "2009/0012", "'2009/12'", "09/12", "2009/0", "2009/12345678", "2009", "12",
               "2009-12", ""],
    "resultat": ["vedtatt", "Vedtatt", "VEDTATT", "falt", "Falt", "vedteke", "ja", ""],
    "enstemmig": ["ja", "nei", "true", "False", ""],
    "for_": ["5", "0", "'5'", "5.0", "-1", "'-1'", "5.5", "fem", "+5", "1_000", ""],
    "mot": ["0", "2", "-2", "2.5", "''"],
    "vedtak": ["Saken utsettes.", "'Saken utsettes.'", "{tekst: Saken utsettes.}",
               "{tekst: Vedtatt., type: vedtak}", "{tekst: Vedtatt., type: vedtatt}", "{type: vedtak}", "2009",
               "''", "[a, b]", "", "{som: innstillingen}", "{som: innstillingen, type: vedtak}"],
    "vedlegg": ["ingen", "Ingen", "' ingen '", "[]", "ikke", "", "[{tittel: Notat}]", "{tittel: Notat}"],
    "markup": ["Tekst", "'a [[skjermet hjemmel=\"offl. § 13\"]]b[[/skjermet]] c'",
               "'[[skjermet hjemmel=\"offl. § 13\"]]b[[/skjermet]][[skjermet hjemmel=\"x\"]]c[[/skjermet]]'",
               "'[[skjermet]]b[[/skjermet]]'", "'a [[skjermet hjemmel=\"x\"]]b'", "'b[[/skjermet]]'",
               "'[[skjermet hjemmel=\"x\"]]a[[skjermet hjemmel=\"y\"]]b[[/skjermet]][[/skjermet]]'",
               "'[[skjermet hjemmel=x]]b[[/skjermet]]'", "'[[skjermet hjemmel=\"\"]]b[[/skjermet]]'",
               "'[[ikke markup]] og [[skjermet uten slutt'", "'[[SKJERMET hjemmel=\"x\"]]b[[/skjermet]]'",
               "'[[ skjermet hjemmel=\"x\"]]b[[/skjermet]]'", "'[skjermet hjemmel=\"x\"]b[/skjermet]'",
               "'[[skjerma hjemmel=\"x\"]]b[[/skjerma]]'", "'a [[skjermet hjemmel=\"x\"]]b[/skjermet] c'",
               "'{{skjermet}}'", "'<skjermet>'", "'[[/ skjermet]]'", "'skjermet i løpende tekst'",
               "'[[skjermet  hjemmel = \"x\" ]]b[[/skjermet]]'", "2009", "|\n    linje 1\n    [[skjermet hjemmel=\"offl. § 13\"]]\n    linje 2\n    [[/skjermet]]"],
    "status": ["BE", "UT", "TB", "be", "Be", "XX", ""],
    "protokollstatus": ["utkast", "Utkast", "godkjent", "ferdig"],
    "periode": ["2009", "2009-Q3", "2009-Q4", "2009-Q5", "2009-Q0", "2009-q3", "2009-M03", "2009-M12",
                "2009-M13", "2009-03", "2009-13", "2009-S2", "2009-S3", "2009-T3", "2009-T4", "2009-W01",
                "2009-W53", "2010-W53", "2009-W54", "'2009'", "09", "0999", "2009-Q03", "2009Q3", ""],
    "verdi": ["9.5", "9", "-3", "'9.5'", "' 9.5 '", ".5", "5.", "1e3", "1.5e-2", "1_000", "12,5", "'12,5'",
              "9.5.1", "ni", "1 000", "''", "0x1F", "nan", "inf", "NaN", ".inf", "-.inf", ".nan", "1e999",
              "'٩.٥'", "'９.５'"],
    "maalestatus": ["A", "P", "M", "a", "Z"],
}

#: (field, spelling) -> why the editor cannot agree with kvk there: the schema accepts, kvk refuses
DIVERGES = {
    ("start", "13"): "13 and 13.00 are one number to YAML 1.2; kvk takes only 13.00",
    ("start", "13.75"): "13.75 is a number below 24 to YAML 1.2; its minutes are in its spelling",
    ("periode", "09"): "09 and 0009 are one integer to YAML 1.2; kvk takes only a four-digit year",
    ("verdi", "0x1F"): "0x1F is the number 31 to YAML 1.2; kvk reads only decimal numbers",
    ("moetedato", "2009-02-29"): "a pattern knows the days of each month, not leap years",
    ("periode", "2010-W53"): "a pattern cannot know which years have an ISO week 53",
}

#: (field, spelling) -> why the schema refuses what kvk takes, on purpose
REFUSED_ON_PURPOSE = {
    ("person", "true"): "a boolean to the editor; no one's id is 'true'",
}


def kvk_accepts(kind: str, text: str) -> bool:
    _, diagnostics = validate(model_of(kind), load_text(text, "record.yaml"))
    return not diagnostics


def cases():
    for field, spellings in SPELLINGS.items():
        for spelling in spellings:
            if field in MEETING_OK:
                yield pytest.param("moete", MEETING.format(**{**MEETING_OK, field: spelling}), field, spelling,
                                   id=f"{field}={spelling}")
            else:
                yield pytest.param("indikatorer", INDICATORS.format(**{**INDICATORS_OK, field: spelling}),
                                   field, spelling, id=f"{field}={spelling}")


@pytest.mark.parametrize(("kind", "text", "field", "spelling"), list(cases()))
def test_schema_accepts_what_kvk_accepts(kind, text, field, spelling):
    kvk = kvk_accepts(kind, text)
    errors = schema_errors(kind, text)
    if (field, spelling) in DIVERGES:
        assert not kvk and not errors, "a listed divergence no longer diverges: take it off DIVERGES"
        return
    if (field, spelling) in REFUSED_ON_PURPOSE:
        assert kvk and errors, "no longer refused on purpose: take it off REFUSED_ON_PURPOSE"
        return
    assert kvk == (not errors), f"kvk {'accepts' if kvk else 'refuses'} {field}: {spelling!r}; schema says {errors}"


def test_the_base_records_are_valid_to_both():
    assert kvk_accepts("moete", MEETING.format(**MEETING_OK))
    assert schema_errors("moete", MEETING.format(**MEETING_OK)) == []
    assert kvk_accepts("indikatorer", INDICATORS.format(**INDICATORS_OK))
    assert schema_errors("indikatorer", INDICATORS.format(**INDICATORS_OK)) == []


@pytest.mark.parametrize(("enstemmig", "mot", "ok"), [
    ("ja", "0", True), ("ja", "", True), ("ja", "2", False), ("Ja", "'2'", False), ("true", "1", False),
    ("nei", "2", True), ("", "2", True)])
def test_enstemmig_with_votes_against(enstemmig, mot, ok):
    text = MEETING.format(**{**MEETING_OK, "enstemmig": enstemmig, "mot": mot})
    assert kvk_accepts("moete", text) is ok
    assert (schema_errors("moete", text) == []) is ok


@pytest.mark.parametrize(("status", "dato", "ok"), [
    ("godkjent", "2009-03-20", True), ("godkjent", "", False), ("Godkjent", "", False), ("utkast", "", True)])
def test_approved_minutes_need_a_date(status, dato, ok):
    text = MEETING.format(**{**MEETING_OK, "protokollstatus": status, "protokolldato": dato})
    assert kvk_accepts("moete", text) is ok
    assert (schema_errors("moete", text) == []) is ok


def test_yes_no_words_are_kvks():
    from kvk.models.common import parse_bool
    from kvk.models.schema import JA, NEI

    assert all(parse_bool(w) is True for w in JA) and all(parse_bool(w) is False for w in NEI)
    assert all(parse_bool(w.upper()) in (True, False) for w in JA + NEI)


def test_a_folded_choice_in_a_single_votering():
    """One votering written as a mapping, its resultat as a label ('Vedtatt'): the editor and kvk
    both accept it (kvk stopped with KeyError folding the choice at the list's index 0)."""
    text = MEETING.format(**{**MEETING_OK, "resultat": "Vedtatt"}).replace("  - resultat:", "    resultat:")
    assert schema_errors("moete", text) == []
    assert kvk_accepts("moete", text)
