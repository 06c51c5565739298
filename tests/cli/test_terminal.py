"""What kvk does at a terminal and nowhere else: the progress line, the pager, and shell
completion, tested in a real pseudo-terminal and in the real bash, zsh and fish."""

from __future__ import annotations

import io
import os
import pty
import select
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kvk.cli.progress import Progress
from kvk.repository import Repository, Scope

from ..conftest import ROOT, needs, write_tree
from ..gitrepos import ORGANISATION, case

KVK = Path(sys.executable).with_name("kvk")


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def many_cases(root: Path, n: int) -> Path:
    files = {"kvk.yaml": "organisasjon: Testkommune\n", "data/organisasjon.yaml": ORGANISATION}
    files.update({f"data/saker/2009/2009-{i:04d}.yaml": case(i) for i in range(1, n + 1)})
    return write_tree(root, files)


def in_terminal(args: list[str], cwd: Path, **env: str) -> tuple[int, str]:
    """Run a command with standard input, output and error on a pseudo-terminal, as a person
    at a terminal would; what appeared on the terminal, with the exit code."""
    master, slave = pty.openpty()
    environment = {**os.environ, "COLUMNS": "80", "LINES": "24", "TERM": "xterm", **env}
    process = subprocess.Popen([str(a) for a in args], cwd=cwd, stdin=slave, stdout=slave, stderr=slave,
                               env=environment, close_fds=True)
    os.close(slave)
    out = b""
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            process.kill()
            break
        try:
            data = os.read(master, 65536)
        except OSError:  # the other end closed: the process is done
            break
        if not data:
            break
        out += data
    os.close(master)
    return process.wait(), out.decode("utf-8", errors="replace")


# --- progress -----------------------------------------------------------------------------------

def test_progress_is_drawn_on_a_terminal_after_the_delay_and_wiped():
    screen = FakeTerminal()
    with Progress("reading records", stream=screen, delay=0) as shown:
        shown(10, 40)
        shown(40, 40)
    assert screen.getvalue().startswith("\r\x1b[Kkvk: reading records 10/40 (25 %)")
    assert "kvk: reading records 40/40 (100 %)" in screen.getvalue()
    assert screen.getvalue().endswith("\r\x1b[K")  # wiped: what follows stands alone


def test_progress_waits_its_delay_and_is_silent_when_not_a_terminal():
    quick = FakeTerminal()
    with Progress("x", stream=quick, delay=60) as shown:
        shown(1, 2)
    assert quick.getvalue() == ""  # a command that answers at once shows nothing
    piped = io.StringIO()
    with Progress("x", stream=piped, delay=0) as shown:
        shown(1, 2)
    assert piped.getvalue() == ""


@pytest.mark.parametrize("jobs", [1, 2], ids=["here", "in workers"])
def test_loading_reports_progress_through_the_callback(tmp_path, jobs):
    root = many_cases(tmp_path, 450)  # over the pool's threshold: two workers share it
    calls: list[tuple[int, int]] = []
    loaded = Repository.open(explicit=str(root)).load(Scope.kinds("sak"), jobs=jobs,
                                                      progress=lambda done, total: calls.append((done, total)))
    assert len(loaded.records) == 451  # and the organisation
    assert calls and calls[-1] == (450, 450)
    assert all(total == 450 for _, total in calls)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls) and len(calls) > 2


def test_kvk_check_shows_progress_on_a_terminal_only(tmp_path):
    root = many_cases(tmp_path, 450)
    code, screen = in_terminal([KVK, "check"], root, KVK_PROGRESS_DELAY="0")
    assert code == 0, screen
    assert "kvk: checking records " in screen and "450/450 (100 %)" in screen
    assert screen.rstrip().endswith("451 files checked: 0 errors, 0 warnings")
    piped = subprocess.run([KVK, "check"], cwd=root, capture_output=True, text=True,
                           env={**os.environ, "KVK_PROGRESS_DELAY": "0"})
    assert piped.returncode == 0
    assert piped.stderr == "451 files checked: 0 errors, 0 warnings\n"  # no progress in a pipe or a CI log


# --- the pager ----------------------------------------------------------------------------------

def test_a_long_listing_goes_through_the_pager_on_a_terminal(tmp_path):
    root = many_cases(tmp_path, 30)  # 30 rows: longer than the 24-line terminal
    paged = tmp_path / "paged.txt"
    code, screen = in_terminal([KVK, "list", "cases"], root, KVK_PAGER=f"cat > {paged}")
    assert code == 0, screen
    text = paged.read_text(encoding="utf-8")
    assert text.startswith("30 cases\nCase no.") and "2009/30" in text
    assert "2009/30" not in screen  # it went to the pager, not past it


@pytest.mark.parametrize("how", [["--no-pager"], ["KVK_PAGER=cat"], ["KVK_PAGER="], ["--limit", "5"]])
def test_no_pager_when_asked_or_when_short(tmp_path, how):
    root = many_cases(tmp_path, 30)
    paged = tmp_path / "paged.txt"
    env = {"PAGER": f"cat > {paged}"}
    args = [KVK, "list", "cases"]
    for item in how:
        if "=" in item:
            env[item.split("=")[0]] = item.split("=", 1)[1]
        else:
            args.append(item)
    code, screen = in_terminal(args, root, **env)
    assert code == 0, screen
    assert not paged.exists()
    assert ("2009/30" if "--limit" not in how else "2009/5") in screen


def test_never_a_pager_in_a_pipe(tmp_path):
    root = many_cases(tmp_path, 30)
    paged = tmp_path / "paged.txt"
    result = subprocess.run([KVK, "list", "cases"], cwd=root, capture_output=True, text=True,
                            env={**os.environ, "KVK_PAGER": f"cat > {paged}"})
    assert result.returncode == 0 and "2009/30" in result.stdout
    assert not paged.exists()


def test_the_pager_is_kvk_pager_then_pager_then_less(monkeypatch):
    from kvk.cli.pager import pager_command

    monkeypatch.delenv("KVK_PAGER", raising=False)
    monkeypatch.delenv("PAGER", raising=False)
    assert pager_command() == "less"
    monkeypatch.setenv("PAGER", "more")
    assert pager_command() == "more"
    monkeypatch.setenv("KVK_PAGER", "less -S")
    assert pager_command() == "less -S"
    monkeypatch.setenv("KVK_PAGER", "cat")
    assert pager_command() is None


# --- shell completion, in the real shells --------------------------------------------------------

def _script(shell: str, tmp_path: Path) -> Path:
    result = subprocess.run([KVK, "completion", shell], capture_output=True, text=True, check=True)
    path = tmp_path / f"kvk.{shell}"
    path.write_text(result.stdout, encoding="utf-8")
    return path


def _shell(name: str) -> str:
    exe = shutil.which(name)
    if exe is None:
        needs(f"{name} is not installed (.ci/run installs it with apt)")
    return exe


ENV = {**os.environ, "PATH": f"{KVK.parent}{os.pathsep}{os.environ['PATH']}"}


def _bash(tmp_path: Path, words: str) -> list[str]:
    script = _script("bash", tmp_path)
    code = (f'source "{script}"; COMP_WORDS=({words}); COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 )); '
            '_kvk_completion kvk; printf "%s\\n" "${COMPREPLY[@]}"')
    return subprocess.run([_shell("bash"), "-c", code], cwd=ROOT, env=ENV, capture_output=True, text=True,
                          check=True).stdout.split()


def test_bash_completes_commands_choices_and_ids(tmp_path):
    assert _bash(tmp_path, "kvk render-m") == ["render-minutes"]
    assert _bash(tmp_path, 'kvk list ""') == ["cases", "meetings", "people", "bodies"]
    assert _bash(tmp_path, "kvk render-minutes 2009") == ["2009-10-30-styringsgruppa"]
    assert _bash(tmp_path, "kvk render-case 2008/") == ["2008/1001"]
    assert _bash(tmp_path, "kvk list cases --saksbehandler tor") == ["tor-langvold"]
    assert "--no-pager" in _bash(tmp_path, "kvk list cases --no")


def test_zsh_completes_ids(tmp_path):
    script = _script("zsh", tmp_path)
    # compsys's functions are stood in for: the script's own function and kvk's answer are real
    code = (f'compdef() {{ }}; _arguments() {{ print -r -- "$@"; }}; source "{script}"; '
            'words=(kvk render-minutes 2009); CURRENT=3; _kvk_completion')
    out = subprocess.run([_shell("zsh"), "-f", "-c", code], cwd=ROOT, env=ENV, capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == '*: :(("2009-10-30-styringsgruppa"))'


def test_fish_completes_commands_and_ids(tmp_path):
    script = _script("fish", tmp_path)

    def complete(line: str) -> list[str]:
        out = subprocess.run([_shell("fish"), "--no-config", "-c", f'source "{script}"; complete -C "{line}"'],
                             cwd=ROOT, env=ENV, capture_output=True, text=True, check=True).stdout
        return [entry.split("\t")[0] for entry in out.splitlines()]

    assert complete("kvk render-minutes 2009") == ["2009-10-30-styringsgruppa"]
    assert "check-indicators" in complete("kvk check")
    assert complete("kvk list cases --utvalg sty") == ["styringsgruppa"]


def test_completion_offers_nothing_outside_a_repository(tmp_path):
    env = {**ENV, "_KVK_COMPLETE": "complete_bash", "COMP_WORDS": "kvk render-minutes 2009", "COMP_CWORD": "2"}
    env.pop("KVK_REPO", None)
    result = subprocess.run([KVK], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == "" and result.stderr == ""
