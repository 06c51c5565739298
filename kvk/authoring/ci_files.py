"""The texts of the review files a records repository carries: the pre-commit configuration
and the GitHub Actions workflow, for ``kvk init`` to write (``--ci github`` for the workflow).
docs/review.md and docs/ci.md show the same texts; a test keeps them from drifting apart."""

from __future__ import annotations

from typing import Callable

from .. import DISTRIBUTION
from ..i18n import N_
from .lines import english

#: pip's requirement for kvk in CI (the distribution's name: "kvk" on the package index is
#: another project); a records repository pins the version it was checked with
DEFAULT_INSTALL = DISTRIBUTION


def pre_commit_config(say: Callable[[str], str] = english) -> str:
    """A .pre-commit-config.yaml running the kvk that is installed on the machine.

    ``repo: local`` rather than kvk's own git URL: the hook then checks with the same kvk the
    author uses on the command line, and works without network access. (A repository that
    wants pre-commit to install kvk itself can use kvk's .pre-commit-hooks.yaml instead; see
    docs/review.md.) The comments are in the language ``say`` translates to."""
    comment = say(N_("pre-commit hooks (https://pre-commit.com): run 'pre-commit install' once per clone.\n"
                     "The hook checks what a commit changes, and the records that refer to it (each finding once)."))
    return _commented(comment) + """\
repos:
  - repo: local
    hooks:
      - id: kvk-check
        name: kvk check
        entry: kvk check --changed HEAD
        language: system
        files: ^(kvk\\.yaml|data/.*\\.ya?ml)$
        pass_filenames: false
        require_serial: true
"""


def github_workflow(install: str = DEFAULT_INSTALL, say: Callable[[str], str] = english) -> str:
    """.github/workflows/kvk.yml: on a pull request, a semantic diff in the run's summary and
    `kvk check --changed` as annotations on the diff; on main, a full check."""
    history = say(N_("kvk compares with the main branch: it needs the history, not just the last commit"))
    return _commented(say(N_("Checks the records on every pull request and on main (see kvk's docs/ci.md)."))) + f"""\
name: kvk

on:
  pull_request:
  push:
    branches: [main]

permissions:
  contents: read

jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          # {history}
          fetch-depth: 0

      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"

      - name: Install kvk
        run: pip install "{install}"

      - name: Summarise the changed records for reviewers
        if: github.event_name == 'pull_request'
        env:
          BASE: ${{{{ github.base_ref }}}}
        run: kvk diff "origin/$BASE" --format md --public >> "$GITHUB_STEP_SUMMARY"

      - name: Check the changed records and those that refer to them
        if: github.event_name == 'pull_request'
        env:
          BASE: ${{{{ github.base_ref }}}}
        run: kvk check --changed "origin/$BASE" --format github

      - name: Check every record
        if: github.event_name != 'pull_request'
        run: kvk check --format github
"""


def _commented(text: str) -> str:
    return "".join(f"# {line}".rstrip() + "\n" for line in text.split("\n"))
