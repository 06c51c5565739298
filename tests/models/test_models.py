"""The models hold real documents' anatomy, not only the two seeds: the records in
tests/fixtures/kommune/ follow the forms of other municipalities' minutes and case papers
(split votes, substitutes, presence by agenda item, inhabilitet, nynorsk, several behandlinger,
skjerming)."""

from __future__ import annotations

import shutil
from datetime import date, time
from pathlib import Path

import pytest

from kvk.cli import app
from kvk.io.yaml import load_file, load_text
from kvk.models import MODELS, Moete, Sak, parse_spans
from kvk.models.common import fold, parse_bool, parse_saksnr, utvalgssaksnr_parts
from kvk.models.periods import Period
from kvk.models.validation import validate

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "kommune"
MEETING = "data/moter/2009/2009-04-23-formannskapet.yaml"


def model(rel: str, kind: str):
    source = load_file(FIXTURE / rel, rel, FIXTURE)
    record, diags = validate(MODELS[kind], source)
    assert diags == []
    return record


def parse(kind: str, text: str):
    """(model, [formatted diagnostics]) for a record written inline."""
    record, diags = validate(MODELS[kind], load_text(text, "x.yaml"))
    return record, [d.format() for d in diags]


@pytest.fixture
def kommune(tmp_path) -> Path:
    shutil.copytree(FIXTURE, tmp_path / "kommune")
    return tmp_path / "kommune"


def test_the_fixture_repository_is_clean(runner):
    result = runner.invoke(app, ["check", "--repo", str(FIXTURE), "--jobs", "1", "--no-cache"])
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == "7 files checked: 0 errors, 0 warnings"


# --- a formannskap meeting -------------------------------------------------------------------


def test_meeting_dates_and_times_in_norwegian_forms():
    m: Moete = model(MEETING, "moete")
    assert m.moetedato == date(2009, 4, 23)  # written 23.04.2009
    assert (m.start, m.slutt) == (time(13, 15), time(16, 30))  # "13:15" and "16.30"
    assert m.id == "2009-04-23-formannskapet"
    assert m.protokollstatus.status == "godkjent" and m.protokollstatus.dato == date(2009, 5, 7)


def test_split_vote_with_roll_call():
    item = model(MEETING, "moete").saker[0]
    vote = item.votering[0]
    assert (vote.for_, vote.mot, vote.resultat, vote.total) == (4, 3, "vedtatt", 7)
    assert [s.stemme for s in vote.stemmer].count("nei") == 3
    assert item.forslag[0].paa_vegne_av == "Venstre og FrP"
    assert item.vedtak.type == "innstilling"


def test_substitute_presence_by_item_and_by_clock_and_inhabilitet():
    people = {d.person: d for d in model(MEETING, "moete").deltakere}
    assert people["kjell-ovesen"].moette_for == "sissel-lund"
    assert people["sissel-lund"].oppmoete == "forfall"
    left = people["eli-fossum"].hendelser[0]
    assert (left.hva, left.under, left.permisjon) == ("forlot", "42/09", True)
    assert people["nils-brekke"].til_stede_til.kl == time(15, 40)
    assert people["helge-dahl"].til_stede_fra.sak == "42/09"
    inhabil = people["arne-skogli"].inhabil_i[0]
    assert (inhabil.sak, inhabil.hjemmel) == ("43/09", "fvl. § 6 første ledd bokstav a")


def test_single_vote_and_shorthand_vedtak():
    items = model(MEETING, "moete").saker
    assert len(items[1].votering) == 1 and items[1].votering[0].enstemmig is True
    assert items[2].vedtak.tekst.startswith("Kommunen kjøper tomt")
    assert items[3].vedtak.type == "tatt_til_orientering"
    assert items[3].oppfoelging[0].frist == date(2009, 8, 31)


def test_presence_by_item_and_inhabilitet_count_in_the_vote_check(kommune, runner):
    """43/09: Eli Fossum left during 42/09 and Arne Skogli was inhabil, so five may vote; six
    votes must be reported. Proves the fixture's 'for: 5' is checked, not waved through."""
    meeting = kommune / MEETING
    text = meeting.read_text(encoding="utf-8")
    meeting.write_text(text.replace("enstemmig: ja, for: 5}", "enstemmig: ja, for: 6}"), encoding="utf-8")
    result = runner.invoke(app, ["check", "--repo", str(kommune), "--jobs", "1"])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{MEETING}:75:15: error KVK208 item 43/09: 6 votes but only 5 voting members present"
        " (hint: check the vote count and who was present)"]


def test_substitute_must_replace_someone_absent(kommune, runner):
    meeting = kommune / MEETING
    text = meeting.read_text(encoding="utf-8")
    meeting.write_text(text.replace("{person: sissel-lund, oppmoete: forfall, forfall_grunn: Sykdom}",
                                    "{person: sissel-lund, oppmoete: moett}"), encoding="utf-8")
    result = runner.invoke(app, ["check", "--repo", str(kommune), "--jobs", "1"])
    assert result.exit_code == 1
    assert "KVK207 kjell-ovesen met for sissel-lund, who is not marked absent (oppmoete: moett)" in result.stdout


# --- cases ---------------------------------------------------------------------------------


def test_case_with_several_behandlinger():
    # the formannskap's treatment is its meeting's item 41/09 (the vedtak in one place); the case
    # keeps the kommunestyre's, whose meeting is not a record
    sak: Sak = model("data/saker/2009/2009-0101.yaml", "sak")
    assert [(b.utvalg, b.moetedato, b.utvalgssaksnr) for b in sak.behandlinger] == [
        ("kommunestyret", date(2009, 5, 7), "PS 23/09")]
    assert [g.rolle for g in sak.saksgang] == ["innstilling", "vedtak"]
    assert sak.saksgang[0].moetedato == date(2009, 4, 23)  # written 23.04.2009
    assert sak.saksgang[1].moetedato == date(2009, 5, 7)  # written 2009-05-07
    assert sak.behandlinger[0].votering[0].mindretall == "FrP, H og V (6) stemte mot."
    assert sak.behandlinger[0].vedtak.tekst.startswith("Ny barnehage")
    assert (sak.saksaar, sak.sakssekvensnummer) == (2009, 101)


def test_choices_are_written_as_people_say_them():
    sak = model("data/saker/2009/2009-0101.yaml", "sak")
    assert (sak.innstilling.fra, sak.innstilling.type) == ("raadmann", "innstilling")  # "rådmann", "Innstilling"
    assert [s.type for s in sak.seksjoner] == ["saksopplysninger", "vurdering", "oekonomiske_konsekvenser", "annet"]
    assert sak.seksjoner[3].overskrift == "Konsekvenser for folkehelse"
    skjermet = model("data/saker/2009/2009-0102.yaml", "sak")
    assert skjermet.innstilling.type == "forslag_til_vedtak"  # "forslag til vedtak"


def test_skjermet_case():
    sak = model("data/saker/2009/2009-0102.yaml", "sak")
    assert sak.skjermet("tittel") == "offl. § 25"
    assert sak.skjermet("seksjoner") is None
    assert sak.offentlig_tittel == "Tilsetting – ******"
    assert sak.vedlegg[0].skjermet("tittel") == "offl. § 25 andre ledd"  # the whole vedlegg
    spans = parse_spans(sak.seksjoner[0].tekst)
    assert [h for _, h in spans] == [None, "offl. § 13 jf. fvl. § 13 første ledd nr. 1", None]
    assert spans[1][0].startswith("Søker nr. 2 har opplyst")


def test_nynorsk_case():
    sak = model("data/saker/2009/2009-0104.yaml", "sak")
    assert sak.maalform == "nn"
    assert (sak.innstilling.fra, sak.innstilling.utvalg, sak.innstilling.type) == (
        "utvalg", "levekaarsutvalet", "tilraading")
    assert sak.behandlinger[0].votering[0].enstemmig is True
    assert sak.dato == date(2009, 10, 30)


# --- indicators ----------------------------------------------------------------------------


def test_all_five_period_forms():
    fil = model("data/indikatorer/havbrynet.yaml", "indikatorer")
    assert [str(m.periode) for m in fil.maalinger] == [
        "2008-Q3", "2009-Q3", "2009", "2009-T2", "2009-M03", "2009-W05", "2009-W06"]
    assert all(isinstance(m.periode, Period) for m in fil.maalinger)
    assert fil.maalinger[-1].verdi is None and fil.maalinger[-1].status == "M"
    assert fil.kommune.kommunenummer == "0301"  # not 193
    assert [i.freq for i in fil.indikatorer] == ["Q", "A", "T", "M", "W"]


# --- the shared types ----------------------------------------------------------------------


@pytest.mark.parametrize("written", ["2009-10-30", "30.10.2009", " 30.10.2009 "])
def test_dates_in_both_forms(written):
    sak, diags = parse("sak", f"saksnr: 2009/1\ntittel: t\nsaksbehandler: a\ndato: '{written}'\n")
    assert diags == [] and sak.dato == date(2009, 10, 30)


@pytest.mark.parametrize("written,expected", [("13:15", time(13, 15)), ("13.15", time(13, 15)),
                                              ("9.05", time(9, 5)), ("00:00", time(0, 0)), ("23.59", time(23, 59))])
def test_times_in_both_forms(written, expected):
    m, diags = parse("moete", f"utvalg: f\nmoetedato: 2009-10-30\ndokumenttype: referat\nstart: '{written}'\n")
    assert diags == [] and m.start == expected


@pytest.mark.parametrize("written,message", [
    ("24:00", "'24:00' is not a time of day"), ("13:60", "'13:60' is not a time of day"),
    ("1315", "'1315' is not a time of day"), ("kl. 13.15", "'kl. 13.15' is not a time of day"),
])
def test_bad_times(written, message):
    _, diags = parse("moete", f"utvalg: f\nmoetedato: 2009-10-30\ndokumenttype: referat\nstart: '{written}'\n")
    assert diags == [f"x.yaml:4:8: error KVK105 start: {message} (hint: write times as 13:15 or 13.15)"]


@pytest.mark.parametrize("written,message", [
    ("29.02.2009", "'29.02.2009' is not a date: februar 2009 has 28 days"),
    ("2009-04-31", "'2009-04-31' is not a date: april 2009 has 30 days"),
    ("30.13.2009", "'30.13.2009' is not a date: there is no month 13"),
    ("30/10/2009", "'30/10/2009' is not a date"),
    ("30.10.09", "'30.10.09' is not a date"),
])
def test_bad_dates(written, message):
    _, diags = parse("sak", f"saksnr: 2009/1\ntittel: t\nsaksbehandler: a\ndato: {written}\n")
    assert diags == [f"x.yaml:4:7: error KVK104 dato: {message} (hint: write dates as 2009-10-30 or 30.10.2009)"]


def test_leap_day_is_a_date():
    sak, diags = parse("sak", "saksnr: 2008/1\ntittel: t\nsaksbehandler: a\ndato: 29.02.2008\n")
    assert diags == [] and sak.dato == date(2008, 2, 29)


@pytest.mark.parametrize("written,canonical", [("2008/628", "2008/628"), ("2008/0628", "2008/628"),
                                               (" 2009/1 ", "2009/1")])
def test_saksnr_is_normalised(written, canonical):
    assert parse_saksnr(written) == canonical


@pytest.mark.parametrize("written,parts", [("45/08", (None, 45, 2008)), ("PS 45/08", ("PS", 45, 2008)),
                                           ("PS 012/10", ("PS", 12, 2010)), ("15/2019", (None, 15, 2019)),
                                           ("RS 1/10", ("RS", 1, 2010))])
def test_utvalgssaksnr_forms(written, parts):
    assert utvalgssaksnr_parts(written) == parts


@pytest.mark.parametrize("written,value", [("ja", True), ("Nei", False), ("no", False), ("yes", True)])
def test_ja_nei(written, value):
    assert parse_bool(written) is value


@pytest.mark.parametrize("written,folded", [("Forslag til vedtak", "forslag_til_vedtak"), ("ordfører", "ordfoerer"),
                                            ("Møteprotokoll", "moeteprotokoll"), ("PS", "PS"), ("ikke møtt", "ikke_moett")])
def test_choices_fold_norwegian_letters_and_spaces(written, folded):
    assert fold(written) == folded


def test_choices_as_people_say_them_pass_and_only_real_mistakes_are_reported():
    head = "utvalg: f\nmoetedato: 2009-10-30\ndokumenttype: Møteprotokoll\ndeltakere:\n  - {person: a, oppmoete: Ikke møtt}\n"
    m, diags = parse("moete", head + "  - {person: b, rolle: Varaordfører, oppmoete: moett}\n")
    assert diags == []
    assert (m.dokumenttype, m.deltakere[0].oppmoete, m.deltakere[1].rolle) == ("moeteprotokoll", "ikke_moett", "varaordfoerer")
    _, diags = parse("moete", head + "  - {person: b, oppmoete: Forfal}\n")
    assert diags == ["x.yaml:6:27: error KVK103 deltakere[1].oppmoete: 'Forfal' is not allowed; expected 'moett', "
                     "'forfall', 'ikke_moett', 'permisjon' or 'fravaer' (did you mean 'forfall'?)"]


def test_one_vote_may_be_written_as_a_mapping_and_roll_call_counts():
    m, diags = parse("moete", "utvalg: f\nmoetedato: 2009-10-30\ndokumenttype: referat\nsaker:\n"
                              "  - nr: '1'\n    tittel: t\n    votering: {for: 2, mot: 1, stemmer: [{person: a, stemme: ja},"
                              " {person: b, stemme: ja}, {person: c, stemme: nei}]}\n")
    assert diags == [] and m.saker[0].votering[0].total == 3


def test_presence_needs_exactly_one_of_kl_and_sak():
    _, diags = parse("moete", "utvalg: f\nmoetedato: 2009-10-30\ndokumenttype: referat\ndeltakere:\n"
                              "  - {person: a, til_stede_fra: {}}\n")
    assert diags == ["x.yaml:5:32: error KVK110 deltakere[0].til_stede_fra: give either kl or sak, not both or neither"]


def test_free_section_needs_a_heading():
    _, diags = parse("sak", "saksnr: 2009/1\ntittel: t\nsaksbehandler: a\nseksjoner:\n  - {type: annet, tekst: x}\n")
    assert diags == ["x.yaml:5:5: error KVK101 a section of type 'annet' needs an overskrift (seksjoner[0].overskrift)"]


def test_signature_needs_a_person_or_a_name():
    _, diags = parse("moete", "utvalg: f\nmoetedato: 2009-10-30\ndokumenttype: referat\nsignatur:\n  - {tekst: ref.}\n")
    assert diags == ["x.yaml:5:5: error KVK101 a signature needs a person or a navn (signatur[0].person)"]


def test_measurement_needs_a_value_unless_missing():
    _, diags = parse("indikatorer", "maalinger:\n  - {indikator: x, periode: 2009-Q1}\n")
    assert diags == ["x.yaml:2:5: error KVK101 a measurement needs a verdi (or status M for missing) (maalinger[0].verdi)"]


def test_skala_must_be_ordered():
    _, diags = parse("indikatorer", "indikatorer:\n  - {id: x, navn: X, enhet: poeng, retning: maalbaand,"
                                    " frekvens: aar, skala: {min: 6, max: 1}}\n")
    assert [d.split(" error ")[1] for d in diags] == ["KVK110 indikatorer[0].skala.max: skala.max must be above skala.min"]


def test_every_record_kind_forbids_unknown_fields():
    for kind in MODELS:
        _, diags = parse(kind, "ukjent_felt: 1\n")
        assert any("KVK102 unknown field 'ukjent_felt'" in d for d in diags), kind


# --- robustness: any shape of record gives diagnostics, never an exception ------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
import yaml  # noqa: E402

from kvk.check.engine import AllFacts, Locator, repository_findings  # noqa: E402
from kvk.check.facts import Context, record_facts  # noqa: E402
from kvk.repository import Directory, Record  # noqa: E402


class _InMemory(Locator):
    """Positions from sources already loaded, for records that are not files."""

    def __init__(self, records: list[Record]):
        super().__init__(root=None)
        self._sources = {r.path: r.source for r in records}


def _cross_record_findings(records: list[Record]) -> list:
    context = Context(Directory.of(r.model for r in records if r.kind == "organisasjon"))
    facts = [record_facts(r, context) for r in records]
    return [d for f in facts for d in f.findings] + list(repository_findings(AllFacts(facts), _InMemory(records)))


def _all_field_names() -> list[str]:
    from pydantic import BaseModel

    import kvk.models.behandling
    import kvk.models.case
    import kvk.models.common
    import kvk.models.indicator
    import kvk.models.meeting
    import kvk.models.organisation

    names: set[str] = set()
    for module in (kvk.models.behandling, kvk.models.case, kvk.models.common, kvk.models.indicator,
                   kvk.models.meeting, kvk.models.organisation):
        for obj in vars(module).values():
            if isinstance(obj, type) and issubclass(obj, BaseModel):
                names |= {f.alias or n for n, f in obj.model_fields.items()}
    return sorted(names)


def _dump(data) -> str:
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False)


_KEYS = st.sampled_from(_all_field_names() + ["Tittel", "ukjent", "0", "for_"])
_SCALARS = st.sampled_from([
    "", "x", "ja", "nei", "no", "1", "-1", "4.5", "9,0", "2009-10-30", "30.10.2009", "31.02.2009", "13.15",
    "25:00", "2009-Q3", "2009-Q5", "2008/628", "09/12", "45/08", "PS 45/08", "../etc", "formannskapet",
    "kari-hamnes", "moett", "forfall", "innstillingen", "[[skjermet]]x", '[[skjermet hjemmel="h"]]x[[/skjermet]]',
])
_VALUES = st.recursive(st.one_of(_SCALARS, st.none()),
                       lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(_KEYS, inner, max_size=5)),
                       max_leaves=25)
_RECORDS = st.dictionaries(_KEYS, _VALUES, max_size=8)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sak=_RECORDS, moete=_RECORDS, org=_RECORDS, ind=_RECORDS)
def test_any_record_shape_gives_diagnostics_never_an_exception(sak, moete, org, ind):
    records = []
    for kind, data in (("sak", sak), ("moete", moete), ("organisasjon", org), ("indikatorer", ind)):
        source = load_text(_dump(data) if data else "{}\n", f"{kind}.yaml")
        record, diags = validate(MODELS[kind], source)
        assert (record is None) == bool([d for d in diags if d.severity.value == "error"])
        for d in diags:
            assert d.code.startswith("KVK1") or d.code == "KVK211", d.format()
            assert d.line >= 1 and d.col >= 1
        if record is not None:
            records.append(Record(kind, f"{kind}.yaml", record, source))
    for d in _cross_record_findings(records):
        assert d.code.startswith("KVK2") and d.line >= 1


def _fixture_data() -> dict[str, tuple[str, object]]:
    kinds = {"saker": "sak", "moter": "moete", "indikatorer": "indikatorer"}
    out = {}
    for file in sorted((FIXTURE / "data").rglob("*.yaml")):
        rel = file.relative_to(FIXTURE).as_posix()
        kind = "organisasjon" if file.name == "organisasjon.yaml" else kinds[file.parent.parent.name if file.parent.name.isdigit() else file.parent.name]
        out[rel] = (kind, load_file(file, rel).data)
    return out


FIXTURE_DATA = _fixture_data()


def _paths(value, here=()):
    yield here
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, here + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, here + (i,))


@st.composite
def _mutated_fixture(draw):
    import copy

    data = {rel: (kind, copy.deepcopy(d)) for rel, (kind, d) in FIXTURE_DATA.items()}
    for _ in range(draw(st.integers(1, 4))):
        rel = draw(st.sampled_from(sorted(data)))
        doc = data[rel][1]
        path = draw(st.sampled_from([p for p in _paths(doc) if p]))
        parent = doc
        for part in path[:-1]:
            parent = parent[part]
        if draw(st.booleans()) and isinstance(parent, dict):
            del parent[path[-1]]
        else:
            parent[path[-1]] = draw(_VALUES)
    return data


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=_mutated_fixture())
def test_mutated_realistic_records_give_diagnostics_never_an_exception(data):
    records = []
    for rel, (kind, doc) in data.items():
        source = load_text(_dump(doc), rel)
        record, diags = validate(MODELS[kind], source)
        assert all(d.line >= 1 for d in diags)
        if record is not None:
            records.append(Record(kind, rel, record, source))
    for d in _cross_record_findings(records):
        assert d.code.startswith("KVK2") and d.line >= 1
