"""sak.blokker's `innstilling`: a saksprotokoll or møtebok prints the innstilling an item was treated on."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from kvk.cli.app import app

FYRESDAL = Path(__file__).resolve().parents[1] / "corpus" / "16_fyresdal_formannskapet_udatert_saksprotokoll"
MEETING = "fyresdal-formannskapet-oekonomisk-stode"


def _render(tmp_path: Path, blokker: str) -> str:
    repo = tmp_path / "repo"
    shutil.copytree(FYRESDAL, repo)
    (repo / "kvk.yaml").write_text(
        f"organisasjon: Fyresdal kommune\nmaalform: nn\npresentasjon:\n  sak: {{blokker: {blokker}}}\n",
        encoding="utf-8")
    result = CliRunner().invoke(app, ["render-minutes", MEETING, "--repo", str(repo)])
    assert result.exit_code == 0, result.output
    return result.output


def test_the_innstilling_prints_before_the_vote_where_the_profile_asks(tmp_path):
    out = _render(tmp_path, "[innstilling, forslag, votering]")
    heading = out.index("**Kommunedirektøren si innstilling:**")
    assert out.index("Formannskapet tek den økonomiske stoda pr. 1. september til vitande.") > heading
    assert out.index("Samrøystes vedteke.") > heading


def test_without_the_block_the_minutes_leave_it_out(tmp_path):
    out = _render(tmp_path, "[forslag, votering]")
    assert "innstilling:**" not in out
    assert "Samrøystes vedteke." in out
