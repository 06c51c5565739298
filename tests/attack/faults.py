"""Fault injection for the writing commands (issue 12, point 7c).

* **kill -9** at a random moment of ``new-case``, ``new-meeting``, ``renumber-case`` and
  ``number-agenda``. The invariant afterwards: ``kvk check`` passes, or names the half state
  with a code whose hint is the command that finishes it (KVK018: ``kvk recover``; KVK217:
  ``kvk number-agenda``); after that command ``kvk check`` passes, and no lock, journal or
  temporary file is left.
* **concurrent new-case pairs**: both succeed with two different saksnr.
* **a full disk** (a small tmpfs; needs root and a kernel that lets us mount one): every
  writing command stops with exit 2, the records are as they were, no temporary file is left.

Locally, with many runs::

    .venv/bin/python -m tests.attack.faults --kills 200 --pairs 25

The suite runs a few dozen (tests/attack/test_faults.py).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.authoring_fixtures import ORGANISATION  # noqa: E402

CASE = """\
saksnr: 2009/{n}
tittel: Sak nummer {n}
saksbehandler: kari-nordmann
saksgang:
  - utvalg: formannskapet
    moetedato: {date}
"""
AGENDA_MEETING = """\
utvalg: formannskapet
moetedato: 2009-11-05
dokumenttype: moeteprotokoll
saker:
  - {nr: 10/09, tittel: Sak nummer 5, sak: 2009/5}
  - {nr: 11/09, tittel: Sak nummer 6, sak: 2009/6}
"""
COMMANDS = {
    "new-case": ["new-case", "--tittel", "Ny sak", "--saksbehandler", "kari-nordmann", "--utvalg", "formannskapet",
                 "--moetedato", "2009-11-20", "--innstilling-fra", "raadmann", "--dato", "2009-11-02",
                 "--no-input"],
    "new-meeting": ["new-meeting", "--utvalg", "formannskapet", "--dato", "2009-11-20"],
    "renumber-case": ["renumber-case", "2009/1", "2009/40"],
    "number-agenda": ["number-agenda", "2009-11-05-formannskapet"],
}
LEFTOVER = re.compile(r"^\..*\.(kvk-new|kvk-old|tmp)$")
FINISHERS = {"KVK018": ["recover"], "KVK217": ["number-agenda", "2009-11-05-formannskapet"]}


def env(repo: Path) -> dict[str, str]:
    return {**os.environ, "KVK_REPO": str(repo), "KVK_NO_CACHE": "1", "KVK_LOCK_WAIT": "30",
            "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.org"}


def kvk(repo: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kvk", *args], capture_output=True, text=True, timeout=timeout,
                          env=env(repo), cwd=repo)


def make_template(folder: Path) -> Path:
    """A small repository in git: a body, six cases, a meeting whose numbers its cases lack."""
    repo = folder / "template"
    files = {"kvk.yaml": "organisasjon: Testkommune\nmaalform: nb\n",
             "data/organisasjon.yaml": textwrap.dedent(ORGANISATION).lstrip(),
             "data/moter/2009/2009-11-05-formannskapet.yaml": AGENDA_MEETING}
    for n in range(1, 7):
        files[f"data/saker/2009/2009-{n:04d}.yaml"] = CASE.format(n=n, date="2009-11-20" if n <= 4 else "2009-11-05")
    for rel, text in files.items():
        (repo / rel).parent.mkdir(parents=True, exist_ok=True)
        (repo / rel).write_text(text, encoding="utf-8")
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "records"]):
        subprocess.run(["git", *args], cwd=repo, check=True, env=env(repo), capture_output=True)
    return repo


def leftovers(repo: Path) -> list[str]:
    found = [str(p.relative_to(repo)) for p in (repo / "data").rglob(".*") if LEFTOVER.match(p.name)]
    for name in ("write.lock", "transaction.json"):
        if (repo / ".kvk" / name).exists():
            found.append(f".kvk/{name}")
    return found


def error_codes(result: subprocess.CompletedProcess) -> list[str]:
    return re.findall(r": error (KVK\d{3}) ", result.stdout)


@dataclass
class Tally:
    tried: Counter = field(default_factory=Counter)
    failed: Counter = field(default_factory=Counter)
    named: Counter = field(default_factory=Counter)  # half states kvk check named (then finished)
    refused: Counter = field(default_factory=Counter)  # stopped cleanly with exit 2 (disk full)
    failures: list[str] = field(default_factory=list)

    def fail(self, area: str, why: str) -> None:
        self.failed[area] += 1
        if len(self.failures) < 20:
            self.failures.append(f"{area}: {why}")


def after_interruption(repo: Path) -> str | None:
    """The invariant after a kill: None when it holds, else what is wrong."""
    first = kvk(repo, "check")
    if "Traceback" in first.stdout + first.stderr:
        return "kvk check printed a traceback"
    codes = error_codes(first)
    if first.returncode not in (0, 1) or set(codes) - set(FINISHERS):
        return f"kvk check exit {first.returncode} with {sorted(set(codes))}: {first.stdout[:300]}"
    # kvk recover first (KVK018's finisher; it also clears the lock and temporary files a kill
    # leaves), then the agenda's numbers if check named them
    recovered = kvk(repo, "recover")
    if recovered.returncode != 0:
        return f"kvk recover exit {recovered.returncode}: {recovered.stderr[:300]}"
    if "KVK217" in codes:
        done = kvk(repo, *FINISHERS["KVK217"])
        if done.returncode != 0:
            return f"{' '.join(FINISHERS['KVK217'])} exit {done.returncode}: {done.stderr[:300]}"
    last = kvk(repo, "check")
    if last.returncode != 0:
        return f"kvk check after finishing: exit {last.returncode}: {last.stdout[:300]}"
    left = leftovers(repo)
    if left:
        return f"left behind: {left}"
    return None


def kill_runs(count: int, seed: int = 7, folder: Path | None = None) -> Tally:
    rng = random.Random(seed)
    tally = Tally()
    with tempfile.TemporaryDirectory(prefix="kvk-kill-", dir=folder) as tmp:
        template = make_template(Path(tmp))
        # how long each command takes here, so the kills fall inside it
        durations = {}
        for name, args in COMMANDS.items():
            repo = Path(tmp) / "timing"
            shutil.rmtree(repo, ignore_errors=True)
            shutil.copytree(template, repo, symlinks=True)
            start = time.monotonic()
            kvk(repo, *args)
            durations[name] = time.monotonic() - start
        names = list(COMMANDS)
        for n in range(count):
            name = names[n % len(names)]
            repo = Path(tmp) / "run"
            shutil.rmtree(repo, ignore_errors=True)
            shutil.copytree(template, repo, symlinks=True)
            tally.tried[f"kill -9 {name}"] += 1
            proc = subprocess.Popen([sys.executable, "-m", "kvk", *COMMANDS[name]], cwd=repo, env=env(repo),
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
            time.sleep(rng.uniform(0.0, durations[name] * 1.1))
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait()
            why = after_interruption(repo)
            if why is not None:
                tally.fail(f"kill -9 {name}", why)
            elif any(code in FINISHERS for code in error_codes(kvk(repo, "check"))):
                tally.named[f"kill -9 {name}"] += 1
    return tally


def concurrent_pairs(count: int, folder: Path | None = None) -> Tally:
    tally = Tally()
    with tempfile.TemporaryDirectory(prefix="kvk-pairs-", dir=folder) as tmp:
        repo = make_template(Path(tmp))
        for _ in range(count):
            tally.tried["concurrent new-case pair"] += 1
            procs = [subprocess.Popen([sys.executable, "-m", "kvk", *COMMANDS["new-case"], "--format", "json"],
                                      cwd=repo, env=env(repo), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                      text=True) for _ in range(2)]
            outs = [p.communicate(timeout=300) for p in procs]
            numbers = re.findall(r'"saksnr": "([^"]+)"', "".join(o for o, _ in outs))
            if [p.returncode for p in procs] != [0, 0] or len(set(numbers)) != 2:
                tally.fail("concurrent new-case pair", f"exits {[p.returncode for p in procs]}, numbers {numbers}")
    return tally


def tree(repo: Path) -> dict[str, bytes]:
    return {str(p.relative_to(repo)): p.read_bytes() for p in sorted((repo / "data").rglob("*")) if p.is_file()}


def mount_tmpfs(folder: Path, size: str) -> str | None:
    """Mount a small tmpfs at ``folder``; the reason when this machine will not."""
    if os.geteuid() != 0:
        return "not root: cannot mount a small tmpfs"
    if shutil.which("mount") is None:
        return "no mount command"
    folder.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        return f"cannot mount a tmpfs here ({result.stderr.strip() or result.returncode})"
    return None


#: bytes left free on the full disk, one run each per command
FREE = (0, 4096, 8192, 16384, 65536)


def disk_full(folder: Path | None = None) -> tuple[Tally, str | None]:
    """Each writing command on a repository whose disk is full; the reason when not possible."""
    tally = Tally()
    with tempfile.TemporaryDirectory(prefix="kvk-full-", dir=folder) as tmp:
        template = make_template(Path(tmp))
        mount = Path(tmp) / "small"
        why = mount_tmpfs(mount, "2m")
        if why is not None:
            return tally, why
        try:
            for name, args in [(n, a) for n, a in COMMANDS.items() for _ in FREE]:
                free = FREE[tally.tried[f"disk full: {name}"]]
                repo = mount / "repo"
                shutil.rmtree(repo, ignore_errors=True)
                for filler in mount.glob("filler*"):
                    filler.unlink()
                shutil.copytree(template, repo, symlinks=True)
                before = tree(repo)
                # fill every block that is left (a file per try: the last blocks go one by one)
                k = 0
                while True:
                    try:
                        with open(mount / f"filler{k}", "wb") as out:
                            out.write(b"\0" * (1 << 16))
                    except OSError:
                        break
                    k += 1
                for size in (4096, 512, 1):
                    while True:
                        try:
                            with open(mount / f"filler{k}", "wb") as out:
                                out.write(b"\0" * size)
                        except OSError:
                            break
                        k += 1
                # leave a few blocks free: the lock, then some of the files, get written
                freed = 0
                for filler in sorted(mount.glob("filler*"), key=lambda p: p.stat().st_size):
                    if freed >= free:
                        break
                    freed += filler.stat().st_size
                    filler.unlink()
                tally.tried[f"disk full: {name}"] += 1
                result = kvk(repo, *args)
                problems = []
                if "Traceback" in result.stderr or result.returncode not in (0, 2):
                    problems.append(f"exit {result.returncode}: {result.stderr[-300:]}")
                elif result.returncode == 2 and "No space left" not in result.stderr:
                    problems.append(f"the message does not say the disk is full: {result.stderr[:300]}")
                elif result.returncode == 2 and tree(repo) != before:
                    problems.append("the command failed, but the records changed")
                elif result.returncode == 0 and kvk(repo, "check").returncode not in (0, 1):
                    problems.append("the command succeeded, but kvk check does not run")
                left = [p for p in leftovers(repo) if not p.endswith("write.lock")]
                if left or (repo / ".kvk" / "write.lock").exists():
                    problems.append(f"left behind: {left or ['.kvk/write.lock']}")
                if problems:
                    tally.fail(f"disk full: {name}", "; ".join(problems))
                elif result.returncode == 2:
                    tally.refused[f"disk full: {name}"] += 1
        finally:
            subprocess.run(["umount", "-l", str(mount)], capture_output=True)
    return tally, None


def merge(*tallies: Tally) -> Tally:
    out = Tally()
    for t in tallies:
        out.tried.update(t.tried)
        out.failed.update(t.failed)
        out.named.update(t.named)
        out.refused.update(t.refused)
        out.failures += t.failures
    return out


def table(tally: Tally) -> str:
    rows = ["| area | tried | handled | failed |", "|---|---|---|---|"]
    for area in sorted(tally.tried):
        tried, failed = tally.tried[area], tally.failed[area]
        note = f" ({tally.named[area]} named a half state, finished by its command)" if tally.named[area] else ""
        if area.startswith("disk full"):
            note = f" ({tally.refused[area]} stopped: no space, nothing changed; {tried - failed - tally.refused[area]} had room)"
        rows.append(f"| {area} | {tried} | {tried - failed}{note} | {failed} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--pairs", type=int, default=25)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    full, skipped = disk_full()
    tally = merge(kill_runs(args.kills, args.seed), concurrent_pairs(args.pairs), full)
    print(table(tally))
    if skipped:
        print(f"disk full: skipped: {skipped}")
    for line in tally.failures:
        print("FAILED", line)
    return 1 if tally.failed else 0


if __name__ == "__main__":
    sys.exit(main())
