"""Writes that cannot collide, tear or replace what they should not (issue 12, point 6)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from kvk.diagnostics import WriteError
from kvk.io import lock, transaction
from kvk.io.files import write_output
from kvk.io.transaction import Transaction

from ..authoring_fixtures import case_args, small_repo

CASE = """\
saksnr: 2008/50
tittel: Kjøp av brannbil
saksbehandler: per-berg
saksgang:
  - {utvalg: formannskapet, moetedato: 2008-11-20}
"""


def kvk(repo: Path, *args: str, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kvk", *args], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "KVK_REPO": str(repo), "KVK_NO_CACHE": "1", **(env or {})})


def new_case_args(repo: Path, **over: str) -> list[str]:
    args = case_args(repo, **over)
    at = args.index("--repo")
    return args[:at] + args[at + 2:]


# --- the lock -----------------------------------------------------------------------------------

def test_two_new_cases_started_together_get_two_numbers(tmp_path):
    repo = small_repo(tmp_path)
    for _ in range(3):
        procs = [subprocess.Popen([sys.executable, "-m", "kvk", *new_case_args(repo), "--format", "json"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  env={**os.environ, "KVK_REPO": str(repo), "KVK_NO_CACHE": "1"})
                 for _ in range(2)]
        outs = [p.communicate(timeout=120) for p in procs]
        assert [p.returncode for p in procs] == [0, 0], outs
        numbers = [json.loads(out)["saksnr"] for out, _ in outs]
        assert len(set(numbers)) == 2, numbers
    files = sorted(p.name for p in (repo / "data/saker/2009").iterdir())
    assert len(files) == 6 and not any(name.startswith(".") for name in files)
    assert not lock.lock_path(repo).exists()


def test_a_held_lock_names_its_holder_and_how_to_clear_it(tmp_path):
    repo = small_repo(tmp_path)
    path = lock.acquire(repo, "kvk new-meeting --utvalg formannskapet")
    try:
        result = kvk(repo, *new_case_args(repo), env={"KVK_LOCK_WAIT": "0.2"})
    finally:
        lock.release(path)
    assert result.returncode == 2
    message = result.stderr
    assert "another kvk command is writing in this repository: 'kvk new-meeting --utvalg formannskapet'" in message
    assert f"process {os.getpid()} on {socket.gethostname()}" in message
    assert ".kvk/write.lock" in message
    assert not (repo / "data/saker").exists()  # nothing written


def test_a_stale_lock_is_named_stale_and_recover_clears_it(tmp_path):
    repo = small_repo(tmp_path)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    lock.state_folder(repo)
    lock.lock_path(repo).write_text(json.dumps({"pid": int(dead.stdout), "host": socket.gethostname(),
                                                "command": "kvk new-case", "since": "2026-01-01T00:00:00+00:00"}))
    result = kvk(repo, *new_case_args(repo), env={"KVK_LOCK_WAIT": "0"})
    assert result.returncode == 2
    assert "that process is no longer running, so the lock was left behind: run 'kvk recover'" in result.stderr
    result = kvk(repo, "recover")
    assert result.returncode == 0, result.stderr
    assert "removed the write lock .kvk/write.lock" in result.stdout
    assert kvk(repo, *new_case_args(repo)).returncode == 0


# --- transactions -------------------------------------------------------------------------------

def test_a_failed_rename_rolls_back_every_file(tmp_path, monkeypatch):
    (tmp_path / "a.yaml").write_text("a: old\n")
    (tmp_path / "b.yaml").write_text("b: old\n")
    change = Transaction(tmp_path, command="test")
    change.write(tmp_path / "a.yaml", "a: new\n")
    change.write(tmp_path / "b.yaml", "b: new\n")
    change.write(tmp_path / "c.yaml", "c: new\n", new=True)
    real_replace = os.replace
    calls = []

    def failing(src, dst):
        calls.append(dst)
        if str(dst).endswith("c.yaml"):
            raise PermissionError(13, "Permission denied")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(WriteError):
        change.commit()
    monkeypatch.setattr(os, "replace", real_replace)
    assert (tmp_path / "a.yaml").read_text() == "a: old\n"
    assert (tmp_path / "b.yaml").read_text() == "b: old\n"
    assert not (tmp_path / "c.yaml").exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["a.yaml", "b.yaml"]
    assert not transaction.journal_path(tmp_path).exists()


def test_a_full_disk_while_preparing_changes_nothing_and_leaves_no_temporary_file(tmp_path, monkeypatch):
    (tmp_path / "a.yaml").write_text("a: old\n")
    change = Transaction(tmp_path, command="test")
    change.write(tmp_path / "a.yaml", "a: new\n")
    change.write(tmp_path / "b.yaml", "b: new\n", new=True)
    real_fsync = os.fsync
    count = [0]

    def full(fd):
        count[0] += 1
        if count[0] == 2:
            raise OSError(28, "No space left on device")
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(WriteError) as info:
        change.commit()
    assert "No space left on device" in str(info.value) and "nothing was written" in str(info.value)
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["a.yaml"]
    assert (tmp_path / "a.yaml").read_text() == "a: old\n"


def test_an_interrupted_change_is_kvk018_and_recover_rolls_it_forward(tmp_path):
    repo = small_repo(tmp_path, {"data/saker/2008/2008-0050.yaml": CASE})
    case = repo / "data/saker/2008/2008-0050.yaml"
    tmp = case.with_name(".2008-0050.yaml.x.kvk-new")
    tmp.write_text(CASE.replace("Kjøp av brannbil", "Kjøp av ny brannbil"))
    lock.state_folder(repo)
    transaction.journal_path(repo).write_text(json.dumps(
        {"command": "kvk renumber-case", "writes": [[os.path.relpath(tmp, repo), os.path.relpath(case, repo)]],
         "removals": []}))
    result = kvk(repo, "check")
    assert result.returncode == 1
    assert (".kvk/transaction.json:1:1: error KVK018 'kvk renumber-case' was interrupted while it changed several "
            "files") in result.stdout
    assert "kvk recover" in result.stdout
    result = kvk(repo, "recover")
    assert result.returncode == 0, result.stderr
    assert "finished writing data/saker/2008/2008-0050.yaml" in result.stdout
    assert "Kjøp av ny brannbil" in case.read_text() and not tmp.exists()
    assert kvk(repo, "check").returncode == 0
    assert kvk(repo, "recover").stdout == ""  # nothing left to do


def test_recover_removes_temporary_files_left_by_a_kill(tmp_path):
    repo = small_repo(tmp_path, {"data/saker/2008/2008-0050.yaml": CASE})
    left = [repo / "data/saker/2008/.2008-0051.yaml.abc.tmp", repo / "data/saker/2008/.2008-0050.yaml.kvk-old"]
    for path in left:
        path.write_text("x")
    result = kvk(repo, "recover")
    assert result.returncode == 0
    assert not any(p.exists() for p in left)


# --- -o -----------------------------------------------------------------------------------------

def test_output_refuses_a_device_a_fifo_a_symlink_a_folder_and_a_hard_link(tmp_path):
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "target").write_text("keep\n")
    os.symlink(tmp_path / "target", tmp_path / "link")
    os.link(tmp_path / "target", tmp_path / "hard")
    (tmp_path / "folder").mkdir()
    for name, words in [("fifo", "named pipe"), ("link", "symbolic link"), ("hard", "hard link"),
                        ("folder", "folder")]:
        with pytest.raises(WriteError) as info:
            write_output(tmp_path / name, b"new\n")
        assert words in str(info.value), name
    if os.path.exists("/dev/full"):
        with pytest.raises(WriteError) as info:
            write_output(Path("/dev/full"), b"x")
        assert "a device, not a regular file" in str(info.value)
        assert Path("/dev/full").is_char_device()
    assert (tmp_path / "target").read_text() == "keep\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fifo", "folder", "hard", "link", "target"]


def test_output_replaces_a_regular_file_keeping_its_mode_and_writes_a_new_one(tmp_path):
    old = tmp_path / "sak.md"
    old.write_text("old\n")
    old.chmod(0o640)
    write_output(old, b"new\n")
    assert old.read_text() == "new\n" and (old.stat().st_mode & 0o777) == 0o640
    write_output(tmp_path / "ny.md", b"x\n")
    assert (tmp_path / "ny.md").read_text() == "x\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ny.md", "sak.md"]


def test_render_to_dev_full_is_refused_at_the_command_line(seed_repo):
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full on this system")
    result = kvk(seed_repo, "render-case", "2008/1001", "-o", "/dev/full")
    assert result.returncode == 2
    assert "/dev/full is a device, not a regular file" in result.stderr
    assert Path("/dev/full").is_char_device()
