"""The record fields of issue 13: honest unknowns, presence as events, party votes, items with
their own papers. Each test writes a record as a secretary would, from the corpus documents."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from kvk.models.common import arkivsaksnr_parts, utvalgssaksnr_parts
from kvk.models.presence import AWAY, PARTLY, PRESENT, span, states

from .test_models import parse

HEAD = "utvalg: formannskapet\nmoetedato: 2009-04-23\ndokumenttype: moeteprotokoll\n"
ITEMS = "saker:\n  - {nr: 41/09}\n  - {nr: 42/09}\n  - {nr: 43/09}\n  - {id: eventuelt, art: eventuelt}\n"


def test_a_meeting_without_a_date_has_its_own_id_and_keeps_the_old_one_otherwise():
    m, diags = parse("moete", "id: 2013-kommunestyre-39\nutvalg: kommunestyre\nmoetedato:\naar: 2013\n"
                              "dokumenttype: moeteprotokoll\n")
    assert diags == [] and (m.id, m.moetedato, m.year) == ("2013-kommunestyre-39", None, 2013)
    m, diags = parse("moete", HEAD)
    assert diags == [] and m.id == "2009-04-23-formannskapet" and m.year == 2009
    _, diags = parse("moete", "utvalg: formannskapet\ndokumenttype: innkalling\n")
    assert [d.split(" error ")[1][:6] for d in diags] == ["KVK111"]


def test_stated_as_none_is_told_from_not_stated():
    m, diags = parse("moete", HEAD + "merknader_til_innkalling: ingen\n"
                                     "saker:\n  - {nr: 1/09, forslag: ingen, vedlegg: Ingen}\n  - {nr: 2/09}\n")
    assert diags == []
    assert m.ingen("merknader_til_innkalling") and m.merknader_til_innkalling == []
    first, second = m.saker
    assert first.ingen("forslag") and first.ingen("vedlegg") and first.forslag == [] and first.vedlegg == []
    assert not second.ingen("forslag") and second.forslag == []  # not stated
    sak, diags = parse("sak", "saksnr: 2015/40\ntittel: Valstyret\nvedlegg: ingen\n")
    assert diags == [] and sak.ingen("vedlegg") and sak.saksbehandler is None  # no saksbehandler named


def test_nothing_required_that_real_documents_leave_out():
    m, diags = parse("moete", HEAD + "saker:\n  - id: eventuelt\n  - nr: /13\n    innstilling: {type: forslag_til_vedtak}\n"
                                     "    vedtak: {som: innstillingen}\n")
    assert diags == []
    assert (m.saker[0].nr, m.saker[0].tittel, m.saker[0].ref) == (None, None, "eventuelt")
    assert m.saker[1].innstilling.fra is None and m.saker[1].innstilling.tekst is None
    sak, diags = parse("sak", "saksnr: 2009/40\ntittel: T\nsaksbehandler: kari\n"
                              "behandlinger:\n  - {utvalg: formannskapet, vedtak: Vedtatt.}\n")
    assert diags == [] and sak.behandlinger[0].moetedato is None


@pytest.mark.parametrize("written, parts", [
    ("2014/1277", (2014, 1277, None)), ("2014/", (2014, None, None)), ("/71", (None, 71, None)),
    ("2015/40-1", (2015, 40, 1)), ("15/40-1", (2015, 40, 1)),
])
def test_partly_stated_arkivsaksnr(written, parts):
    m, diags = parse("moete", HEAD + f"saker:\n  - {{nr: 1/09, arkivsaksnr: '{written}'}}\n")
    assert diags == [] and arkivsaksnr_parts(m.saker[0].arkivsaksnr) == parts


def test_a_partly_stated_utvalgssaksnr_is_never_compared():
    sak, diags = parse("sak", "saksnr: 2009/40\ntittel: T\nsaksgang:\n  - {utvalg: formannskapet, utvalgssaksnr: /09}\n")
    assert diags == [] and sak.saksgang[0].utvalgssaksnr == "/09"
    with pytest.raises(ValueError):
        utvalgssaksnr_parts("/09")
    _, diags = parse("moete", HEAD + "saker:\n  - {nr: 1/09, arkivsaksnr: '/'}\n")
    assert [d.split(" error ")[1][:6] for d in diags] == ["KVK107"]


def _states(people: str) -> list[list[str]]:
    m, diags = parse("moete", HEAD + "deltakere:\n" + people + ITEMS)
    assert diags == []
    return [states(m, d) for d in m.deltakere]


def test_presence_as_events():
    P, H, A = PRESENT, PARTLY, AWAY
    assert _states(
        "  - {person: a}\n"
        "  - person: b\n    hendelser: [{hva: forlot, under: 42/09, permisjon: ja}, {hva: kom, under: eventuelt}]\n"
        "  - person: c\n    hendelser: [{hva: forlot, foer: 42/09}]\n"
        "  - person: d\n    hendelser: [{hva: kom, etter: 41/09}]\n"
        "  - {person: e, til_stede_til: 42/09}\n"  # the older shorthand: up to and including 42/09
        "  - {person: f, til_stede_fra: {sak: 43/09}, til_stede_til: {kl: '15.40'}}\n"  # a clock time is not placed
        "  - {person: g, til_stede_i: [42/09-43/09]}\n"
        "  - {person: h, oppmoete: ikke_moett}\n"
        "  - {person: i, oppmoete: fravaer}\n") == [
        [P, P, P, P], [P, H, A, H], [P, A, A, A], [A, P, P, P], [P, P, A, A], [A, A, P, P], [A, P, P, A],
        [A, A, A, A], [A, A, A, A]]


def test_an_event_has_one_point():
    _, diags = parse("moete", HEAD + "deltakere:\n  - person: a\n    hendelser: [{hva: forlot, foer: 41/09, kl: '13.00'}]\n" + ITEMS)
    assert [d.split(" error ")[1][:6] for d in diags] == ["KVK110"]


POSITIONS = {"41/09": 0, "42/09": 1, "43/09": 2, "eventuelt": 3, "interpellasjon-skogsvei": 4}


@given(st.sampled_from(sorted(POSITIONS)), st.sampled_from(sorted(POSITIONS)))
def test_a_range_is_split_where_both_ends_are_items(first, last):
    # ids may hold dashes themselves: the range's dash is the one with an item on each side
    assert span(f"{first}-{last}", POSITIONS) == (POSITIONS[first], POSITIONS[last])
    assert span(first, POSITIONS) == (POSITIONS[first],) * 2
    assert span(f"{first}-99/09", POSITIONS) is None


def test_party_groups_computed_from_a_roll_call():
    m, diags = parse("moete", HEAD + "saker:\n  - nr: 41/09\n    votering:\n      - over: innstillingen\n"
                                     "        stemmer: [{person: a, stemme: ja}, {person: b, stemme: ja}, {person: c, stemme: nei}]\n"
                                     "        partier: {for: [ap], mot: [h]}\n        unntak: [{person: b, stemme: ja}]\n")
    assert diags == []
    vote = m.saker[0].votering[0]
    party = {"a": "ap", "b": "h", "c": "h"}.get
    assert vote.partigrupper(party) == {"ja": {"ap": ["a"], "h": ["b"]}, "nei": {"h": ["c"]}, "blankt": {}}
    assert vote.partier.sides() == {"ja": ["ap"], "nei": ["h"], "blankt": []}


def test_an_item_linking_a_case_does_not_repeat_its_papers():
    _, diags = parse("moete", HEAD + "saker:\n  - {nr: 41/09, sak: 2009/101, vedlegg: [{tittel: Kart}]}\n")
    assert [d.split(" error ")[1][:6] for d in diags] == ["KVK112"]
    _, diags = parse("moete", HEAD + "saker:\n  - {nr: 41/09, sak: 2009/101, saksbehandler: kari}\n")
    assert diags == []  # the older field stays allowed


def test_a_vedlegg_is_in_one_place():
    _, diags = parse("sak", "saksnr: 2009/40\ntittel: T\nvedlegg:\n  - {tittel: P, moete: 2013-valstyre-1}\n"
                            "  - {tittel: N, fil: vedlegg/n.pdf, url: 'https://x.invalid/n'}\n")
    assert [d.split(" error ")[1][:6] for d in diags] == ["KVK110"]


def test_organisation_parties_and_memberships():
    org, diags = parse("organisasjon", "partier:\n  - {id: frp, kortnavn: FrP, navn: Fremskrittspartiet}\n"
                                       "organisasjoner:\n  - {id: radoy, navn: Radøy kommune, kortnavn: Radøy}\n"
                                       "personer:\n  - {id: jon, navn: Jon Askeland, parti: frp, organisasjon: radoy}\n"
                                       "utvalg:\n  - id: amu\n    navn: Arbeidsmiljøutvalget\n    type: partssammensatt_utvalg\n"
                                       "    medlemmer:\n      - {person: jon, rolle: varaordfører, representerer: Hovedverneombud}\n"
                                       "      - {person: ny, rolle: , fra: 2014-05-01, erstatter: jon}\n")
    assert diags == []
    first, second = org.utvalg[0].medlemmer
    assert (first.rolle, second.rolle, second.erstatter) == ("varaordfoerer", None, "jon")
    assert [m.person for m in org.utvalg[0].voting_members] == ["jon"]
    assert second.active(None) and not second.active(__import__("datetime").date(2014, 4, 30))
