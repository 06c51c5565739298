"""The writing commands' refusals in bokmål and nynorsk (issue 14, point 6): one line, the code
and the grammar of a finding unchanged, the words and the hint in the user's language."""

import pytest

from kvk import layout
from kvk.cli import app

M = "2009-10-30-styringsgruppa"
CASES = {
    "person": (["meeting", "attend", M, "kari-nordman"], {
        "nb": "kvk: error KVK201 PERSON: ukjent person 'kari-nordman' (hint: legg til personen med "
              "'kvk org person ID --navn NAVN')",
        "nn": "kvk: error KVK201 PERSON: ukjend person 'kari-nordman' (hint: legg til personen med "
              "'kvk org person ID --navn NAMN')"}),
    "item": (["meeting", "vote", M, "99/09", "--enstemmig"], {
        "nb": f"kvk: error KVK213 ITEM: ingen sak '99/09' på sakslisten til {M} (hint: oppgi en sak med "
              "nummeret (1, 2))",
        "nn": f"kvk: error KVK213 ITEM: inga sak '99/09' på sakslista til {M} (hint: oppgi ei sak med "
              "nummeret (1, 2))"}),
    "date": (["meeting", "approve", M, "--dato", "31.02.2009", "--av", "x"], {
        "nb": "kvk: error KVK104 --dato: '31.02.2009' er ikke en dato: februar 2009 har 28 dager",
        "nn": "kvk: error KVK104 --dato: '31.02.2009' er ikkje ein dato: februar 2009 har 28 dagar"}),
    "time": (["meeting", "vote", M, "1", "--enstemmig", "--kl", "25:00"], {
        "nb": "kvk: error KVK105 --kl: '25:00' er ikke et klokkeslett (hint: skriv klokkeslett som 13:15 "
              "eller 13.15)",
        "nn": "kvk: error KVK105 --kl: '25:00' er ikkje eit klokkeslett (hint: skriv klokkeslett som 13:15 "
              "eller 13.15)"}),
    "correction of minutes not approved": (["meeting", "correct", M, "--grunn", "g", "--av", "a"], {
        "nb": f"kvk: error KVK103 protokollen for {M} er ikke godkjent; rettelser er for godkjente "
              "protokoller (hint: en protokoll som ikke er godkjent, kan endres fritt)",
        "nn": f"kvk: error KVK103 protokollen for {M} er ikkje godkjend; rettingar er for godkjende "
              "protokollar (hint: ein protokoll som ikkje er godkjend, kan endrast fritt)"}),
}


@pytest.mark.parametrize("lang", ["nb", "nn"])
@pytest.mark.parametrize("kind", list(CASES))
def test_a_refusal_in_bokmaal_and_nynorsk(runner, monkeypatch, seed_repo, kind, lang):
    args, lines = CASES[kind]
    monkeypatch.setenv("KVK_LANG", lang)
    record = seed_repo / layout.meeting_path(M)
    before = record.read_bytes()
    result = runner.invoke(app, [*args, "--repo", str(seed_repo)])
    assert result.exit_code == 2
    assert result.stderr == lines[lang] + "\n"
    assert record.read_bytes() == before  # nothing written
