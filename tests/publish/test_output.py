"""Publishing is whole or nothing: a repository with errors (KVK603) or an output folder kvk
did not write (KVK604) publishes nothing, a failed build leaves the previous output as it was,
and a rebuild rewrites only the files that changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kvk.cli import app
from kvk.publish import output
from kvk.publish.export import export
from kvk.repository import Repository

MEETING = "data/moter/2009/2009-04-23-formannskapet.yaml"


def run(runner, *args: str):
    return runner.invoke(app, list(args))


def test_a_repository_with_errors_publishes_nothing(runner, kommune, tmp_path):
    out = tmp_path / "ut"
    assert run(runner, "export", "alt", "-o", str(out), "--repo", str(kommune)).exit_code == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    path = kommune / MEETING
    path.write_text(path.read_text(encoding="utf-8").replace("moetedato: 23.04.2009", "moetedato: 31.04.2009"),
                    encoding="utf-8")
    result = run(runner, "export", "alt", "-o", str(out), "--repo", str(kommune))
    assert result.exit_code == 1
    assert "KVK603" in result.stderr and "nothing was published" in result.stderr and "KVK104" in result.stderr
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".ut.")] == []  # no leftovers


def test_a_folder_kvk_did_not_write_is_never_replaced(runner, kommune, tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("my own", encoding="utf-8")
    result = run(runner, "export", "fiks", "-o", str(out), "--repo", str(kommune))
    assert result.exit_code == 2 and "KVK604" in result.stderr
    assert [p.name for p in out.iterdir()] == ["notes.txt"]


def test_an_empty_folder_is_used(runner, kommune, tmp_path):
    out = tmp_path / "tom"
    out.mkdir()
    assert run(runner, "export", "fiks", "-o", str(out), "--repo", str(kommune)).exit_code == 0
    assert (out / output.MARKER).is_file() and (out / "fiks/moeteplan.json").is_file()


def test_a_failed_build_leaves_the_previous_output(kommune, tmp_path, monkeypatch):
    out = tmp_path / "ut"
    export(Repository.open(kommune), "alt", out)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    real = output.Staging.write

    def fail_halfway(self, rel, data):
        if len(self.written) + len(self.unchanged) == 3:
            raise OSError(28, "No space left on device")
        real(self, rel, data)

    monkeypatch.setattr(output.Staging, "write", fail_halfway)
    with pytest.raises(OSError):
        export(Repository.open(kommune), "alt", out)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kommune", "ut"]


def test_a_rebuild_rewrites_only_what_changed(runner, kommune, tmp_path):
    out = tmp_path / "ut"
    export(Repository.open(kommune), "alt", out)
    inodes = {p.relative_to(out).as_posix(): p.stat().st_ino for p in out.rglob("*") if p.is_file()}
    same = export(Repository.open(kommune), "alt", out)
    assert same.written == [] and len(same.unchanged) == len(inodes) - 1  # all but the marker
    path = kommune / MEETING
    path.write_text(path.read_text(encoding="utf-8").replace("Rådhuset, formannskapssalen", "Kulturhuset"),
                    encoding="utf-8")
    result = run(runner, "export", "alt", "-o", str(out), "--repo", str(kommune), "--format", "json")
    changed = json.loads(result.stdout)["written"]
    # the place is in the calendars and the open data's event, not in the KS Fiks messages
    assert changed == ["kalender/alle.ics", "kalender/formannskapet.ics", "popolo.json"]
    for rel, ino in inodes.items():
        if rel not in changed and rel != output.MARKER:
            assert (out / rel).stat().st_ino == ino, rel
