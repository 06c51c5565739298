import textwrap

from kvk.io.yaml import load_text
from kvk.models import Moete, Sak
from kvk.review.semdiff import describe, diff_models, summary, word_diff, words_text
from kvk.models.validation import validate

NAMES = {("body", "formannskapet"): "Formannskapet", ("person", "ola"): "Ola Nordmann"}


def names(kind, ident):
    return NAMES.get((kind, ident), ident)


def load(model, text):
    m, diags = validate(model, load_text(textwrap.dedent(text), "x.yaml"))
    assert m is not None, diags
    return m


CASE = """\
saksnr: 2009/17
tittel: Budsjett
saksbehandler: ola
saksgang:
  - utvalg: formannskapet
    moetedato: 12.11.2009
  - utvalg: kommunestyret
    moetedato: 2009-12-01
"""


def lines(old, new, model=Sak, style="text"):
    return [describe(c, style) for c in diff_models(load(model, old), load(model, new), names)]


def test_same_content_in_another_spelling_is_no_change():
    respelled = CASE.replace("12.11.2009", "2009-11-12").replace("tittel: Budsjett", "tittel: 'Budsjett'  # kommentar")
    assert lines(CASE, respelled) == []


def test_the_issue_example():
    new = CASE.replace("12.11.2009", "19.11.2009") + (
        "behandlinger:\n  - utvalg: formannskapet\n    moetedato: 2009-11-19\n    vedtak: Saken utsettes.\n")
    changes = diff_models(load(Sak, CASE), load(Sak, new), names)
    assert summary("Sak 2009/17", changes) == (
        "Sak 2009/17: saksgang: Formannskapet 2009-11-12 → 2009-11-19; "
        "behandlinger: Formannskapet 2009-11-19 added (vedtak: Saken utsettes.)")
    assert changes[0].dotted == "saksgang[0]" and changes[0].to_json()["old"] == "Formannskapet 2009-11-12"


def test_scalar_added_removed_changed():
    new = CASE.replace("tittel: Budsjett", "tittel: Budsjett 2010\narkivkode: 151").replace("saksbehandler: ola", "saksbehandler: kari")
    assert lines(CASE, new) == ["tittel: Budsjett → Budsjett 2010", "saksbehandler: ola → kari", "arkivkode added: 151"]
    assert lines(new, CASE)[-1] == "arkivkode removed (was: 151)"


def test_inserting_an_agenda_item_does_not_shift_the_others():
    meeting = """
        utvalg: formannskapet
        moetedato: 2009-11-12
        dokumenttype: moeteprotokoll
        saker:
          - {nr: "1", tittel: Budsjett}
          - {nr: "2", tittel: Økonomiplan}
        """
    inserted = meeting.replace('  - {nr: "2"', '  - {nr: "1b", tittel: Skolebruksplan}\n          - {nr: "2"')
    assert lines(meeting, inserted, Moete) == ["saker: punkt 1b added (tittel: Skolebruksplan)"]
    changed = meeting.replace("Økonomiplan}", "Økonomiplan 2010-2013, vedtak: Vedtatt.}")
    assert lines(meeting, changed, Moete) == ["punkt 2: tittel: Økonomiplan → Økonomiplan 2010-2013",
                                              "punkt 2: vedtak added: Vedtatt."]


def test_long_text_is_a_word_diff():
    old = CASE + "seksjoner:\n  - type: vurdering\n    tekst: |\n      " + \
        "Rådmannen mener at kommunen bør søke om deltakelse i programmet fordi sykefraværet er høyt.\n"
    new = old.replace("er høyt", "er svært høyt").replace("bør søke", "skal søke")
    assert lines(old, new) == [
        "vurdering: tekst: Rådmannen mener at kommunen [-bør-] {+skal+} søke om deltakelse i programmet "
        "fordi sykefraværet er {+svært+} høyt."]
    assert lines(old, new, style="md") == [
        "vurdering: tekst: Rådmannen mener at kommunen ~~bør~~ **skal** søke om deltakelse i programmet "
        "fordi sykefraværet er **svært** høyt."]


def test_word_diff_keeps_only_context_around_changes():
    words = " ".join(f"ord{i}" for i in range(40))
    ops = word_diff(words, words.replace("ord20", "ORD20"))
    assert words_text(ops) == "…ord14 ord15 ord16 ord17 ord18 ord19 [-ord20-] {+ORD20+} ord21 ord22 ord23 ord24 ord25 ord26…"


def test_list_of_texts():
    meeting = """
        utvalg: formannskapet
        moetedato: 2009-11-12
        dokumenttype: referat
        merknader: [Ingen merknader til innkallingen., Møtet ble satt.]
        """
    assert lines(meeting, meeting.replace("Møtet ble satt.", "Møtet ble hevet."), Moete) == [
        "merknader[2]: Møtet ble satt. → Møtet ble hevet."]


def test_a_default_written_out_is_no_change():
    assert lines(CASE, CASE.replace("tittel: Budsjett", "tittel: Budsjett\nvis_saksnr: ja")) == []
    assert lines(CASE, CASE.replace("tittel: Budsjett", "tittel: Budsjett\nvis_saksnr: nei")) == [
        "vis_saksnr added: nei"]
