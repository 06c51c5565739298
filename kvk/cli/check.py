"""kvk check: validate a whole records repository."""

from __future__ import annotations

import json
import sys
from enum import Enum
from typing import Annotated, List, Optional

import typer

from .app import RepoOption, app, handle_errors, open_repo


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"


@app.command()
@handle_errors
def check(
    paths: Annotated[Optional[List[str]], typer.Argument(help="Files or folders to check (default: all of data/).",
                                                          show_default=False)] = None,
    format: Annotated[CheckFormat, typer.Option("--format", "-f", help="Output format.")] = CheckFormat.text,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=1,
                                                help="Worker processes (default: one per CPU).")] = None,
    repo: RepoOption = None,
) -> None:
    """Validate records and the references between them, like a compiler.

    Every finding is one line, path:line:col: severity CODE message, on standard output; the
    summary goes to standard error. Exit 0 clean, 1 errors, 2 usage or I/O problem.

    Example:

        kvk check

        kvk check data/saker/2008 --format json
    """
    from ..checks import check_repository

    repository = open_repo(repo)
    findings, files = check_repository(repository, paths, jobs=jobs)
    errors = sum(1 for f in findings if f.severity.value == "error")
    warnings = sum(1 for f in findings if f.severity.value == "warning")
    if format is CheckFormat.json:
        json.dump({"files": files, "errors": errors, "warnings": warnings,
                   "findings": [f.to_json() for f in findings]}, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif format is CheckFormat.github:
        for f in findings:
            level = {"error": "error", "warning": "warning"}.get(f.severity.value, "notice")
            text = f"{f.code} {f.message}" + (f" (hint: {f.hint})" if f.hint else "")
            text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            print(f"::{level} file={f.path},line={f.line or 1},col={f.col or 1},title={f.code}::{text}")
    else:
        for f in findings:
            print(f.format())
    noun = "file" if files == 1 else "files"
    print(f"{files} {noun} checked: {errors} error{'s' * (errors != 1)}, "
          f"{warnings} warning{'s' * (warnings != 1)}", file=sys.stderr)
    raise typer.Exit(1 if errors else 0)
