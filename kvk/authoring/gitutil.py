"""The little git kvk needs: is a path inside a work tree, is a file tracked, move it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from ..diagnostics import KvkError


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)


def available() -> bool:
    return shutil.which("git") is not None


def inside_work_tree(folder: Path) -> bool:
    if not available():
        return False
    result = _git(["rev-parse", "--is-inside-work-tree"], folder)
    return result.returncode == 0 and result.stdout.strip() == "true"


def tracked(root: Path, rel: str) -> bool:
    return available() and _git(["ls-files", "--error-unmatch", "--", rel], root).returncode == 0


def init(folder: Path) -> None:
    result = _git(["init", "--quiet"], folder)
    if result.returncode != 0:
        raise KvkError(f"git init failed: {result.stderr.strip() or result.stdout.strip()}")


def move(root: Path, old: str, new: str) -> None:
    result = _git(["mv", "--", old, new], root)
    if result.returncode != 0:
        raise KvkError(f"git mv {old} {new} failed: {result.stderr.strip()}")
