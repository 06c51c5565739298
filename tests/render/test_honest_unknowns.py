"""Records that state only what the document states render as the document prints them: a blank
date, an item with neither number nor title, an innstilling with no author, a vedtak that names
the adopted proposal instead of repeating its text."""

from __future__ import annotations

from kvk.render import Options, render_agenda, render_minutes
from kvk.repository import Repository

from ..conftest import write_tree

UNDATED = "fjordvik-formannskapet-budsjett"


def _repo(fjordvik):
    write_tree(fjordvik, {f"data/moter/udatert/{UNDATED}.yaml": f"""
        id: {UNDATED}
        utvalg: formannskapet
        moetedato:
        dokumenttype: moeteprotokoll
        deltakere:
          - {{person: kari-nordmann, oppmoete: moett}}
          - {{person: per-hansen, oppmoete: fravaer}}
        saker:
          - nr: "/09"
            innstilling: {{type: forslag_til_vedtak, tekst: Budsjettet vedtas.}}
            votering: {{over: innstillingen, enstemmig: ja, resultat: vedtatt}}
            vedtak: {{som: innstillingen}}
          - id: eventuelt
            behandling: Ingen saker.
        """})
    return Repository.open(explicit=str(fjordvik))


def test_minutes_of_a_meeting_whose_date_is_not_stated(fjordvik):
    text = render_minutes(_repo(fjordvik), UNDATED, Options())
    assert "# Protokoll fra møte i formannskapet\n" in text  # no date, no trailing blank
    assert "**Dato:**\n" in text  # the field is printed blank, as on the paper
    assert "None" not in text
    assert "## /09\n" in text  # a partly stated number as written, no dangling colon
    assert "**VEDTAK:**\n\nBudsjettet vedtas." in text  # the adopted innstilling's text
    assert "Ingen saker." in text  # an item with neither number nor title has no heading
    assert "\n## \n" not in text and "## :" not in text
    assert "Per Hansen" in text.split("**Forfall:**")[1].split("\n")[0]  # fravaer is an absence


def test_agenda_of_a_meeting_whose_date_is_not_stated(fjordvik):
    text = render_agenda(_repo(fjordvik), UNDATED, Options(fmt="html"))
    assert "None" not in text
    assert "Forslag til vedtak:" in text  # an innstilling with no author stated
